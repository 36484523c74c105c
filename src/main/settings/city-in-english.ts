import { loadPinyin } from '../pinyin';

const HAN = /\p{Script=Han}/u;
// "重庆市": the greeting names the city, not its administrative rank.
const CITY_SUFFIX = /市$/u;

/**
 * The city as English text names it: the agent's own spelling when given ("Hohhot"), else the city typed in Chinese
 * spelled in pinyin the way Chinese place names are written in English: one word, capitalised, no tones, an apostrophe
 * where a syllable starting with a, o or e would run into the one before ("西安" → "Xi'an"); a city typed in Latin
 * letters as typed.
 */
export function cityInEnglish(city: string, ownSpelling?: string): string {
  const own = ownSpelling?.trim();
  if (own) return own;
  const name = city.trim().replace(CITY_SUFFIX, '') || city.trim();
  if (!HAN.test(name)) return name;
  // nonZh 'consecutive': a run of Latin letters or digits stays one piece instead of one per character.
  const syllables = loadPinyin()(name, { toneType: 'none', type: 'array', nonZh: 'consecutive' }).filter((piece) => piece.trim() !== '');
  const word = syllables.map((syllable, index) => (index > 0 && /^[aoe]/.test(syllable) ? `'${syllable}` : syllable)).join('');
  return word.charAt(0).toUpperCase() + word.slice(1);
}
