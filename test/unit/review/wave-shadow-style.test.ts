import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rendererCsp } from '../../../src/main/renderer-csp';

/** `selector { decl; decl }` rules of a stylesheet, comments dropped, whitespace normalised. */
function rules(css: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  for (const match of text.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    const declarations = match[2]!.split(';').map((d) => d.trim().replace(/\s+/g, ' ')).filter(Boolean).sort();
    out.set(match[1]!.trim().replace(/\s+/g, ' '), declarations);
  }
  return out;
}

/** The inline <style> wavesurfer 8 writes into its shadow root, as its renderer builds it for the player (two channels of 56 px). */
function wavesurferShadowCss(): string {
  const require = createRequire(import.meta.url);
  const source = readFileSync(join(dirname(require.resolve('wavesurfer.js')), 'renderer.js'), 'utf8');
  const style = /<style[^>]*>([\s\S]*?)<\/style>/.exec(source);
  if (!style) throw new Error('wavesurfer renderer.js has no shadow <style> any more');
  return style[1]!.replace(/\$\{this\.getHeight\([^}]*\)\}/g, '112');
}

describe('the waveform under the app CSP', () => {
  it("has a CSP that blocks inline styles, so wavesurfer's own <style> is not applied", () => {
    const style = rendererCsp([]).split('; ').find((d) => d.startsWith('style-src'));
    expect(style).toBe("style-src 'self'");
    const meta = readFileSync(join(__dirname, '../../../src/renderer/index.html'), 'utf8');
    expect(meta).toContain("style-src 'self';");
    expect(meta).not.toContain('unsafe-inline');
  });

  it("ships a stylesheet with every rule of wavesurfer's shadow <style> (without them markers are placed against the page, not the waveform)", () => {
    const theirs = rules(wavesurferShadowCss());
    const ours = rules(readFileSync(join(__dirname, '../../../src/renderer/features/replay/wavesurfer-shadow.css'), 'utf8'));
    expect(theirs.size).toBeGreaterThan(5);
    expect(ours).toEqual(theirs);
  });
});
