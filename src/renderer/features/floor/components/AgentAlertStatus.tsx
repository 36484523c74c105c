import { useTranslation } from 'react-i18next';
import { useAgentAlertStore } from '../agent-alert';
import '../floor.css';

/** On the agent's desk: the emergency went to the leads; and which lead took it. */
export function AgentAlertStatus() {
  const { t } = useTranslation('floor');
  const alert = useAgentAlertStore((state) => state.alert);
  const fallback = useAgentAlertStore((state) => state.fallback);
  if (fallback) {
    return (
      <p className="floor-agent-alert notice notice--warning" data-testid="agent-alert-status" data-state="fallback">
        {t('agentAlert.fallback')}
      </p>
    );
  }
  if (!alert) return null;
  const taken = alert.acknowledgedBy;
  return (
    <p className={`floor-agent-alert notice ${taken ? 'notice--success' : 'notice--warning'}`} role="status" data-testid="agent-alert-status" data-state={taken ? 'taken' : 'waiting'}>
      {taken ? t('agentAlert.taken', { name: taken.name }) : t('agentAlert.sent')}
    </p>
  );
}
