import type { z } from 'zod';
import { JsonLocatedError, parseJsonLocated, type JsonLocation } from './json-locate';
import { ScriptPackSchema, type ScriptPack } from './schema';

/**
 * Where and why a pack failed to load. `messageKey` is an i18n key (like the
 * rest of `src/shared`); `detail` is a plain English sentence for logs and for
 * the trainer's editor; `where` is "line 41, column 13" style when known.
 */
export interface PackProblem {
  kind: 'syntax' | 'duplicate-key' | 'too-deep' | 'schema';
  messageKey: string;
  /** Path into the pack, e.g. ['steps', 2, 'phrases', 0, 'text', 'en']; empty for syntax errors. */
  path: (string | number)[];
  /** The path as people read it: `steps[2].phrases[0].text.en`. */
  pathText: string;
  /** Line and column of the broken place, or of its nearest enclosing value that exists. */
  location?: JsonLocation;
  detail: string;
}

export type ParsePackResult = { ok: true; pack: ScriptPack } | { ok: false; problems: PackProblem[] };

export function formatPath(path: readonly (string | number)[]): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(part)) text += text ? `.${part}` : part;
    else text += `[${JSON.stringify(part)}]`;
  }
  return text || '(root)';
}

export function describeProblem(problem: PackProblem): string {
  const at = problem.location ? ` (line ${problem.location.line}, column ${problem.location.column})` : '';
  return problem.kind === 'schema' ? `${problem.pathText}${at}: ${problem.detail}` : `${problem.detail}${at}`;
}

const SYNTAX_KEYS: Record<Exclude<PackProblem['kind'], 'schema'>, string> = {
  syntax: 'guidance.pack.invalidJson',
  'duplicate-key': 'guidance.pack.duplicateKey',
  'too-deep': 'guidance.pack.tooDeep',
};

export function issueDetail(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'unrecognized_keys':
      return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => JSON.stringify(key)).join(', ')}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'too_small':
      return issue.origin === 'array' ? `needs at least ${String(issue.minimum)} item(s)` : `too short or too small (minimum ${String(issue.minimum)})`;
    case 'too_big':
      return `too long or too large (maximum ${String(issue.maximum)})`;
    case 'invalid_format':
      return `wrong format`;
    default: {
      const params = 'params' in issue && issue.params ? ` ${JSON.stringify(issue.params)}` : '';
      return `${issue.message}${params}`;
    }
  }
}

/**
 * Parse and validate a script pack from its JSON text. Never throws: every
 * problem comes back with the place it is in.
 */
export function parsePack(text: string): ParsePackResult {
  let located;
  try {
    located = parseJsonLocated(text);
  } catch (error) {
    if (error instanceof JsonLocatedError) {
      const message = error.message.replace(/ \(line \d+, column \d+\)$/, '');
      return {
        ok: false,
        problems: [{ kind: error.code, messageKey: SYNTAX_KEYS[error.code], path: [], pathText: '(root)', location: error.location, detail: message }],
      };
    }
    throw error;
  }

  const result = ScriptPackSchema.safeParse(located.value);
  if (result.success) return { ok: true, pack: result.data };

  const problems = result.error.issues.map((issue): PackProblem => {
    const path = issue.path.filter((part): part is string | number => typeof part !== 'symbol');
    let location: JsonLocation | undefined;
    if (issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined) {
      location = located.locate([...path, issue.keys[0]], { key: true });
    }
    // The value itself, else its key (a present key with a bad value), else the nearest parent that exists.
    for (let n = path.length; !location && n >= 0; n--) {
      location = n === path.length ? located.locate(path) : located.locate(path.slice(0, n));
    }
    const messageKey = issue.code === 'custom' || issue.message.startsWith('errors.') || issue.message.startsWith('guidance.') ? issue.message : `guidance.pack.${issue.code}`;
    return { kind: 'schema', messageKey, path, pathText: formatPath(path), location, detail: issueDetail(issue) };
  });
  return { ok: false, problems };
}
