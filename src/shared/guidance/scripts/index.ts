export * from './schema';
export { parsePack, describeProblem, formatPath, type PackProblem, type ParsePackResult } from './parse-pack';
export { parseJsonLocated, JsonLocatedError, type JsonLocation, type LocatedJson } from './json-locate';
export { defaultPack } from './default-pack';
export { fillTemplate, fillLocalized, pick, type TemplateValues } from './text';
export {
  buildPhraseIndex,
  searchPhrases,
  normalizeForSearch,
  hitText,
  type PhraseHit,
  type PhraseHitSource,
  type PhraseIndex,
  type PhraseSearchOptions,
} from './search';
