/**
 * Text as the dispatch engine compares it: full-width letters and digits folded
 * to half-width, lower case, spaces and punctuation dropped (Chinese is written
 * without spaces, so a keyword may sit anywhere in a run of characters).
 */
export function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

/**
 * Overlapping character pairs (医保 → 医保; 医保卡 → 医保, 保卡): the engine's
 * recall for words not spelled as the catalogue spells them. Most Chinese policy
 * words have two characters, so a pair is the smallest unit that still means something.
 */
export function bigrams(normalised: string): string[] {
  const chars = [...normalised];
  if (chars.length < 2) return chars.length === 1 ? chars : [];
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i += 1) out.push(`${chars[i]}${chars[i + 1]}`);
  return out;
}
