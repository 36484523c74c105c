import { create } from 'zustand';
import {
  MAX_BACKUP_SERVERS,
  PhonePreferencesSchema,
  type PhonePreferencesData,
} from '../../../shared/domain/phone-preferences';
import { bridge } from '../../ipc/bridge';
import { unwrap } from '../../ipc/ipc-call-error';
import { DEFAULT_AUTO_ANSWER, MAX_AUTO_ANSWER_SECONDS, type AutoAnswerSettings } from './auto-answer';
import type { DtmfMode } from './dtmf';
import { parseServerList } from './server-list';
import { setSipInstanceId } from './registration/instance-id';

/**
 * Per-workstation phone preferences: DTMF method, auto-answer, backup servers.
 * Main keeps them in SQLite (settings key `phonePreferences`, schema in
 * src/shared/domain/phone-preferences.ts); they are loaded at start, before the
 * phone registers. Older versions kept them in localStorage: those values are
 * moved to SQLite once (when main has none yet) and then removed.
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

export const LEGACY_STORAGE_KEY = 'hotline.phonePreferences.v1';

/** Reads the old localStorage value leniently, clamped to what main accepts. */
export function parsePreferences(text: string | null): PhonePreferences {
  if (!text) return DEFAULT_PREFERENCES;
  try {
    const raw = JSON.parse(text) as Partial<PhonePreferences>;
    const autoAnswer = raw.autoAnswer ?? DEFAULT_AUTO_ANSWER;
    const seconds = typeof autoAnswer.seconds === 'number' && Number.isFinite(autoAnswer.seconds) ? autoAnswer.seconds : DEFAULT_AUTO_ANSWER.seconds;
    const servers = Array.isArray(raw.backupServers) ? raw.backupServers.filter((s) => typeof s === 'string') : [];
    return {
      dtmfMode: raw.dtmfMode === 'info' ? 'info' : 'rfc4733',
      autoAnswer: {
        mode: autoAnswer.mode === 'after' || autoAnswer.mode === 'header' ? autoAnswer.mode : 'off',
        seconds: Math.min(MAX_AUTO_ANSWER_SECONDS, Math.max(0, Math.round(seconds))),
      },
      backupServers: parseServerList(servers.join('\n')).servers.slice(0, MAX_BACKUP_SERVERS),
    };
  } catch {
    return DEFAULT_PREFERENCES;
  }
}

/** Where preferences live: main over IPC; tests pass a fake. */
export interface PreferencesBackend {
  get(): Promise<PhonePreferencesData | null>;
  save(preferences: PhonePreferencesData): Promise<PhonePreferencesData | null>;
}

const ipcBackend: PreferencesBackend = {
  get: async () => {
    const view = await unwrap(bridge().phone.getPreferences({}));
    setSipInstanceId(view.instanceId);
    return view.preferences;
  },
  save: async (preferences) => (await unwrap(bridge().phone.savePreferences(preferences))).preferences,
};

type LegacyStorage = Pick<Storage, 'getItem' | 'removeItem'>;
const browserStorage = (): LegacyStorage | null => {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
};

interface PreferencesState {
  preferences: PhonePreferences;
  /** True once the stored preferences have been read (or reading failed and defaults apply). */
  loaded: boolean;
  /** i18n key of the last failed save, or null. */
  saveError: string | null;
  update(change: Partial<PhonePreferences>): void;
}

let backend: PreferencesBackend = ipcBackend;
/** Saves one after another, so an older save never lands after a newer one. */
let saving: Promise<void> = Promise.resolve();

export const usePhonePreferences = create<PreferencesState>()((set, get) => ({
  preferences: DEFAULT_PREFERENCES,
  loaded: false,
  saveError: null,
  update: (change) => {
    const preferences = { ...get().preferences, ...change };
    set({ preferences });
    const valid = PhonePreferencesSchema.safeParse(preferences);
    if (!valid.success) return; // e.g. a half-typed seconds value: kept on screen, not stored.
    saving = saving
      .then(() => backend.save(valid.data))
      .then(
        () => set({ saveError: null }),
        (error: unknown) => {
          console.warn('Could not save the phone preferences', error);
          set({ saveError: 'phonePrefs.saveFailed' });
        },
      );
  },
}));

/**
 * Loads the stored preferences (at start, before the phone registers). When
 * main has none yet, the old localStorage values are saved to main once and
 * then removed; if that save fails they stay in localStorage for the next start.
 */
export async function loadPhonePreferences(
  options: { backend?: PreferencesBackend; storage?: LegacyStorage | null } = {},
): Promise<PhonePreferences> {
  if (options.backend) backend = options.backend;
  const storage = options.storage === undefined ? browserStorage() : options.storage;
  let preferences: PhonePreferences = DEFAULT_PREFERENCES;
  try {
    const stored = await backend.get();
    if (stored) {
      preferences = stored;
    } else {
      const legacy = storage?.getItem(LEGACY_STORAGE_KEY) ?? null;
      if (legacy !== null) {
        preferences = parsePreferences(legacy);
        await backend.save(preferences);
        storage?.removeItem(LEGACY_STORAGE_KEY);
      }
    }
  } catch (error) {
    console.warn('Could not load the phone preferences; using defaults', error);
  }
  usePhonePreferences.setState({ preferences, loaded: true });
  return preferences;
}

/** For the phone service, which must not subscribe to React. */
export function currentPreferences(): PhonePreferences {
  return usePhonePreferences.getState().preferences;
}
