import { formatPath, issueDetail } from '../guidance/scripts/parse-pack';
import { JsonLocatedError, parseJsonLocated, type JsonLocation } from '../guidance/scripts/json-locate';
import { ScenarioSchema, type Scenario } from './schema';

/** Where and why a scenario file was refused: the file, the line and column, and the field. */
export interface ScenarioProblem {
  file: string;
  kind: 'syntax' | 'duplicate-key' | 'too-deep' | 'schema';
  /** An i18n key (`practice.scenario.*`, `errors.*`) or `practice.scenario.<zod code>`. */
  messageKey: string;
  path: (string | number)[];
  /** `lines[3].branches[0].goto`, or `(root)`. */
  pathText: string;
  /** The broken value, or its nearest enclosing value that exists. */
  location?: JsonLocation;
  /** A plain English sentence for logs and the trainer's editor. */
  detail: string;
}

export type ParseScenarioResult = { ok: true; scenario: Scenario } | { ok: false; problems: ScenarioProblem[] };

/** `land-compensation.json:41:13 lines[3].branches[0].goto: unknown line "x"` */
export function describeScenarioProblem(problem: ScenarioProblem): string {
  const at = problem.location ? `:${problem.location.line}:${problem.location.column}` : '';
  return `${problem.file}${at} ${problem.pathText}: ${problem.detail}`;
}

const SYNTAX_KEYS = {
  syntax: 'practice.scenario.invalidJson',
  'duplicate-key': 'practice.scenario.duplicateKey',
  'too-deep': 'practice.scenario.tooDeep',
} as const;

const CUSTOM_DETAILS: Record<string, (params: Record<string, unknown>) => string> = {
  'practice.scenario.duplicateId': (p) => `the id ${JSON.stringify(p.id)} is used twice`,
  'practice.scenario.unknownLine': (p) => `no line has the id ${JSON.stringify(p.id)}`,
  'practice.scenario.branchesAfterEnd': () => 'a line that ends the call cannot branch',
  'practice.scenario.deadEnd': () => 'a line must either end the call or have branches',
  'practice.scenario.noEnd': () => 'no line ends the call',
  'practice.scenario.schemaVersion': () => 'schemaVersion must be 1',
  'practice.scenario.number': () => 'digits only, 3 to 20 of them',
};

/**
 * Parse and validate one scenario from its JSON text; `file` names it in every
 * problem. Never throws.
 */
export function parseScenario(text: string, file: string): ParseScenarioResult {
  let located;
  try {
    located = parseJsonLocated(text);
  } catch (error) {
    if (error instanceof JsonLocatedError) {
      return {
        ok: false,
        problems: [
          {
            file,
            kind: error.code,
            messageKey: SYNTAX_KEYS[error.code],
            path: [],
            pathText: '(root)',
            location: error.location,
            detail: error.message.replace(/ \(line \d+, column \d+\)$/, ''),
          },
        ],
      };
    }
    throw error;
  }

  const result = ScenarioSchema.safeParse(located.value);
  if (result.success) return { ok: true, scenario: result.data };

  const problems = result.error.issues.map((issue): ScenarioProblem => {
    const path = issue.path.filter((part): part is string | number => typeof part !== 'symbol');
    let location: JsonLocation | undefined;
    if (issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined) {
      location = located.locate([...path, issue.keys[0]], { key: true });
    }
    for (let n = path.length; !location && n >= 0; n--) location = located.locate(path.slice(0, n));
    const own = issue.message.startsWith('practice.') || issue.message.startsWith('errors.');
    const custom = own ? CUSTOM_DETAILS[issue.message] : undefined;
    const params = 'params' in issue && issue.params ? (issue.params as Record<string, unknown>) : {};
    return {
      file,
      kind: 'schema',
      messageKey: own ? issue.message : `practice.scenario.${issue.code}`,
      path,
      pathText: formatPath(path),
      location,
      detail: custom ? custom(params) : issueDetail(issue),
    };
  });
  return { ok: false, problems };
}
