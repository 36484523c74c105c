/** Live guidance, the pure layer: audio analysis, the rule engine, script packs. */
export * from './audio';
export * from './rules';
export * from './scripts';
