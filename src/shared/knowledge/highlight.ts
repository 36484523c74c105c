import { normalise } from './analysis';

/** Text cut into runs that match the query (`hit`) and runs that do not. */
export type Highlighted = { text: string; hit: boolean }[];

/** Marks every occurrence of the terms (longest first, no overlaps). */
export function highlight(text: string, terms: readonly string[]): Highlighted {
  const plain = normalise(text);
  // NFKC can change lengths (full-width forms keep theirs); when it does, match on the text as it is.
  const haystack = plain.length === text.length ? plain : text.toLowerCase();
  const marks = new Array<boolean>(text.length).fill(false);
  for (const term of terms) {
    if (term === '') continue;
    for (let at = haystack.indexOf(term); at !== -1; at = haystack.indexOf(term, at + term.length)) {
      if (marks.slice(at, at + term.length).some(Boolean)) continue;
      marks.fill(true, at, at + term.length);
    }
  }
  const out: Highlighted = [];
  for (let i = 0; i < text.length; i += 1) {
    const last = out.at(-1);
    if (last && last.hit === marks[i]) last.text += text[i];
    else out.push({ text: text[i] as string, hit: marks[i] as boolean });
  }
  return out;
}

/**
 * The passage of a body that best answers the query: the sentence with the
 * most distinct terms (then the earliest), cut to about `maxChars` around its
 * first hit, highlighted. Without any hit, the body's opening.
 */
export function bestPassage(body: string, terms: readonly string[], maxChars = 120): { passage: Highlighted; plain: string } {
  const sentences = body.match(/[^。！？；!?;\n]+[。！？；!?;]?/gu)?.map((s) => s.trim()).filter(Boolean) ?? [body];
  let best = { index: 0, score: -1 };
  sentences.forEach((sentence, index) => {
    const lower = normalise(sentence);
    let score = 0;
    for (const term of terms) if (lower.includes(term)) score += term.length;
    if (score > best.score) best = { index, score };
  });
  let plain = sentences[best.index] ?? body;
  // A short sentence takes the next one too, so the agent reads a whole answer.
  if (plain.length < maxChars / 2 && sentences[best.index + 1]) plain += sentences[best.index + 1];
  if (plain.length > maxChars) {
    const lower = normalise(plain);
    const first = Math.min(...terms.map((t) => lower.indexOf(t)).filter((i) => i >= 0), plain.length);
    const start = first < plain.length ? Math.max(0, Math.min(first - 20, plain.length - maxChars)) : 0;
    plain = `${start > 0 ? '…' : ''}${plain.slice(start, start + maxChars)}${start + maxChars < plain.length ? '…' : ''}`;
  }
  return { passage: highlight(plain, terms), plain };
}
