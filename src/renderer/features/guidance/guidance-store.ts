import { create } from 'zustand';
import type { ScriptPack, ScriptStepId } from '../../../shared/guidance/scripts/schema';
import type { GuidanceSettings, PackProblemView } from '../../../shared/ipc/contract-guidance';
import { callStateFor, type GuidanceCallState } from './guidance-session';
import type { LeadAlert } from './lead-alert';

export type { AudioState, LeadAlertState, RecoveryState } from './guidance-session';

export interface ReceivedAlert extends LeadAlert {
  from: string;
  receivedAt: number;
}

/**
 * What the guidance UI shows: the desk's pack, settings and alerts, and the
 * guidance of the call in front (a read-only projection of that call's
 * session; `callId` null when no call is in front). The guidance desk
 * (guidance-desk.ts) is the only writer.
 */
export interface GuidanceState extends Omit<GuidanceCallState, 'callId'> {
  /** Null until main sends the pack in use (a few ms after start); main validated it. */
  pack: ScriptPack | null;
  packSource: 'folder' | 'default';
  packFile: string;
  packProblems: PackProblemView[];
  settings: GuidanceSettings;
  /** The call whose guidance is shown (kept after it ends until its panel closes). */
  callId: string | null;
  libraryOpen: boolean;
  receivedAlerts: ReceivedAlert[];
  /** Id of the phrase just copied (for a short "copied" mark). */
  copied: string | null;
  /** The shell mounted the full-width EmergencyStrip; the guidance pane then leaves the emergency to it. */
  emergencyStripMounted: boolean;
}

/** No call in front: nothing to show. */
export const NO_CALL = callStateFor(null);

export const useGuidanceStore = create<GuidanceState>()(() => ({
  ...NO_CALL,
  pack: null,
  packSource: 'default',
  packFile: '',
  packProblems: [],
  settings: { teamLeadUri: '' },
  libraryOpen: false,
  receivedAlerts: [],
  copied: null,
  emergencyStripMounted: false,
}));

export type { ScriptStepId };
