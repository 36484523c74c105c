import { useTranslation } from 'react-i18next';
import type { FloorAgent } from '../../../../shared/domain/floor';
import { floorCallView, type PbxPresence } from '../../../../shared/domain/floor-presence';
import { clockTime, duration } from '../floor-time';
import './pbx-call.css';

export interface PbxCallProps {
  agent: FloorAgent;
  pbx: PbxPresence | undefined;
  serverNow: number;
  toLocal: number;
}

/**
 * The call cell of an agent whose desk is not heard from, from the PBX's
 * dialog-info: "通话中（交换机）" with its time and the other party, or when the
 * PBX saw the call end; nothing when the desk speaks for itself.
 */
export function PbxCall({ agent, pbx, serverNow, toLocal }: PbxCallProps) {
  const { t } = useTranslation('floor');
  const view = floorCallView(agent, pbx, serverNow);
  if (view.source === 'pbx') {
    return (
      <span className="floor-pbx" data-testid="floor-row-pbx" data-pbx-phase={view.phase}>
        {t(`pbx.${view.phase}`)}
        {view.since !== null && <span className="floor-time"> {duration(serverNow - view.since)}</span>}
        {view.remote && <span className="floor-caller"> {view.remote}</span>}
      </span>
    );
  }
  if (view.source === 'pbx-ended') {
    return (
      <span className="floor-pbx" data-testid="floor-row-pbx" data-pbx-phase="ended">
        {t('pbx.ended', { time: clockTime(view.endedAt - toLocal) })}
      </span>
    );
  }
  return null;
}
