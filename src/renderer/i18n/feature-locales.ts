import type { i18n as I18n, Resource } from 'i18next';
import type { Language } from '../../shared/domain/settings';
import { agentEn, agentZhCN } from '../features/agent-state/locales';
import { devicesEn, devicesZhCN } from '../features/devices/locales';
import { dispatchEn, dispatchZhCN } from '../features/dispatch/locales';
import { floorEn, floorZhCN } from '../features/floor/locales';
import { guidanceEn, guidanceZhCN } from '../features/guidance/locales';
import { headsetEn, headsetZhCN } from '../features/headset/locales';
import { historyEn, historyZhCN } from '../features/history/locales';
import { phoneEn, phoneZhCN } from '../features/phone/locales';
import { practiceEn, practiceZhCN } from '../features/practice/locales';
import { scorecardEn, scorecardZhCN } from '../features/scorecard/locales';
import { recordingEn, recordingZhCN } from '../features/recording/locales';
import { signInEn, signInZhCN } from '../features/sign-in/locales';
import { syncEn, syncZhCN } from '../features/sync/locales';
import { monitorEn, monitorZhCN } from '../features/monitor/locales';
import { welcomeEn, welcomeZhCN } from '../features/welcome/locales';
import { workOrderEn } from '../features/work-order/locales/en';
import { workOrderZhCN } from '../features/work-order/locales/zh-CN';

const withoutErrors = <T extends { errors?: unknown }>({ errors: _errors, ...rest }: T): Omit<T, 'errors'> => rest;

/**
 * One i18next namespace per feature, each the feature's own strings (a
 * component says `useTranslation('<namespace>')`; keys not found there fall
 * back to the app's `translation`). A feature's `errors.*` (validation
 * messages the shared schemas name) join the app's shared errors instead.
 *
 * These are the namespaces of features the first screen can show: i18next is
 * given them at init as they are (no copy, no merge). The namespaces of parts
 * loaded only when first shown are in `LATER_NAMESPACES`.
 */
export const FEATURE_NAMESPACES = {
  'zh-CN': {
    workOrder: withoutErrors(workOrderZhCN),
    sync: syncZhCN,
    history: historyZhCN,
    phone: phoneZhCN,
    guidance: guidanceZhCN,
    agentState: withoutErrors(agentZhCN),
    devices: devicesZhCN,
    headset: headsetZhCN,
    signIn: signInZhCN,
    dispatch: dispatchZhCN,
    floor: floorZhCN,
    practice: practiceZhCN,
    scorecard: scorecardZhCN,
    monitor: monitorZhCN,
    recording: recordingZhCN,
    welcome: welcomeZhCN,
  },
  en: {
    workOrder: withoutErrors(workOrderEn),
    sync: syncEn,
    history: historyEn,
    phone: phoneEn,
    guidance: guidanceEn,
    agentState: withoutErrors(agentEn),
    devices: devicesEn,
    headset: headsetEn,
    signIn: signInEn,
    dispatch: dispatchEn,
    floor: floorEn,
    practice: practiceEn,
    scorecard: scorecardEn,
    monitor: monitorEn,
    recording: recordingEn,
    welcome: welcomeEn,
  },
} as const;

type Bundles = Record<Language, object>;

/**
 * The namespaces of features that are lazy parts of the UI (the replay, the
 * knowledge pane): their strings are in the part's chunk and reach i18next
 * when the part first loads (`withNamespace`), not at start.
 */
export const LATER_NAMESPACES = {
  replay: () => import('../features/replay/locales').then((m) => ({ 'zh-CN': m.replayZhCN, en: m.replayEn })),
  knowledge: () => import('../features/knowledge/locales').then((m) => ({ 'zh-CN': m.knowledgeZhCN, en: m.knowledgeEn })),
} satisfies Record<string, () => Promise<Bundles>>;

export type LaterNamespace = keyof typeof LATER_NAMESPACES;

/** The validation messages features add to the shared `errors.*`. */
export const FEATURE_ERRORS = {
  'zh-CN': [workOrderZhCN.errors, agentZhCN.errors],
  en: [workOrderEn.errors, agentEn.errors],
} as const;

/**
 * What i18next starts with: per language the app's strings (with the
 * features' errors joined to its `errors`) and the first screen's namespaces.
 * Built by spreading, so i18next neither copies nor deep-merges a bundle at start.
 */
export function startResources(app: Record<Language, { errors: object }>): Resource {
  const resources: Resource = {};
  for (const language of ['zh-CN', 'en'] as const) {
    const errors = Object.assign({}, app[language].errors, ...FEATURE_ERRORS[language]) as object;
    resources[language] = { translation: { ...app[language], errors }, ...FEATURE_NAMESPACES[language] } as Resource[string];
  }
  return resources;
}

/** Adds a lazy part's namespace (both languages) the first time it is asked for. */
export async function addLaterNamespace(i18n: I18n, namespace: LaterNamespace): Promise<void> {
  if (i18n.hasResourceBundle('zh-CN', namespace)) return;
  const bundles: Bundles = await LATER_NAMESPACES[namespace]();
  for (const [language, bundle] of Object.entries(bundles)) {
    if (!i18n.hasResourceBundle(language, namespace)) i18n.addResourceBundle(language, namespace, bundle, false, false, { skipCopy: true });
  }
}
