export { CallStrip } from './components/CallStrip';
export { OtherCallsPanel } from './components/OtherCallsPanel';
export { RingingRehearsal, rehearseRinging } from './components/RingingRehearsal';
