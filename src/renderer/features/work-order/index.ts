export { WorkOrderPanel } from './components/WorkOrderPanel';
export { UnsentDrafts } from './components/UnsentDrafts';
export { WorkOrderList } from './components/WorkOrderList';
export { startWorkOrders } from './start-work-orders';
export { useWorkOrderStore, workOrderDesk } from './work-order-store';
export type { WorkOrderEditor } from './work-order-editor';
export { formatDateMinute, formatHourMinute, typeText } from './format';
