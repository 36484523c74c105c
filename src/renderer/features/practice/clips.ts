import manifest from '../../../../assets/practice-voices/manifest.json';

/**
 * The shipped clips of the bundled scenarios' lines (made by
 * scripts/practice-voices.mjs), by `<scenario id>/<line or interjection id>`.
 * Vite turns each into a URL in the build (small ones inline, which the
 * page's `media-src data:` allows).
 */
const urls = import.meta.glob<string>('../../../../assets/practice-voices/*/*.ogg', { query: '?url', import: 'default', eager: true });

export interface CallerClip {
  url: string;
  durationMs: number;
}

const clips = new Map<string, CallerClip>();
for (const [key, clip] of Object.entries(manifest.clips as Record<string, { file: string; durationMs: number }>)) {
  const url = urls[`../../../../assets/practice-voices/${clip.file}`];
  if (url) clips.set(key, { url, durationMs: clip.durationMs });
}

/** The clip for a line, or null (a trainer's own scenario, a line edited since the clips were made). */
export function callerClip(scenarioId: string, lineId: string): CallerClip | null {
  return clips.get(`${scenarioId}/${lineId}`) ?? null;
}
