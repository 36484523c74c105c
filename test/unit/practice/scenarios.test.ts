import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  bundledScenarios,
  checkScenario,
  describeScenarioProblem,
  parseScenario,
  type ParseScenarioResult,
  type Scenario,
} from '../../../src/shared/practice';

const dir = fileURLToPath(new URL('../../../src/shared/practice/scenarios/', import.meta.url));
const files = readdirSync(dir).filter((name) => name.endsWith('.json')).sort();
const landText = readFileSync(`${dir}land-compensation.json`, 'utf8');

function problems(result: ParseScenarioResult) {
  if (result.ok) throw new Error('expected the scenario to be refused');
  return result.problems;
}

function lineOf(text: string, needle: string, from = 0): number {
  const offset = text.indexOf(needle, from);
  if (offset < 0) throw new Error(`not found: ${needle}`);
  return text.slice(0, offset).split('\n').length;
}

function land(): Scenario {
  const result = parseScenario(landText, 'land-compensation.json');
  if (!result.ok) throw new Error(result.problems.map(describeScenarioProblem).join('\n'));
  return result.scenario;
}

describe('bundled scenarios', () => {
  it('are the eight the issue names, each file bundled once', () => {
    expect(files).toHaveLength(8);
    expect(bundledScenarios().map((s) => `${s.id}.json`).sort()).toEqual(files);
    expect(bundledScenarios().map((s) => s.id).sort()).toEqual([
      'abusive-caller',
      'blind-caller-medicine',
      'elderly-hard-of-hearing',
      'land-compensation',
      'policy-question',
      'repeat-caller',
      'silent-call',
      'unpaid-wages-threat',
    ]);
  });

  it.each(files)('%s parses with no problems', (file) => {
    const result = parseScenario(readFileSync(`${dir}${file}`, 'utf8'), file);
    expect(result.ok ? [] : result.problems.map(describeScenarioProblem)).toEqual([]);
  });

  it.each(files)('%s: every line, branch and interjection can be reached, and every line can reach an end', (file) => {
    const result = parseScenario(readFileSync(`${dir}${file}`, 'utf8'), file);
    if (!result.ok) throw new Error('does not parse');
    expect(checkScenario(result.scenario)).toEqual([]);
  });

  it('every line and interjection has Chinese and English text', () => {
    for (const scenario of bundledScenarios()) {
      for (const item of [...scenario.lines, ...scenario.interjections]) {
        expect(item.text['zh-CN'], `${scenario.id}/${item.id}`).toMatch(/[\u4e00-\u9fff]/);
        expect(item.text.en, `${scenario.id}/${item.id}`).toMatch(/[A-Za-z]/);
      }
    }
  });

  it('the unpaid-wages call has an emergency path; the repeat caller has a history', () => {
    const wages = bundledScenarios().find((s) => s.id === 'unpaid-wages-threat');
    expect(wages?.skills).toContain('emergency');
    expect(wages?.lines.some((line) => line.branches.some((branch) => branch.when.emergencyRaised === true))).toBe(true);
    expect(bundledScenarios().find((s) => s.id === 'repeat-caller')?.previousCalls).toBeGreaterThan(0);
  });
});

describe('a broken scenario file', () => {
  it('names the file, line and field of a branch to a line that does not exist', () => {
    const broken = landText.replace('"goto": "louder"', '"goto": "lowder"');
    const [problem, ...rest] = problems(parseScenario(broken, 'land-compensation.json'));
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({
      file: 'land-compensation.json',
      messageKey: 'practice.scenario.unknownLine',
      pathText: 'lines[0].branches[0].goto',
      location: { line: lineOf(broken, '"lowder"') },
    });
    expect(describeScenarioProblem(problem!)).toMatch(/^land-compensation\.json:\d+:\d+ lines\[0\]\.branches\[0\]\.goto: no line has the id "lowder"$/);
  });

  it('names an unknown condition field at its key', () => {
    const broken = landText.replace('"talkedOver": 2', '"talkedOverTwice": 2');
    const [problem] = problems(parseScenario(broken, 'x.json'));
    expect(problem).toMatchObject({ file: 'x.json', pathText: 'lines[0].branches[0].when', detail: 'unknown key "talkedOverTwice"', location: { line: lineOf(broken, 'talkedOverTwice') } });
  });

  it('names a wrong value type and a missing English text', () => {
    const broken = landText.replace('"age": 46', '"age": "46"').replace('"en": "Hello? Are you still there?"', '"en": ""');
    const found = problems(parseScenario(broken, 'x.json')).map((p) => [p.pathText, p.location?.line]);
    expect(found).toEqual([
      ['caller.age', lineOf(broken, '"age"')],
      ['interjections[0].text.en', lineOf(broken, '"en": ""')],
    ]);
  });

  it('reports a JSON syntax error with its line and column', () => {
    const broken = landText.replace('"mood": "angry",', '"mood": "angry"');
    const [problem] = problems(parseScenario(broken, 'x.json'));
    expect(problem).toMatchObject({ file: 'x.json', kind: 'syntax', messageKey: 'practice.scenario.invalidJson', location: { line: lineOf(broken, '"start"') } });
  });

  it('refuses a line that neither ends nor branches, and a scenario with no end', () => {
    const scenario = land();
    const noWayOn = { ...scenario, lines: scenario.lines.map((line) => (line.id === 'calmer' ? { ...line, branches: [] } : line)) };
    const result = parseScenario(JSON.stringify(noWayOn, null, 2), 'x.json');
    expect(problems(result).map((p) => [p.messageKey, p.pathText])).toEqual([['practice.scenario.deadEnd', 'lines[4]']]);
    const noEnd = { ...scenario, lines: scenario.lines.map((line) => ({ ...line, end: false, branches: line.branches.length ? line.branches : [{ when: {}, goto: 'open' }] })) };
    expect(problems(parseScenario(JSON.stringify(noEnd), 'x.json')).map((p) => p.messageKey)).toEqual(['practice.scenario.noEnd']);
  });
});

describe('the checker', () => {
  it('finds a line nothing leads to', () => {
    const scenario = land();
    const orphan = { ...scenario, lines: [...scenario.lines, { id: 'orphan', text: scenario.lines[0]!.text, end: true, branches: [] }] };
    expect(checkScenario(orphan)).toEqual([expect.objectContaining({ kind: 'unreachable-line', pathText: `lines[${scenario.lines.length}]` })]);
  });

  it('finds a branch an earlier one always beats, and what only it led to', () => {
    const scenario = land();
    // In "open", a catch-all first: nothing after it can ever be taken, so "louder" is never said.
    const lines = scenario.lines.map((line) => (line.id === 'open' ? { ...line, branches: [{ when: { lineSeconds: 1 }, goto: 'insists' }, ...line.branches] } : line));
    const findings = checkScenario({ ...scenario, lines }).map((f) => [f.kind, f.pathText]);
    expect(findings).toContainEqual(['shadowed-branch', 'lines[0].branches[4]']);
    expect(findings).not.toContainEqual(['shadowed-branch', 'lines[0].branches[1]']);
    const catchAll = scenario.lines.map((line) => (line.id === 'open' ? { ...line, branches: [{ when: {}, goto: 'insists' }, ...line.branches] } : line));
    const all = checkScenario({ ...scenario, lines: catchAll }).map((f) => [f.kind, f.pathText]);
    expect(all).toEqual(expect.arrayContaining([['shadowed-branch', 'lines[0].branches[1]'], ['unreachable-line', 'lines[1]']]));
  });

  it('finds a branch that asks for a done step to be undone', () => {
    const scenario = land();
    // "calmer" is only reached with the restatement done, so asking for it not done there is impossible.
    const lines = scenario.lines.map((line) => (line.id === 'calmer' ? { ...line, branches: [{ when: { restatementDone: false }, goto: 'tomorrow' }, ...line.branches] } : line));
    expect(checkScenario({ ...scenario, lines })).toEqual([expect.objectContaining({ kind: 'impossible-branch', pathText: 'lines[4].branches[0]' })]);
  });

  it('finds a loop with no way to an end', () => {
    const scenario = land();
    const lines = scenario.lines.map((line) =>
      line.id === 'calmer' ? { ...line, branches: [{ when: { lineSeconds: 5 }, goto: 'calmer' }] } : line,
    );
    expect(checkScenario({ ...scenario, lines }).map((f) => [f.kind, f.pathText])).toEqual([['no-way-out', 'lines[4]']]);
  });
});
