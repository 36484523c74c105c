export { LanguageSelect } from './components/LanguageSelect';
export { onSettingsSaved, useSettingsStore } from './settings-store';
/** The settings open on demand: their code loads then (app/lazy-part). */
export const loadSettingsForm = () => import('./components/SettingsForm').then((m) => m.SettingsForm);
