export { SettingsForm } from './components/SettingsForm';
export { LanguageSelect } from './components/LanguageSelect';
export { onSettingsSaved, useSettingsStore } from './settings-store';
