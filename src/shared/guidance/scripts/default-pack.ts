import defaultPackJson from './default-pack.zh-en.json';
import { ScriptPackSchema, type ScriptPack } from './schema';

/**
 * The 12345 pack we ship. Trainers edit `default-pack.zh-en.json` (or a copy
 * loaded with `parsePack`); this validates it once at load, so a broken edit
 * fails the unit tests instead of the agent's screen.
 */
export const DEFAULT_PACK: ScriptPack = ScriptPackSchema.parse(defaultPackJson);
