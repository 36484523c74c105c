import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expand, routeSamples } from './route-census';
import { reviewCentre } from './reviews/review-centre';

// js-yaml comes with electron-builder (not a direct dependency); only the doc tests use it.
const yaml = createRequire(import.meta.url)('js-yaml') as { load: (text: string) => unknown };
const root = join(import.meta.dirname, '../../..');
const doc = yaml.load(readFileSync(join(root, 'docs/workorder-api.openapi.yaml'), 'utf8')) as { paths: Record<string, Record<string, unknown>> };
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

const documented = Object.entries(doc.paths).flatMap(([template, item]) =>
  Object.keys(item)
    .filter((key) => (METHODS as readonly string[]).includes(key.toUpperCase()))
    .map((method) => ({ method: method.toUpperCase(), template, match: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`) })),
);

describe('docs/workorder-api.openapi.yaml and the service\'s router', () => {
  let close: (() => Promise<void>) | null = null;
  afterAll(async () => {
    await close?.();
  });

  it('the census finds routes however a module matches them (a regular expression, a constant, a prefix)', () => {
    expect(expand('^/v1/floor/alerts/([0-9a-f-]{36})(/ack)?$')).toEqual([`/v1/floor/alerts/${'0'.repeat(36)}/ack`, `/v1/floor/alerts/${'0'.repeat(36)}`]);
    expect(expand('^\\/v1\\/teams\\/([^/]+)\\/people$')).toEqual(['/v1/teams/x/people']);
    expect(expand('^/v1/x/(a|b)/([1-9]\\d{0,8})$')).toEqual(['/v1/x/a/11', '/v1/x/a/1', '/v1/x/b/11', '/v1/x/b/1']);
    const samples = routeSamples(root);
    // One of each way: a shared constant, a regular expression literal, a RegExp built from constants.
    expect(samples).toEqual(expect.arrayContaining(['/v1/monitor/grants', '/v1/teams/x/people', `/v1/recordings/rec-${'0'.repeat(32)}/audio`]));
  });

  it('every route the service answers is documented (method and path), and every documented operation is answered', { timeout: 90_000 }, async () => {
    const centre = await reviewCentre('sqlite');
    close = centre.close;
    const { fx, tokens } = centre;
    // The documented paths with a placeholder in each parameter reach modules that parse the path themselves (reference data).
    const candidates = [...new Set([...routeSamples(root), ...Object.keys(doc.paths).map((template) => template.replace(/\{[^}]+\}/g, 'x'))])]
      // Signing the admin out would turn every later answer into 401.
      .sort((a, b) => Number(a.endsWith('sign-out')) - Number(b.endsWith('sign-out')) || a.localeCompare(b));
    const answered: { method: string; path: string; status: number }[] = [];
    for (const path of candidates) {
      for (const method of METHODS) {
        const abort = new AbortController();
        const response = await fetch(`${fx.url}${path}`, {
          method,
          signal: abort.signal,
          headers: { authorization: `Bearer ${tokens.admin}`, ...(method === 'GET' || method === 'DELETE' ? {} : { 'content-type': 'application/json' }) },
          ...(method === 'GET' || method === 'DELETE' ? {} : { body: '{}' }),
        });
        // The router's own "no such path" is 404 with this message; a path it knows but not with this method, 405.
        const unrouted = response.status === 405 || (response.status === 404 && ((await response.json()) as { error?: { message?: string } }).error?.message === 'No such resource.');
        // An event stream stays open: its headers are the answer.
        abort.abort();
        if (!unrouted) answered.push({ method, path, status: response.status });
      }
    }
    expect(answered.length).toBeGreaterThan(50);
    const undocumented = answered.filter(({ method, path }) => !documented.some((op) => op.method === method && op.match.test(path)));
    expect(undocumented.map(({ method, path, status }) => `${method} ${path} (${status})`)).toEqual([]);
    const unanswered = documented.filter((op) => !answered.some(({ method, path }) => op.method === method && op.match.test(path)));
    expect(unanswered.map(({ method, template }) => `${method} ${template}`)).toEqual([]);
  });
});
