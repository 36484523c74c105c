import { create } from 'zustand';
import type { TalkStats } from '../../../shared/guidance/audio/types';
import type { CallFlag, GuidancePrompt } from '../../../shared/guidance/rules/types';
import type { ScriptPack, ScriptStepId } from '../../../shared/guidance/scripts/schema';
import type { TemplateValues } from '../../../shared/guidance/scripts/text';
import type { GuidanceSettings, PackProblemView } from '../../../shared/ipc/contract-guidance';
import type { LeadAlert } from './lead-alert';
import type { StepTicks } from './script-progress';

export type AudioState = 'off' | 'starting' | 'on' | 'unavailable';
export type LeadAlertState = { state: 'idle' | 'sending' | 'sent' | 'failed' | 'no-target'; error?: string };
export type RecoveryState = 'none' | 'offered' | 'accepted' | 'declined';
export interface ReceivedAlert extends LeadAlert {
  from: string;
  receivedAt: number;
}

/** What the guidance UI shows. The controller (guidance-controller.ts) is the only writer. */
export interface GuidanceState {
  /** Null until main sends the pack in use (a few ms after start); main validated it. */
  pack: ScriptPack | null;
  packSource: 'folder' | 'default';
  packFile: string;
  packProblems: PackProblemView[];
  settings: GuidanceSettings;
  /** The call guidance follows (kept after it ends until the next one). */
  callId: string | null;
  live: boolean;
  prompts: GuidancePrompt[];
  flags: CallFlag[];
  ticks: StepTicks;
  /** Fills the phrases' placeholders: summary, city, work number, department, deadline. */
  values: TemplateValues;
  libraryOpen: boolean;
  leadAlert: LeadAlertState;
  receivedAlerts: ReceivedAlert[];
  recovery: RecoveryState;
  audio: AudioState;
  talk: TalkStats | null;
  /** Id of the phrase just copied (for a short "copied" mark). */
  copied: string | null;
}

export const useGuidanceStore = create<GuidanceState>()(() => ({
  pack: null,
  packSource: 'default',
  packFile: '',
  packProblems: [],
  settings: { teamLeadUri: '' },
  callId: null,
  live: false,
  prompts: [],
  flags: [],
  ticks: {},
  values: {},
  libraryOpen: false,
  leadAlert: { state: 'idle' },
  receivedAlerts: [],
  recovery: 'none',
  audio: 'off',
  talk: null,
  copied: null,
}));

export type { ScriptStepId };
