export { SyncOverviewLine } from './components/SyncOverviewLine';
export { startSync } from './sync-store';
/** Parts of the settings, which open on demand: their code loads then (app/lazy-part). */
export const loadDepartmentsEditor = () => import('./components/DepartmentsEditor').then((m) => m.DepartmentsEditor);
export const loadServiceSettingsPanel = () => import('./components/ServiceSettingsPanel').then((m) => m.ServiceSettingsPanel);
