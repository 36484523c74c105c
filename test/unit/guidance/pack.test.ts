import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  defaultPack,
  describeProblem,
  fillTemplate,
  OUT_OF_SCOPE_TOPICS,
  parseJsonLocated,
  parsePack,
  SCRIPT_STEP_IDS,
  type ParsePackResult,
} from '../../../src/shared/guidance/scripts';

const packPath = fileURLToPath(new URL('../../../src/shared/guidance/scripts/default-pack.zh-en.json', import.meta.url));
const packText = readFileSync(packPath, 'utf8');

function problems(result: ParsePackResult) {
  if (result.ok) throw new Error('expected the pack to be rejected');
  return result.problems;
}

/** Line and column (1-based) of the first occurrence of `needle` in `text`. */
function lineColumnOf(text: string, needle: string, from = 0) {
  const offset = text.indexOf(needle, from);
  if (offset < 0) throw new Error(`not found: ${needle}`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

describe('default 12345 pack', () => {
  it('loads from its JSON file with parsePack', () => {
    const result = parsePack(packText);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.pack).toEqual(defaultPack());
  });

  it('has the seven call steps in order, each with zh-CN and en phrases', () => {
    expect(defaultPack().steps.map((step) => step.id)).toEqual([...SCRIPT_STEP_IDS]);
    for (const step of defaultPack().steps) {
      for (const phrase of step.phrases) {
        expect(phrase.text['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
        expect(phrase.text.en).toMatch(/[A-Za-z]/);
      }
    }
  });

  it('covers every out-of-scope topic with a channel, and names the Chinese terms from the norm', () => {
    const topics = defaultPack().protocols.outOfScope.topics;
    expect(topics.map((t) => t.topic).sort()).toEqual([...OUT_OF_SCOPE_TOPICS].sort());
    const allTerms = topics.flatMap((t) => t.terms);
    for (const term of ['诉讼', '仲裁', '纪检', '行政复议', '信息公开']) expect(allTerms).toContain(term);
  });

  it('has a phrase library of blunt → cushioned alternatives', () => {
    expect(defaultPack().phraseLibrary.length).toBeGreaterThanOrEqual(10);
    const notMyJob = defaultPack().phraseLibrary.find((entry) => entry.blunt.en === "That's not my job.");
    expect(notMyJob?.better[0]?.en).toMatch(/right now/);
  });

  it('the greeting fills city and work number', () => {
    const greeting = defaultPack().steps[0]!.phrases[0]!.text;
    expect(fillTemplate(greeting['zh-CN'], { city: '重庆', workNumber: '1024' })).toBe('您好，重庆12345热线，1024号话务员为您服务，请问有什么可以帮您？');
    expect(fillTemplate(greeting.en, { city: 'Chongqing' }, 'en')).toContain('agent [work number] speaking');
  });

  it('the city in English text is its English name when the desk has one, in Chinese text the city as typed', () => {
    const greeting = defaultPack().steps[0]!.phrases[0]!.text;
    const values = { city: '重庆', cityEn: 'Chongqing', workNumber: '1024' };
    expect(fillTemplate(greeting.en, values, 'en')).toMatch(/^Hello, Chongqing 12345 hotline, agent 1024 speaking/);
    expect(fillTemplate(greeting['zh-CN'], values, 'zh-CN')).toContain('您好，重庆12345热线');
    expect(fillTemplate(greeting.en, { ...values, cityEn: ' ' }, 'en')).toMatch(/^Hello, 重庆 12345 hotline/);
  });

  it('a value not known yet is shown by name where it is said, in the desk\'s language', () => {
    const greeting = defaultPack().steps[0]!.phrases[0]!.text;
    expect(fillTemplate(greeting['zh-CN'], { workNumber: '  ' }, 'zh-CN')).toBe('您好，〔城市〕12345热线，〔工号〕号话务员为您服务，请问有什么可以帮您？');
    expect(fillTemplate(greeting.en, {}, 'en')).toMatch(/^Hello, \[city\] 12345 hotline, agent \[work number\] speaking/);
  });
});

describe('parsePack errors name the broken place', () => {
  it('reports a JSON syntax error with line and column', () => {
    const broken = '{\n  "schemaVersion": 1,\n  "id": "x"\n  "version": "1"\n}';
    const [problem] = problems(parsePack(broken));
    expect(problem).toMatchObject({ kind: 'syntax', messageKey: 'guidance.pack.invalidJson', location: { line: 4, column: 3 } });
    expect(describeProblem(problem!)).toContain('line 4, column 3');
  });

  it('reports a trailing comma, an unterminated string and trailing garbage', () => {
    expect(problems(parsePack('{"a": [1, 2,]}'))[0]).toMatchObject({ kind: 'syntax', location: { line: 1, column: 13 } });
    expect(problems(parsePack('{"a": "open\n}'))[0]).toMatchObject({ kind: 'syntax', location: { line: 1, column: 12 } });
    expect(problems(parsePack('{} x'))[0]).toMatchObject({ kind: 'syntax', location: { line: 1, column: 4 } });
    expect(problems(parsePack(''))[0]).toMatchObject({ kind: 'syntax', location: { line: 1, column: 1 } });
  });

  it('rejects a duplicate key (a hand-edit trap) where the second copy is', () => {
    const text = '{\n  "id": "a",\n  "id": "b"\n}';
    expect(problems(parsePack(text))[0]).toMatchObject({ kind: 'duplicate-key', location: { line: 3, column: 3 } });
  });

  it('maps a schema error to its path and line', () => {
    // Empty the English text of the third step's first phrase.
    const needle = '"en": "Let me check I have it right: {summary}. Is that correct?"';
    const text = packText.replace(needle, '"en": ""');
    const list = problems(parsePack(text));
    expect(list).toHaveLength(1);
    const problem = list[0]!;
    expect(problem.kind).toBe('schema');
    expect(problem.pathText).toBe('steps[2].phrases[0].text.en');
    expect(problem.messageKey).toBe('errors.required');
    const expected = lineColumnOf(text, '"en": ""');
    expect(problem.location).toMatchObject({ line: expected.line, column: expected.column + '"en": '.length });
    expect(describeProblem(problem)).toMatch(/^steps\[2\]\.phrases\[0\]\.text\.en \(line \d+, column \d+\): /);
  });

  it('points an unknown key at the key itself', () => {
    const text = packText.replace('"schemaVersion": 1,', '"schemaVersion": 1,\n  "colour": "blue",');
    const [problem] = problems(parsePack(text));
    expect(problem).toMatchObject({ kind: 'schema', pathText: '(root)', location: { line: 3, column: 3 } });
    expect(problem!.detail).toContain('"colour"');
  });

  it('catches an unknown placeholder, a missing step and a wrong step order', () => {
    const typo = packText.replace('{summary}，我理解得对吗', '{sumary}，我理解得对吗');
    expect(problems(parsePack(typo))[0]).toMatchObject({ messageKey: 'guidance.pack.unknownPlaceholder', pathText: 'steps[2].phrases[0].text["zh-CN"]' });

    const pack = JSON.parse(packText) as { steps: unknown[] };
    [pack.steps[1], pack.steps[2]] = [pack.steps[2], pack.steps[1]];
    const swapped = problems(parsePack(JSON.stringify(pack, null, 2)));
    expect(swapped.map((p) => p.pathText)).toEqual(['steps[1].id', 'steps[2].id']);
    expect(swapped[0]!.messageKey).toBe('guidance.pack.stepOrder');
  });

  it('catches a missing out-of-scope topic and a library entry with an unknown situation', () => {
    const pack = JSON.parse(packText) as {
      protocols: { outOfScope: { topics: { topic: string }[] } };
      phraseLibrary: { situation: string }[];
    };
    pack.protocols.outOfScope.topics = pack.protocols.outOfScope.topics.filter((t) => t.topic !== 'arbitration');
    pack.phraseLibrary[0]!.situation = 'no-such-situation';
    const list = problems(parsePack(JSON.stringify(pack)));
    expect(list.map((p) => p.messageKey).sort()).toEqual(['guidance.pack.missingTopic', 'guidance.pack.unknownSituation']);
    expect(list.find((p) => p.messageKey === 'guidance.pack.unknownSituation')?.pathText).toBe('phraseLibrary[0].situation');
  });

  it('rejects a pack of a newer schema version', () => {
    const text = packText.replace('"schemaVersion": 1', '"schemaVersion": 2');
    expect(problems(parsePack(text))[0]).toMatchObject({ pathText: 'schemaVersion', messageKey: 'guidance.pack.schemaVersion', location: { line: 2 } });
  });
});

describe('parseJsonLocated', () => {
  it('agrees with JSON.parse on valid input', () => {
    const samples = ['0', '-1.5e3', '"a\\u00e9\\n"', '[true,false,null]', '{"a":{"b":[1,{"c":"d"}]}}', '\ufeff{"x": 1}', packText];
    for (const sample of samples) expect(parseJsonLocated(sample).value).toEqual(JSON.parse(sample.replace(/^\ufeff/, '')));
  });

  it('keeps "__proto__" as an ordinary key', () => {
    const value = parseJsonLocated('{"__proto__": {"polluted": true}}').value as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejects bad escapes, leading zeros and raw control characters', () => {
    expect(() => parseJsonLocated('"\\x"')).toThrow(/escape/);
    expect(() => parseJsonLocated('01')).toThrow(/line 1, column 2/);
    expect(() => parseJsonLocated('"a\tb"')).toThrow(/Control character/);
  });

  it('refuses absurd nesting instead of overflowing the stack', () => {
    expect(() => parseJsonLocated('['.repeat(5000) + ']'.repeat(5000))).toThrow(/deeply/);
  });
});
