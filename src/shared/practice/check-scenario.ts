import { formatPath } from '../guidance/scripts/parse-pack';
import { implies, LATCHING_FACTS, type LatchingFact } from './conditions';
import type { Condition, Scenario } from './schema';

export interface ScenarioFinding {
  kind:
    | 'unreachable-line'
    /** An earlier branch of the same line always holds when this one does. */
    | 'shadowed-branch'
    /** Asks for a "done" fact to be false where every way in has made it true. */
    | 'impossible-branch'
    | 'unreachable-interjection'
    /** The call can reach this line but, from it, never a line that ends the call. */
    | 'no-way-out';
  path: (string | number)[];
  pathText: string;
  detail: string;
}

type Known = ReadonlySet<LatchingFact>;

function trueFacts(condition: Condition): LatchingFact[] {
  return LATCHING_FACTS.filter((fact) => condition[fact] === true);
}

/** The condition plus what is already known to be true on the line. */
function withKnown(condition: Condition, known: Known): Condition {
  const result: Condition = { ...condition };
  for (const fact of known) result[fact] ??= true;
  return result;
}

function contradicts(condition: Condition, known: Known): LatchingFact | undefined {
  return LATCHING_FACTS.find((fact) => condition[fact] === false && known.has(fact));
}

/**
 * Walks a scenario's graph from its first line and reports every line,
 * branch and interjection the call can never reach, and lines with no way to
 * the end. "Done" facts (greeting, restatement, de-escalation, emergency,
 * raised voice) only turn true, so each line carries the facts true on every
 * way in; a branch asking for one of them to be false there is impossible.
 * An empty result means every part of the scenario can be played.
 */
export function checkScenario(scenario: Scenario): ScenarioFinding[] {
  const findings: ScenarioFinding[] = [];
  const index = new Map(scenario.lines.map((line, l) => [line.id, l]));
  /** Facts known true on entering each reached line; absent = not reached. */
  const known = new Map<string, Set<LatchingFact>>([[scenario.start, new Set()]]);
  const live = (l: number, b: number, facts: Known): boolean => {
    const line = scenario.lines[l];
    const branch = line?.branches[b];
    if (!line || !branch || contradicts(branch.when, facts)) return false;
    const mine = withKnown(branch.when, facts);
    return !line.branches.slice(0, b).some((earlier) => !contradicts(earlier.when, facts) && implies(mine, earlier.when));
  };

  // Facts only shrink and reach only grows, so this settles; the bound is a guard.
  const queue = [scenario.start];
  const bound = (scenario.lines.length + 1) * (LATCHING_FACTS.length + 2) * 20;
  for (let steps = 0; queue.length > 0 && steps < bound; steps++) {
    const id = queue.shift() as string;
    const l = index.get(id);
    const facts = known.get(id);
    if (l === undefined || !facts) continue;
    scenario.lines[l]?.branches.forEach((branch, b) => {
      if (!live(l, b, facts)) return;
      const incoming = new Set([...facts, ...trueFacts(branch.when)]);
      const before = known.get(branch.goto);
      const after = before ? new Set([...before].filter((fact) => incoming.has(fact))) : incoming;
      if (!before || after.size < before.size) {
        known.set(branch.goto, after);
        queue.push(branch.goto);
      }
    });
  }

  scenario.lines.forEach((line, l) => {
    const facts = known.get(line.id);
    if (!facts) {
      findings.push({ kind: 'unreachable-line', path: ['lines', l], pathText: formatPath(['lines', l]), detail: `line ${JSON.stringify(line.id)} is never said` });
      return;
    }
    line.branches.forEach((branch, b) => {
      if (live(l, b, facts)) return;
      const path = ['lines', l, 'branches', b];
      const fact = contradicts(branch.when, facts);
      findings.push(
        fact
          ? { kind: 'impossible-branch', path, pathText: formatPath(path), detail: `${fact} is already true on every way to ${JSON.stringify(line.id)}` }
          : { kind: 'shadowed-branch', path, pathText: formatPath(path), detail: `an earlier branch of ${JSON.stringify(line.id)} always holds when this one does` },
      );
    });
  });

  scenario.interjections.forEach((item, i) => {
    const lines = item.onlyAfter ?? scenario.lines.filter((line) => !line.end).map((line) => line.id);
    const playable = lines.some((id) => {
      const facts = known.get(id);
      return facts !== undefined && !scenario.lines[index.get(id) ?? -1]?.end && !contradicts(item.when, facts);
    });
    if (!playable) {
      findings.push({ kind: 'unreachable-interjection', path: ['interjections', i], pathText: formatPath(['interjections', i]), detail: `interjection ${JSON.stringify(item.id)} can never be said` });
    }
  });

  // Which reached lines can get to an end: walk the live branches backwards from the ends.
  const canEnd = new Set(scenario.lines.filter((line) => line.end && known.has(line.id)).map((line) => line.id));
  for (let changed = true, rounds = 0; changed && rounds <= scenario.lines.length; rounds++) {
    changed = false;
    scenario.lines.forEach((line, l) => {
      const facts = known.get(line.id);
      if (!facts || canEnd.has(line.id)) return;
      if (line.branches.some((branch, b) => canEnd.has(branch.goto) && live(l, b, facts))) {
        canEnd.add(line.id);
        changed = true;
      }
    });
  }
  scenario.lines.forEach((line, l) => {
    if (known.has(line.id) && !canEnd.has(line.id)) {
      findings.push({ kind: 'no-way-out', path: ['lines', l], pathText: formatPath(['lines', l]), detail: `from ${JSON.stringify(line.id)} the call can never reach a line that ends it` });
    }
  });
  return findings;
}
