import { create } from 'zustand';
import type { AlertRaise, FloorAlert } from '../../../shared/domain/floor';
import { bridge } from '../../ipc/bridge';
import { unwrap } from '../../ipc/ipc-call-error';

/** How often the agent's desk asks whether a lead took its alert. */
export const ALERT_STATUS_POLL_MS = 2_000;
/** Polls per alert at most (30 min): a lead answers long before. */
const MAX_POLLS = 900;

interface AgentAlertState {
  /** The alert this desk raised last, as the centre has it now; null: none, or it went by SIP MESSAGE. */
  alert: FloorAlert | null;
  /** The centre could not be reached: the SIP MESSAGE fallback went instead. */
  fallback: boolean;
}

export const useAgentAlertStore = create<AgentAlertState>()(() => ({ alert: null, fallback: false }));

let polling: ReturnType<typeof setTimeout> | null = null;

/**
 * Raises an emergency on the centre for the call in front. True when the
 * centre has it (every lead of the team sees it at once); false when it could
 * not be reached (the caller then sends the SIP MESSAGE).
 */
export async function raiseEmergency(raise: AlertRaise): Promise<boolean> {
  let reply;
  try {
    reply = await unwrap(bridge().floor.raiseEmergency(raise));
  } catch {
    reply = null;
  }
  if (!reply || reply.outcome !== 'posted') {
    useAgentAlertStore.setState({ alert: null, fallback: true });
    return false;
  }
  useAgentAlertStore.setState({ alert: reply.alert, fallback: false });
  follow(reply.alert.id, 0);
  return true;
}

/** Until a lead takes it: ask the centre every 2 s (the agent has no floor stream). */
function follow(id: string, polls: number): void {
  if (polling) clearTimeout(polling);
  polling = null;
  const current = useAgentAlertStore.getState().alert;
  if (!current || current.id !== id || current.acknowledgedBy || polls >= MAX_POLLS) return;
  polling = setTimeout(async () => {
    polling = null;
    try {
      const { alert } = await unwrap(bridge().floor.alertStatus({ id }));
      if (alert && useAgentAlertStore.getState().alert?.id === id) useAgentAlertStore.setState({ alert });
    } catch {
      // Asked again at the next turn.
    }
    follow(id, polls + 1);
  }, ALERT_STATUS_POLL_MS);
}

/** The call ended and its strip closed: nothing more to show. */
export function clearAgentAlert(): void {
  if (polling) clearTimeout(polling);
  polling = null;
  useAgentAlertStore.setState({ alert: null, fallback: false });
}
