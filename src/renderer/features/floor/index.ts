export { FloorSwitch, FLOOR_SWITCH_KEY } from './components/FloorSwitch';
export { AgentAlertStatus } from './components/AgentAlertStatus';
export { useFloorStore, startFloor, stopFloor, showScreen, toggleScreen, applyFloorPush } from './floor-store';
export { raiseEmergency, clearAgentAlert, useAgentAlertStore } from './agent-alert';
export { reportDeskDetail } from './desk-detail-reporter';
/** The action slot monitor features fill (Listen/Whisper/Barge/Take over on every agent row, drawer and emergency card). */
export { setFloorAgentActions, useFloorActions, type FloorAgentActionsProps, type FloorActionContext } from './floor-actions';
/** The PBX's dialog-info presence of the floor's agents (a lead's desk watches it while the centre's PBX offers it). */
export { startPbxPresence, type PbxPresenceDeps } from './presence/pbx-presence';
/** Not on the desk's first screen: their code loads when first shown (app/lazy-part). */
export const loadFloorScreen = () => import('./components/FloorScreen').then((m) => m.FloorScreen);
export const loadEmergencyAlerts = () => import('./components/EmergencyAlerts').then((m) => m.EmergencyAlerts);
