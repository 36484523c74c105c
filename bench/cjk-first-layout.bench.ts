/**
 * What the first line of Chinese costs a fresh renderer (issue 16): a new browser per run, one hidden line laid out with
 * the desk's font list (read from src/renderer/styles.css) and a forced layout timed around it, then a second line in
 * the same font. Cases side by side, interleaved run by run: the desk's line as it boots (lang zh-CN), the same line in
 * a page marked English, Latin text only, and the generic sans-serif in Chinese and English pages. CSS.getPlatformFontsForNode names the faces used.
 *
 *   npm run bench -- cjk-first-layout        (CJK_BENCH_RUNS=8 by default)
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { LAB_CHROMIUM_ARGS } from '../test/e2e/lab/browser';
import { median, p90 } from './stats';

const ROOT = process.env['HOTLINE_ROOT'] ?? process.cwd();
const DESK_FONTS = /font-family:\s*(system-ui[^;]+);/.exec(readFileSync(join(ROOT, 'src/renderer/styles.css'), 'utf8'))?.[1];
if (!DESK_FONTS) throw new Error('no font-family starting with system-ui in src/renderer/styles.css');
const DESK_LINE = '12345 热线坐席 Hotline Desk';

interface Case { name: string; lang: string; fonts: string; text: string }
const CASES: readonly Case[] = [
  { name: "desk's line, lang zh-CN", lang: 'zh-CN', fonts: DESK_FONTS, text: DESK_LINE },
  { name: "desk's line, lang en", lang: 'en', fonts: DESK_FONTS, text: DESK_LINE },
  { name: 'Latin only, lang zh-CN', lang: 'zh-CN', fonts: DESK_FONTS, text: '12345 Hotline Desk' },
  { name: 'sans-serif, lang zh-CN', lang: 'zh-CN', fonts: 'sans-serif', text: DESK_LINE },
  // The one fast first line seen: no CJK font named and no CJK language, so Chinese falls back to the JP face (wrong
  // glyph forms for Chinese text; a pointer for whoever profiles Chromium's font code with symbols, not an option).
  { name: 'sans-serif, lang en', lang: 'en', fonts: 'sans-serif', text: DESK_LINE },
];

/** In the page: the forced layout of a first hidden line, then of a second one (ms), and nothing left behind. */
function layOut([fonts, text]: [string, string]): [number, number] {
  const line = (content: string) => {
    const p = document.createElement('p');
    p.id = 'probe';
    Object.assign(p.style, { position: 'absolute', visibility: 'hidden', whiteSpace: 'nowrap', fontSize: '15px', fontFamily: fonts });
    p.textContent = content;
    const start = performance.now();
    document.body.append(p);
    void p.offsetWidth;
    return performance.now() - start;
  };
  const first = line(text);
  document.getElementById('probe')?.removeAttribute('id');
  return [first, line('市民来电反映小区夜间施工噪音')];
}

async function once(c: Case, nameFonts: boolean): Promise<{ first: number; second: number; faces: string }> {
  const profile = mkdtempSync(join(tmpdir(), 'cjk-layout-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: [...LAB_CHROMIUM_ARGS] });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.setContent(`<!doctype html><html lang="${c.lang}"><body></body></html>`);
    const [first, second] = await page.evaluate(layOut, [c.fonts, c.text] as [string, string]);
    let faces = '';
    if (nameFonts) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('DOM.enable');
      await cdp.send('CSS.enable');
      const { root } = await cdp.send('DOM.getDocument');
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: 'p:first-of-type' });
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      faces = fonts.map((f) => `${f.familyName} (${f.glyphCount})`).join(', ');
    }
    return { first, second, faces };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

export async function main(): Promise<void> {
  const runs = Number(process.env['CJK_BENCH_RUNS'] ?? 8);
  const results = new Map<string, { first: number[]; second: number[]; faces: string }>(CASES.map((c) => [c.name, { first: [], second: [], faces: '' }]));
  for (let run = 0; run < runs; run++) {
    for (const c of CASES) {
      const r = await once(c, run === 0);
      const into = results.get(c.name)!;
      into.first.push(r.first);
      into.second.push(r.second);
      if (r.faces) into.faces = r.faces;
    }
  }
  const f = (n: number) => n.toFixed(1);
  console.log(`\nThe first line of text in a fresh browser: forced layout, ms (${runs} runs each, interleaved)\n`);
  console.log('| case | first line: median / p90 | second line (CJK): median | faces used by the first line (glyphs) |');
  console.log('| --- | ---: | ---: | --- |');
  for (const c of CASES) {
    const r = results.get(c.name)!;
    console.log(`| ${c.name} | ${f(median(r.first))} / ${f(p90(r.first))} | ${f(median(r.second))} | ${r.faces} |`);
  }
}
