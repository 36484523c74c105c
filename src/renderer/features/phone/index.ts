export { ConnectionBanner } from './components/ConnectionBanner';
export { PhoneNotice } from './components/PhoneNotice';
export { PhonePreferencesPanel } from './components/PhonePreferencesPanel';
export { RegistrationStatus } from './components/RegistrationStatus';
export { getPhoneService, sipCallSource, usePhoneStore } from './phone-store';
export { loadPhonePreferences } from './phone-preferences';
export { isDtmfDigit } from './dtmf';
export { setLocalStreamOverride, type LocalStreamOverride } from './media-override';
export type { InviteInterceptor } from './phone-service';
