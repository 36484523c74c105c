import { create } from 'zustand';
import type { TicketFields } from '../../../shared/domain/ticket-draft';
import { bridge } from '../../ipc/bridge';
import { errorKeyOf, unwrap } from '../../ipc/ipc-call-error';
import { SaveScheduler } from './save-scheduler';
import { ticketFieldError, type TicketField } from './ticket-fields';

export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

interface TicketState {
  draftId: string | null;
  callId: string | null;
  opening: boolean;
  /** i18n key when opening the draft failed. */
  openError: string | null;
  fields: TicketFields;
  fieldErrors: Partial<Record<TicketField, string>>;
  saveState: SaveState;
  /** Main's updatedAt of the newest save we know of. */
  savedAt: number | null;
  /** i18n key of the last save error. */
  saveError: string | null;

  openForCall(call: { callId: string; callerNumber: string; callerName: string }): Promise<void>;
  edit(field: TicketField, value: string): void;
  /** Saves pending edits now (blur, hang-up, window closing). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

const EMPTY_FIELDS: TicketFields = { callerName: '', callerNumber: '', summary: '', description: '' };

/** Fields edited since they were last sent. Only these go into the next save. */
const dirty = new Set<TicketField>();
/** The newest revision main has confirmed; older replies must not move savedAt back. */
let confirmedRevision = -1;

async function saveDirtyFields(): Promise<void> {
  const { draftId, fields } = useTicketStore.getState();
  if (!draftId) return;
  const sendable = [...dirty].filter((field) => ticketFieldError(field, fields[field]) === null);
  if (sendable.length === 0) {
    // Nothing valid to send (e.g. a field is too long): stay "pending", the error shows.
    if (dirty.size === 0 && useTicketStore.getState().saveState === 'pending') {
      useTicketStore.setState({ saveState: 'saved' });
    }
    return;
  }
  const changes: Partial<TicketFields> = {};
  for (const field of sendable) {
    changes[field] = fields[field];
    dirty.delete(field);
  }
  useTicketStore.setState({ saveState: 'saving' });
  try {
    const saved = await unwrap(bridge().drafts.save({ id: draftId, fields: changes }));
    if (useTicketStore.getState().draftId !== draftId) return;
    if (saved.revision > confirmedRevision) {
      confirmedRevision = saved.revision;
      useTicketStore.setState({ savedAt: saved.updatedAt });
    }
    useTicketStore.setState({
      saveState: dirty.size > 0 || scheduler.hasPending ? 'pending' : 'saved',
      saveError: null,
    });
  } catch (error) {
    if (useTicketStore.getState().draftId !== draftId) return;
    // Put the fields back, unless they were edited again meanwhile (then they are dirty anyway).
    for (const field of sendable) dirty.add(field);
    useTicketStore.setState({ saveState: 'error', saveError: errorKeyOf(error) });
  }
}

const scheduler = new SaveScheduler(saveDirtyFields);

function resetDraft(): void {
  scheduler.cancel();
  dirty.clear();
  confirmedRevision = -1;
}

export const useTicketStore = create<TicketState>()((set, get) => ({
  draftId: null,
  callId: null,
  opening: false,
  openError: null,
  fields: EMPTY_FIELDS,
  fieldErrors: {},
  saveState: 'idle',
  savedAt: null,
  saveError: null,

  openForCall: async (call) => {
    // The previous draft (if the agent left it open) keeps its last edits.
    await get().flush();
    resetDraft();
    set({
      draftId: null,
      callId: call.callId,
      opening: true,
      openError: null,
      fields: EMPTY_FIELDS,
      fieldErrors: {},
      saveState: 'idle',
      savedAt: null,
      saveError: null,
    });
    try {
      const draft = await unwrap(bridge().drafts.openForCall(call));
      if (get().callId !== call.callId) return; // another call took over meanwhile
      confirmedRevision = draft.revision;
      set({
        draftId: draft.id,
        opening: false,
        fields: {
          callerName: draft.callerName,
          callerNumber: draft.callerNumber,
          summary: draft.summary,
          description: draft.description,
        },
        savedAt: draft.updatedAt,
      });
    } catch (error) {
      if (get().callId !== call.callId) return;
      set({ opening: false, openError: errorKeyOf(error) });
    }
  },

  edit: (field, value) => {
    if (!get().draftId) return;
    const error = ticketFieldError(field, value);
    set((state) => ({
      fields: { ...state.fields, [field]: value },
      fieldErrors: { ...state.fieldErrors, [field]: error ?? undefined },
      saveState: state.saveState === 'saving' ? 'saving' : 'pending',
    }));
    dirty.add(field);
    scheduler.touch();
  },

  flush: () => {
    // Also retries fields whose last save failed (no timer is pending for those).
    if (dirty.size > 0) scheduler.touch();
    return scheduler.flush();
  },

  close: async () => {
    await get().flush();
    resetDraft();
    set({
      draftId: null,
      callId: null,
      opening: false,
      openError: null,
      fields: EMPTY_FIELDS,
      fieldErrors: {},
      saveState: 'idle',
      savedAt: null,
      saveError: null,
    });
  },
}));
