import { isCleartextToNetwork } from '../../../shared/domain/loopback';
import type { Language, Settings, SettingsSaveRequest } from '../../../shared/domain/settings';

/** What the form's inputs hold: plain strings, exactly as typed. */
export interface SettingsFormValues {
  wsServer: string;
  sipUri: string;
  authUser: string;
  password: string;
  displayName: string;
  workNumber: string;
  city: string;
  /** Blank: main spells the city in pinyin for English text. */
  cityEn: string;
  /** The agent accepted an unencrypted ws:// server that is not this machine (a checkbox, shown only then). */
  insecureWsAcknowledged?: boolean;
}

export type SettingsField = Exclude<keyof SettingsFormValues, 'insecureWsAcknowledged'>;
export const SETTINGS_FIELDS: readonly SettingsField[] = [
  'wsServer',
  'sipUri',
  'authUser',
  'password',
  'displayName',
  'workNumber',
  'city',
  'cityEn',
];

export const EMPTY_FORM: SettingsFormValues = {
  wsServer: '',
  sipUri: '',
  authUser: '',
  password: '',
  displayName: '',
  workNumber: '',
  city: '',
  cityEn: '',
};

/** The form prefilled from stored settings. The password is never sent back to us. */
export function formValuesFrom(settings: Settings | null): SettingsFormValues {
  if (!settings) return EMPTY_FORM;
  return {
    ...settings.account,
    ...settings.agent,
    cityEn: settings.agent.cityEn ?? '',
    password: '',
  };
}

/** The request as the contract wants it: an empty password means "keep the stored one". */
export function toSaveRequest(values: SettingsFormValues, language: Language): SettingsSaveRequest {
  const request: SettingsSaveRequest = {
    account: {
      wsServer: values.wsServer,
      sipUri: values.sipUri,
      authUser: values.authUser,
      displayName: values.displayName,
      ...(values.insecureWsAcknowledged && isCleartextToNetwork(values.wsServer, 'ws:') ? { insecureWsAcknowledged: true } : {}),
    },
    agent: { workNumber: values.workNumber, city: values.city, ...(values.cityEn.trim() ? { cityEn: values.cityEn } : {}) },
    language,
  };
  if (values.password !== '') request.password = values.password;
  return request;
}
