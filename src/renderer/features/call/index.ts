export { CallStrip } from './components/CallStrip';
export { OtherCallsPanel } from './components/OtherCallsPanel';
