/**
 * The desk's first screen sets no Chinese text in bold: the bold CJK face is a
 * second font that Chromium finds and loads at the first layout that needs it
 * (~67 ms of a cold start on the lab's machine, docs/benchmarks.md). Calls do
 * use bold (the form's labels, the prompts' titles), so the face is loaded
 * here, once the desk is idle after its start, by laying out a few hidden bold
 * characters; the first ring then finds it loaded.
 */
export function warmBoldFace(doc: Document = document): void {
  const probe = doc.createElement('span');
  probe.setAttribute('aria-hidden', 'true');
  probe.style.cssText = 'position:absolute;left:-9999px;top:0;visibility:hidden;font-weight:700;white-space:nowrap';
  // Characters of the in-call screen, in the CJK fallback font's bold face; one would do, a few cost nothing more.
  probe.textContent = '通话工单来电人';
  doc.body.appendChild(probe);
  // Reading the box forces the layout that shapes the text, and so loads the face now.
  probe.getBoundingClientRect();
  probe.remove();
}
