export { MonitorActions, type MonitorActionsProps } from './components/MonitorActions';
export { MonitorNotice } from './components/MonitorNotice';
export { installMonitor, monitorActions, useMonitorStore } from './monitor-desk';
export type { LeadMonitorState } from './lead-monitor';
export { monitorEn, monitorZhCN } from './locales';
