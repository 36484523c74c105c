/**
 * Finding trigger words in ticket text. Chinese terms match as substrings;
 * terms with Latin letters match whole words ("fire" is not "fired"), any case,
 * full-width or half-width.
 */

export interface TermMatcher {
  /** The terms found in `text`, in the order they were given. */
  find(text: string): string[];
}

function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One matcher per list of terms: every call's engine matches the same pack's lists, and building one costs the ring. */
const matchers = new WeakMap<readonly string[], TermMatcher>();

export function createTermMatcher(terms: readonly string[]): TermMatcher {
  const known = matchers.get(terms);
  if (known) return known;
  const matcher = buildTermMatcher(terms);
  matchers.set(terms, matcher);
  return matcher;
}

function buildTermMatcher(terms: readonly string[]): TermMatcher {
  const compiled = terms.map((term) => {
    const needle = normalize(term.trim());
    if (/[a-z0-9]/.test(needle)) {
      const pattern = escapeRegExp(needle).replace(/\s+/g, '\\s+');
      const regex = new RegExp(`(?<![a-z0-9])${pattern}(?![a-z0-9])`);
      return { term, test: (text: string) => regex.test(text) };
    }
    return { term, test: (text: string) => text.includes(needle) };
  });
  return {
    find(text) {
      const normalized = normalize(text);
      return compiled.filter((entry) => entry.test(normalized)).map((entry) => entry.term);
    },
  };
}
