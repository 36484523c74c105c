/**
 * Everything live guidance reads from other features, in this one file: the
 * work order being typed, the call, the agent's settings, the phone's SIP
 * hooks. When one of those features changes shape, only this file changes.
 */
import { RECOVERY_BREAK_REASON } from '../../../shared/domain/agent-state';
import type { WorkOrderDraft } from '../../../shared/domain/work-order';
import type { TicketSnapshot } from '../../../shared/guidance/rules/types';
import { useAgentStateStore } from '../agent-state/agent-state-store';
import { getPhoneService } from '../phone/phone-store';
import { usePhoneStore, type CallView } from '../phone/phone-store';
import { useSettingsStore } from '../settings/settings-store';
import { useWorkOrderStore } from '../work-order/work-order-store';
import type { WorkOrderFacts } from './script-progress';

export type { CallView };

// ---- The work order ------------------------------------------------------------

export interface WorkOrderReading {
  /** The call the open work order belongs to (null: none open, or not for a call). */
  callId: string | null;
  /** What the rule engine reads (danger words, out-of-scope topics, the summary for the four-part card). */
  ticket: TicketSnapshot;
  /** What the script steps read. */
  facts: WorkOrderFacts;
  address: string;
}

/** Out-of-scope reasons as words the pack's term lists know ("discipline-inspection" → "discipline inspection"). */
const reasonWords = (reason: string | null): string => (reason ? reason.replace(/-/g, ' ') : '');

export function readWorkOrder(fields: WorkOrderDraft, callId: string | null, departmentName: (id: string) => string): WorkOrderReading {
  const scope = fields.scope;
  const outOfScope = scope.decision === 'out-of-scope';
  const category = [fields.type ?? '', fields.domain ?? '', outOfScope ? reasonWords(scope.reason) : ''].filter(Boolean).join(' ');
  const notes = [fields.description, outOfScope ? scope.reasonDetail : '', fields.commitment.what].filter((text) => text.trim() !== '').join('\n');
  return {
    callId,
    ticket: {
      category,
      summary: fields.summary,
      notes,
      department: fields.departmentIds.map(departmentName).join('、'),
    },
    facts: {
      summary: fields.summary,
      description: fields.description,
      scopeDecided: scope.decision !== 'undecided',
      outOfScope,
      channel: scope.channel,
      departmentCount: fields.departmentIds.length,
      typeChosen: fields.type !== null,
      commitment: fields.commitment.what,
      dueDate: fields.commitment.dueDate,
    },
    address: fields.address,
  };
}

function currentWorkOrder(): WorkOrderReading {
  const state = useWorkOrderStore.getState();
  const names = new Map(state.departments.map((d) => [d.id, d.nameZh]));
  return readWorkOrder(state.fields, state.id ? state.callId : null, (id) => names.get(id) ?? id);
}

/** Calls `listener` whenever the open work order's fields change (and once now). */
export function watchWorkOrder(listener: (reading: WorkOrderReading) => void): () => void {
  listener(currentWorkOrder());
  return useWorkOrderStore.subscribe((state, previous) => {
    if (state.fields !== previous.fields || state.id !== previous.id || state.callId !== previous.callId) listener(currentWorkOrder());
  });
}

export const readCurrentWorkOrder = currentWorkOrder;

// ---- The call --------------------------------------------------------------------

export function watchCall(listener: (call: CallView | null, previous: CallView | null) => void): () => void {
  listener(usePhoneStore.getState().call, null);
  return usePhoneStore.subscribe((state, previous) => {
    if (state.call !== previous.call) listener(state.call, previous.call);
  });
}

export function currentCall(): CallView | null {
  return usePhoneStore.getState().call;
}

/** Runs `fn` once the frame showing the current call change has been painted. */
export { afterPaint } from '../phone/perf-marks';

// ---- The agent -------------------------------------------------------------------

export function agentIdentity(): { name: string; workNumber: string; city: string } {
  const settings = useSettingsStore.getState().view?.settings;
  return {
    name: settings?.account.displayName ?? '',
    workNumber: settings?.agent.workNumber ?? '',
    city: settings?.agent.city ?? '',
  };
}

export function watchAgentIdentity(listener: () => void): () => void {
  return useSettingsStore.subscribe((state, previous) => {
    if (state.view !== previous.view) listener();
  });
}

/**
 * The short recovery after an abusive call: the agent goes on Break with the
 * recovery reason, through the agent-state store (so the PBX stops offering
 * calls and the state log has it). The reason is used even where the desk's
 * configured list no longer names it. True when the agent is now on that break.
 */
export function requestRecoveryBreak(): boolean {
  const store = useAgentStateStore.getState();
  store.send({ type: 'break', reason: RECOVERY_BREAK_REASON }, 'agent');
  const { state } = useAgentStateStore.getState();
  return state.status === 'break' && state.breakReason === RECOVERY_BREAK_REASON;
}

// ---- The phone's SIP hooks ---------------------------------------------------------

export function sendSipMessage(target: string, body: string, contentType: string): Promise<void> {
  return getPhoneService().sendMessage(target, body, contentType);
}

export function onSipMessage(listener: (message: { from: string; body: string; contentType: string }) => void): () => void {
  return getPhoneService().onMessage(listener);
}

/** The current call's two audio streams (microphone and caller), once answered. */
export function callStreams(): { local: MediaStream | null; remote: MediaStream | null } {
  return getPhoneService().callStreams();
}
