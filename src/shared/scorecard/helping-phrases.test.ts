import { describe, expect, it } from 'vitest';
import { defaultPack } from '../guidance/scripts/default-pack';
import { defaultScorecardTemplate } from './default-template';
import { helpingPhrases } from './helping-phrases';

describe('the phrase that would have helped', () => {
  it('every item of the default scorecard finds its phrases in the default script pack', () => {
    for (const item of defaultScorecardTemplate().items) {
      const found = helpingPhrases(defaultPack(), item.help, 8);
      expect(found.map((phrase) => phrase.id), item.id).toEqual(item.help.phrases);
    }
  });

  it('a library entry comes with the blunt line it replaces; a step phrase without', () => {
    const [better] = helpingPhrases(defaultPack(), { phrases: ['alt-shouting'] });
    expect(better?.blunt?.['zh-CN']).toBeTruthy();
    expect(better?.text.en).toMatch(/listening/);
    const [restate] = helpingPhrases(defaultPack(), { phrases: ['restate-summary'] });
    expect(restate?.blunt).toBeNull();
    expect(restate?.text['zh-CN']).toContain('核对');
  });

  it('ids the pack does not have are skipped, falling back to the step\'s first phrase', () => {
    expect(helpingPhrases(defaultPack(), { step: 'closing', phrases: ['gone-from-pack'] }).map((phrase) => phrase.id)).toEqual(['closing-anything-else']);
    expect(helpingPhrases(defaultPack(), { phrases: ['gone-from-pack'] })).toEqual([]);
  });
});
