import defaultPackJson from './default-pack.zh-en.json';
import { ScriptPackSchema, type ScriptPack } from './schema';

let parsed: ScriptPack | undefined;

/**
 * The 12345 pack we ship. Trainers edit `default-pack.zh-en.json` (or a copy
 * loaded with `parsePack`); this validates it once, on first use (26–40 ms in
 * Node, which main's start no longer spends before its window), so a broken
 * edit fails the unit tests instead of the agent's screen.
 */
export function defaultPack(): ScriptPack {
  parsed ??= ScriptPackSchema.parse(defaultPackJson);
  return parsed;
}
