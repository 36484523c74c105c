export { ConnectionBanner } from './components/ConnectionBanner';
export { PhoneNotice } from './components/PhoneNotice';
export { RegistrationStatus } from './components/RegistrationStatus';
export { getPhoneService, livePracticeScenario, sipCallSource, usePhoneStore } from './phone-store';
export { loadPhonePreferences } from './phone-preferences';
export { isDtmfDigit } from './dtmf';
export { setLocalStreamOverride, type LocalStreamOverride } from './media-override';
export type { InviteInterceptor } from './phone-service';
/** Part of the settings, which open on demand: its code loads then (app/lazy-part). */
export const loadPhonePreferencesPanel = () => import('./components/PhonePreferencesPanel').then((m) => m.PhonePreferencesPanel);
