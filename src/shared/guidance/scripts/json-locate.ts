/**
 * A strict JSON parser (RFC 8259) that remembers where every value and key
 * starts, so a broken script pack can be reported as "line 41, column 13".
 * JSON.parse's messages differ between engines and give no line for schema
 * errors, hence this small parser. Duplicate keys are an error: in a file a
 * trainer edits by hand, the second copy silently winning is a trap.
 */

export interface JsonLocation {
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units. */
  column: number;
  /** 0-based offset into the text. */
  offset: number;
}

export type JsonErrorCode = 'syntax' | 'duplicate-key' | 'too-deep';

export class JsonLocatedError extends Error {
  constructor(
    readonly code: JsonErrorCode,
    message: string,
    readonly location: JsonLocation,
  ) {
    super(`${message} (line ${location.line}, column ${location.column})`);
    this.name = 'JsonLocatedError';
  }
}

export interface LocatedJson {
  value: unknown;
  /** Where the value at `path` starts; for a member, `key: true` gives where its key starts. */
  locate(path: readonly PropertyKey[], options?: { key?: boolean }): JsonLocation | undefined;
}

const MAX_DEPTH = 200;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

function pathKey(path: readonly PropertyKey[]): string {
  return path.map((part) => String(part)).join('\u0000');
}

export function parseJsonLocated(input: string): LocatedJson {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const shift = text.length === input.length ? 0 : 1;
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);

  const where = (offset: number): JsonLocation => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (lineStarts[lo] ?? 0) + 1, offset: offset + shift };
  };
  const fail = (code: JsonErrorCode, message: string, offset: number): never => {
    throw new JsonLocatedError(code, message, where(offset));
  };

  const valueStarts = new Map<string, number>();
  const keyStarts = new Map<string, number>();
  let i = 0;

  const skipWhitespace = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else return;
    }
  };
  const describe = (offset: number) => (offset >= text.length ? 'end of input' : JSON.stringify(text[offset]));

  const parseString = (): string => {
    const start = i;
    i++; // opening quote
    for (;;) {
      if (i >= text.length) fail('syntax', 'Unterminated string', start);
      const c = text.charCodeAt(i);
      if (c === 0x22) break;
      if (c < 0x20) fail('syntax', 'Control character in string (use \\n, \\t)', i);
      i += c === 0x5c ? 2 : 1;
    }
    i++; // closing quote
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      // Only a bad escape can fail here; find it for the message.
      const bad = text.slice(start, i).search(/\\(?!["\\/bfnrt]|u[0-9a-fA-F]{4})/);
      return fail('syntax', 'Invalid escape in string', bad >= 0 ? start + bad : start);
    }
  };

  const parseValue = (path: PropertyKey[], depth: number): unknown => {
    if (depth > MAX_DEPTH) fail('too-deep', 'Nested too deeply', i);
    skipWhitespace();
    valueStarts.set(pathKey(path), i);
    const c = text[i];
    if (c === '{') {
      const result: Record<string, unknown> = {};
      const keys = new Set<string>();
      i++;
      skipWhitespace();
      if (text[i] === '}') {
        i++;
        return result;
      }
      for (;;) {
        skipWhitespace();
        if (text[i] !== '"') fail('syntax', `Expected a property name in double quotes, found ${describe(i)}`, i);
        const keyAt = i;
        const key = parseString();
        if (keys.has(key)) fail('duplicate-key', `Duplicate key ${JSON.stringify(key)}`, keyAt);
        keys.add(key);
        keyStarts.set(pathKey([...path, key]), keyAt);
        skipWhitespace();
        if (text[i] !== ':') fail('syntax', `Expected ':' after property name, found ${describe(i)}`, i);
        i++;
        const value = parseValue([...path, key], depth + 1);
        // defineProperty: "__proto__" stays an ordinary key.
        Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
        skipWhitespace();
        if (text[i] === ',') {
          i++;
          skipWhitespace();
          if (text[i] === '}') fail('syntax', 'Trailing comma before }', i);
          continue;
        }
        if (text[i] === '}') {
          i++;
          return result;
        }
        fail('syntax', `Expected ',' or '}' after property value, found ${describe(i)}`, i);
      }
    }
    if (c === '[') {
      const result: unknown[] = [];
      i++;
      skipWhitespace();
      if (text[i] === ']') {
        i++;
        return result;
      }
      for (;;) {
        result.push(parseValue([...path, result.length], depth + 1));
        skipWhitespace();
        if (text[i] === ',') {
          i++;
          skipWhitespace();
          if (text[i] === ']') fail('syntax', 'Trailing comma before ]', i);
          continue;
        }
        if (text[i] === ']') {
          i++;
          return result;
        }
        fail('syntax', `Expected ',' or ']' after array element, found ${describe(i)}`, i);
      }
    }
    if (c === '"') return parseString();
    if (text.startsWith('true', i)) {
      i += 4;
      return true;
    }
    if (text.startsWith('false', i)) {
      i += 5;
      return false;
    }
    if (text.startsWith('null', i)) {
      i += 4;
      return null;
    }
    NUMBER.lastIndex = i;
    const number = NUMBER.exec(text);
    if (number) {
      i += number[0].length;
      return Number(number[0]);
    }
    return fail('syntax', `Unexpected ${describe(i)}`, i);
  };

  const value = parseValue([], 0);
  skipWhitespace();
  if (i < text.length) fail('syntax', `Unexpected ${describe(i)} after the end of the JSON value`, i);

  return {
    value,
    locate(path, options) {
      const offset = (options?.key ? keyStarts : valueStarts).get(pathKey(path));
      return offset === undefined ? undefined : where(offset);
    },
  };
}
