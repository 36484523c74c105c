export { ScorecardView } from './components/ScorecardView';
export { TemplateEditor } from './components/TemplateEditor';
export { CallFeedback, CostlyMoments } from './components/CallFeedback';
export { overrideItem, putScore, scoreFinishedCall, useScorecardStore } from './scorecard-store';
export { clock, noteText } from './note-text';
export { scorecardEn, scorecardZhCN } from './locales';
