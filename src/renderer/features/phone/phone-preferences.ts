import { create } from 'zustand';
import { DEFAULT_AUTO_ANSWER, type AutoAnswerSettings } from './auto-answer';
import type { DtmfMode } from './dtmf';

/**
 * Per-workstation phone preferences: DTMF method, auto-answer, backup servers.
 * Kept in the renderer's localStorage for now; the shape is meant to move into
 * the settings in SQLite (src/shared/domain/settings.ts) once main takes it.
 */
export interface PhonePreferences {
  dtmfMode: DtmfMode;
  autoAnswer: AutoAnswerSettings;
  /** Backup WebSocket servers, tried after the primary one (failover). */
  backupServers: string[];
}

export const DEFAULT_PREFERENCES: PhonePreferences = {
  dtmfMode: 'rfc4733',
  autoAnswer: DEFAULT_AUTO_ANSWER,
  backupServers: [],
};

const STORAGE_KEY = 'hotline.phonePreferences.v1';

export function parsePreferences(text: string | null): PhonePreferences {
  if (!text) return DEFAULT_PREFERENCES;
  try {
    const raw = JSON.parse(text) as Partial<PhonePreferences>;
    const autoAnswer = raw.autoAnswer ?? DEFAULT_AUTO_ANSWER;
    return {
      dtmfMode: raw.dtmfMode === 'info' ? 'info' : 'rfc4733',
      autoAnswer: {
        mode: autoAnswer.mode === 'after' || autoAnswer.mode === 'header' ? autoAnswer.mode : 'off',
        seconds: typeof autoAnswer.seconds === 'number' ? autoAnswer.seconds : DEFAULT_AUTO_ANSWER.seconds,
      },
      backupServers: Array.isArray(raw.backupServers) ? raw.backupServers.filter((s) => typeof s === 'string') : [],
    };
  } catch {
    return DEFAULT_PREFERENCES;
  }
}

function load(): PhonePreferences {
  try {
    return parsePreferences(globalThis.localStorage?.getItem(STORAGE_KEY) ?? null);
  } catch {
    return DEFAULT_PREFERENCES;
  }
}

interface PreferencesState {
  preferences: PhonePreferences;
  update(change: Partial<PhonePreferences>): void;
}

export const usePhonePreferences = create<PreferencesState>()((set, get) => ({
  preferences: load(),
  update: (change) => {
    const preferences = { ...get().preferences, ...change };
    set({ preferences });
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(preferences));
    } catch {
      // Storage full or unavailable: the preference holds until the app closes.
    }
  },
}));

/** For the phone service, which must not subscribe to React. */
export function currentPreferences(): PhonePreferences {
  return usePhonePreferences.getState().preferences;
}
