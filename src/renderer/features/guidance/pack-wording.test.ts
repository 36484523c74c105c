import { describe, expect, it } from 'vitest';
import { defaultPack } from '../../../shared/guidance/scripts/default-pack';
import { guidanceEn, guidanceZhCN } from './locales';

describe('the default pack says what the screen shows', () => {
  it('the emergency step names the alert button exactly as the button reads, in both languages', () => {
    const step = defaultPack().protocols.emergency.steps.find((candidate) => candidate.action === 'notify-lead');
    expect(step?.say['zh-CN']).toContain(`“${guidanceZhCN.guidance.emergency.alertLead}”`);
    expect(step?.say.en).toContain(`"${guidanceEn.guidance.emergency.alertLead}"`);
  });

  it('the repeat-caller line counts calls without "time(s)", and the four-part labels carry no numbers of their own', () => {
    const line = defaultPack().nudges.repeatCaller.lines[0]!;
    expect(line['zh-CN']).toContain('来电{count}次');
    expect(line.en).not.toContain('(s)');
    for (const label of [...Object.values(guidanceZhCN.guidance.fourPart), ...Object.values(guidanceEn.guidance.fourPart)]) {
      expect(label).not.toMatch(/^[\d①②③④]/u);
    }
  });
});
