export { ReplayScreen } from './components/ReplayScreen';
export { openCall, searchCalls, useReplayStore } from './replay-store';
export { replayEn, replayZhCN } from './locales';
