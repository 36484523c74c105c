export { DepartmentsEditor } from './components/DepartmentsEditor';
export { ServiceSettingsPanel } from './components/ServiceSettingsPanel';
export { SyncOverviewLine } from './components/SyncOverviewLine';
export { startSync } from './sync-store';
