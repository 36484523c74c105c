import { useTranslation } from 'react-i18next';
import { useMonitorStore } from '../monitor-desk';

/** On the agent's desk: a lead on the call, when the agent is to be shown (whisper, barge, take over always; listen by the centre's setting). */
export function MonitorNotice() {
  const { t } = useTranslation('monitor');
  const status = useMonitorStore((s) => s.onMyCall);
  if (!status) return null;
  return (
    <div className="notice notice--warning monitor-notice" role="status" data-testid="monitor-notice" data-mode={status.mode}>
      {t(`agentNotice.${status.mode}`, { name: status.lead.name, workNumber: status.lead.workNumber })}
    </div>
  );
}
