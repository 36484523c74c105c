export * from './template';
export * from './scorecard';
export { defaultScorecardTemplate } from './default-template';
export { scoreCall, costlyMoments, type CallFacts } from './judge';
export { callMetrics, type CallMetrics, type Moment } from './call-metrics';
export { helpingPhrases, type HelpingPhrase } from './helping-phrases';
