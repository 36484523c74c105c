import type * as PinyinModule from 'pinyin-pro';
import { lazyRequire } from './lazy-require';

let pinyin: typeof PinyinModule.pinyin | null = null;

/** pinyin-pro, required at first use: its dictionaries are half a megabyte of JavaScript to compile and run. */
export function loadPinyin(): typeof PinyinModule.pinyin {
  pinyin ??= (lazyRequire('pinyin-pro') as typeof PinyinModule).pinyin;
  return pinyin;
}
