export * from './types';
export { DEFAULT_RULES_CONFIG, PRIORITY, resolveRulesConfig, type RulesConfig } from './config';
export { GuidanceEngine, createGuidanceEngine, prepareTermMatchers, rehearseGuidance, type GuidanceEngineOptions } from './engine';
export { createTermMatcher, type TermMatcher } from './terms';
