import type { i18n as I18n } from 'i18next';
import { agentEn, agentZhCN } from '../features/agent-state/locales';
import { devicesEn, devicesZhCN } from '../features/devices/locales';
import { dispatchEn, dispatchZhCN } from '../features/dispatch/locales';
import { floorEn, floorZhCN } from '../features/floor/locales';
import { guidanceEn, guidanceZhCN } from '../features/guidance/locales';
import { headsetEn, headsetZhCN } from '../features/headset/locales';
import { historyEn, historyZhCN } from '../features/history/locales';
import { knowledgeEn, knowledgeZhCN } from '../features/knowledge/locales';
import { phoneEn, phoneZhCN } from '../features/phone/locales';
import { practiceEn, practiceZhCN } from '../features/practice/locales';
import { scorecardEn, scorecardZhCN } from '../features/scorecard/locales';
import { replayEn, replayZhCN } from '../features/replay/locales';
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
    knowledge: knowledgeZhCN,
    floor: floorZhCN,
    practice: practiceZhCN,
    scorecard: scorecardZhCN,
    replay: replayZhCN,
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
    knowledge: knowledgeEn,
    floor: floorEn,
    practice: practiceEn,
    scorecard: scorecardEn,
    replay: replayEn,
    monitor: monitorEn,
    recording: recordingEn,
    welcome: welcomeEn,
  },
} as const;

export type FeatureNamespace = keyof (typeof FEATURE_NAMESPACES)['zh-CN'];

/** The validation messages features add to the shared `errors.*`. */
export const FEATURE_ERRORS = {
  'zh-CN': [workOrderZhCN.errors, agentZhCN.errors],
  en: [workOrderEn.errors, agentEn.errors],
} as const;

export function addFeatureLocales(i18n: I18n): void {
  for (const [language, namespaces] of Object.entries(FEATURE_NAMESPACES)) {
    for (const [namespace, bundle] of Object.entries(namespaces)) i18n.addResourceBundle(language, namespace, bundle, true, false);
  }
  for (const [language, bundles] of Object.entries(FEATURE_ERRORS)) {
    for (const errors of bundles) i18n.addResourceBundle(language, 'translation', { errors }, true, false);
  }
}
