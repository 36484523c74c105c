import type { LocalizedText, ScriptPack } from '../guidance/scripts/schema';

/** A line from the script pack that would have helped, with the blunt one it replaces when there is one. */
export interface HelpingPhrase {
  id: string;
  text: LocalizedText;
  blunt: LocalizedText | null;
}

/**
 * Resolves an item's help (a step, phrase ids) in the pack in use: ids are
 * looked up among the steps' phrases and the phrase library; ids the pack no
 * longer has are skipped, and without ids the step's first phrase is used.
 */
export function helpingPhrases(pack: Pick<ScriptPack, 'steps' | 'phraseLibrary'>, help: { step?: string | undefined; phrases: readonly string[] }, limit = 2): HelpingPhrase[] {
  const found: HelpingPhrase[] = [];
  for (const id of help.phrases) {
    const stepPhrase = pack.steps.flatMap((step) => step.phrases).find((phrase) => phrase.id === id);
    if (stepPhrase) {
      found.push({ id, text: stepPhrase.text, blunt: null });
      continue;
    }
    const alternative = pack.phraseLibrary.find((entry) => entry.id === id);
    if (alternative?.better[0]) found.push({ id, text: alternative.better[0], blunt: alternative.blunt });
  }
  if (found.length === 0 && help.step) {
    const first = pack.steps.find((step) => step.id === help.step)?.phrases[0];
    if (first) found.push({ id: first.id, text: first.text, blunt: null });
  }
  return found.slice(0, limit);
}
