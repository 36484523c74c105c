export { ActiveCallPanel } from './components/ActiveCallPanel';
export { IncomingCallPanel } from './components/IncomingCallPanel';
export { OtherCallsPanel } from './components/OtherCallsPanel';
export { OutgoingCallPanel } from './components/OutgoingCallPanel';
