import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';

/** Where screenshots go: kept by CI as artefacts, so a screen can be looked at without running the app. */
export const SCREENSHOT_DIR = process.env.HOTLINE_SCREENSHOT_DIR ?? join(process.cwd(), 'test-results', 'screens');

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  // Transitions finished, so a screen is shown as it settles, not half-way through a theme change.
  await page.screenshot({ path, animations: 'disabled' });
  return path;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The element's box lies wholly inside the viewport (what an agent sees without scrolling). */
export async function inViewport(locator: Locator): Promise<{ box: Box | null; inside: boolean }> {
  const page = locator.page();
  const size = page.viewportSize();
  const box = await locator.boundingBox();
  if (!box || !size) return { box, inside: false };
  const inside = box.x >= 0 && box.y >= 0 && box.x + box.width <= size.width + 0.5 && box.y + box.height <= size.height + 0.5 && box.width > 0;
  return { box, inside };
}

/** The page itself does not scroll: everything scrolls inside its pane. */
export async function pageScrolls(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    return root.scrollHeight > window.innerHeight + 1 || root.scrollWidth > window.innerWidth + 1 || root.scrollTop > 0;
  });
}

/** The element at the centre of the locator is the locator's own (nothing — overlay, dialog — covers it). */
export async function isTopmost(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => {
    const r = element.getBoundingClientRect();
    const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
    return hit !== null && (hit === element || element.contains(hit));
  });
}

/**
 * Visible elements whose own text has Chinese characters set at weight 600 or more: the first screen has none, so a
 * cold start loads one CJK face, not two (docs/benchmarks.md: the bold face cost ~67 ms of the start).
 */
export function boldChineseText(page: Page): Promise<{ text: string; weight: string }[]> {
  return page.evaluate(() => {
    const found: { text: string; weight: string }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node && found.length < 20; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      const element = node.parentElement;
      if (!element || !/[\u3400-\u9fff]/.test(text) || element.getClientRects().length === 0) continue;
      const style = getComputedStyle(element);
      if (style.visibility === 'hidden' || Number(style.fontWeight) < 600) continue;
      found.push({ text: text.trim().slice(0, 20), weight: style.fontWeight });
    }
    return found;
  });
}

/**
 * Visible elements with text of their own drawn in another font list than the page's: form controls left on the
 * browser's control font, or TDesign's own list (PingFang SC, Microsoft YaHei, Arial) instead of the desk's.
 */
export function offFontText(page: Page): Promise<{ tag: string; text: string; font: string }[]> {
  return page.evaluate(() => {
    const desk = getComputedStyle(document.body).fontFamily;
    const found: { tag: string; text: string; font: string }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node && found.length < 20; node = walker.nextNode()) {
      const element = node.parentElement;
      const text = (node.textContent ?? '').trim();
      if (!element || text === '' || element.getClientRects().length === 0) continue;
      const font = getComputedStyle(element).fontFamily;
      // Icon fonts and code (kbd, a monospace number) may differ on purpose.
      if (font === desk || /monospace|t-icon|tdesign/i.test(font)) continue;
      found.push({ tag: element.tagName.toLowerCase() + (element.className ? `.${String(element.className).split(' ')[0]}` : ''), text: text.slice(0, 20), font });
    }
    return found;
  });
}

/**
 * Short texts (labels, heads, numbers, times: 16 characters or fewer) inside the locator that the layout broke over
 * more than one line, as in a column too narrow for its head. Text clipped away for screen readers only is skipped.
 */
export function brokenShortTexts(locator: Locator): Promise<{ text: string; lines: number }[]> {
  return locator.evaluate((root) => {
    const found: { text: string; lines: number }[] = [];
    const clipped = (element: Element | null): boolean => {
      for (let e = element; e && e !== root.parentElement; e = e.parentElement) if (getComputedStyle(e).clipPath !== 'none') return true;
      return false;
    };
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node.textContent ?? '').trim();
      if (text.length === 0 || text.length > 16 || clipped(node.parentElement)) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (tops.size > 1) found.push({ text, lines: tops.size });
    }
    return found;
  });
}

/**
 * Elements of the scrolling `pane` that show through its sticky `header`: for each element outside the header whose
 * box meets the header's, the middle of the overlap is hit-tested, and it counts if the element is what is on top there
 * (content scrolled under the header that paints over it, such as an input's icon with a higher z-index).
 */
export function showingThrough(pane: Locator, headerSelector: string): Promise<{ element: string; x: number; y: number }[]> {
  return pane.evaluate((root, selector) => {
    const header = root.querySelector(selector);
    if (!header) throw new Error(`no ${selector} in the pane`);
    const h = header.getBoundingClientRect();
    const found: { element: string; x: number; y: number }[] = [];
    for (const element of root.querySelectorAll('*')) {
      if (header.contains(element) || element.contains(header)) continue;
      const r = element.getBoundingClientRect();
      const left = Math.max(r.left, h.left), right = Math.min(r.right, h.right);
      const top = Math.max(r.top, h.top), bottom = Math.min(r.bottom, h.bottom);
      if (right - left < 1 || bottom - top < 1) continue;
      const x = (left + right) / 2, y = (top + bottom) / 2;
      const hit = document.elementFromPoint(x, y);
      if (hit && (hit === element || element.contains(hit)) && !header.contains(hit)) {
        found.push({ element: `${element.tagName.toLowerCase()}.${[...element.classList].join('.')}`, x: Math.round(x), y: Math.round(y) });
      }
    }
    return found;
  }, headerSelector);
}

/** How far apart (px, vertically) a checkbox's box and its words sit: ~0 beside each other, a line's height when stacked. */
export function checkboxWordsOffset(locator: Locator): Promise<number> {
  return locator.evaluate((label) => {
    const box = label.querySelector('.t-checkbox__input, input[type="checkbox"]');
    const words = label.querySelector('.t-checkbox__label');
    if (!box || !words) throw new Error('not a checkbox with words');
    const middle = (r: DOMRect) => r.top + r.height / 2;
    return Math.abs(middle(box.getBoundingClientRect()) - middle(words.getBoundingClientRect()));
  });
}

/**
 * How far apart (px, vertically) the words of a button's shortcut hint and the button's middle sit: ~0 when the keys are
 * centred on it. The words' own box (a range over them), not the hint's element, which a flex row stretches to its height.
 */
export function shortcutHintOffCentre(button: Locator): Promise<number> {
  return button.evaluate((element) => {
    const hint = element.querySelector('.shortcut-hint');
    if (!hint) throw new Error('no shortcut hint on this button');
    const words = document.createRange();
    words.selectNodeContents(hint);
    const middle = (r: DOMRect) => r.top + r.height / 2;
    return Math.abs(middle(words.getBoundingClientRect()) - middle(element.getBoundingClientRect()));
  });
}
