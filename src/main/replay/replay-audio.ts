import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ReplayPeaksSchema, type ReplayAudioInfo, type ReplayPeaks } from '../../shared/review/review';
import { wavPeaks } from './wav-peaks';

/** Where the replay gets a call's audio and its peaks. */
export interface ReplayAudioSource {
  info(callId: string): ReplayAudioInfo;
  bytes(callId: string): { mime: string; data: Buffer } | null;
  /** The audio as a file read by ranges (streamed to the player), null when the call has none. */
  body(callId: string): AudioBody | null;
  /** Peaks the renderer measured on first open, kept so every later open draws at once. */
  savePeaks(callId: string, peaks: ReplayPeaks, durationMs: number): void;
}

export interface AudioBody {
  mime: string;
  size: number;
  /** The bytes `[start, end)`, in pieces. */
  range(start: number, end: number): Iterator<Uint8Array>;
}

const NONE: ReplayAudioInfo = { available: false, holds: [], durationMs: 0, mime: '', peaks: null };
const TYPES = [
  { ext: 'wav', mime: 'audio/wav' },
  { ext: 'opus', mime: 'audio/ogg; codecs=opus' },
  { ext: 'ogg', mime: 'audio/ogg' },
  { ext: 'webm', mime: 'audio/webm' },
] as const;

/**
 * Plain stereo files in a folder, `<callId>.<wav|opus|ogg|webm>` with
 * `<callId>.peaks.json` beside (made from a WAV on first open). The replay's
 * stand-in until the encrypted recordings (issue 13, recording) are wired in:
 * tests and the bench put generated calls here.
 */
export class FolderAudioSource implements ReplayAudioSource {
  constructor(private readonly dir: string) {}

  info(callId: string): ReplayAudioInfo {
    const file = this.file(callId);
    if (!file) return NONE;
    const peaksPath = join(this.dir, `${callId}.peaks.json`);
    if (existsSync(peaksPath)) {
      const stored = JSON.parse(readFileSync(peaksPath, 'utf8')) as { durationMs: number; peaks: unknown };
      const peaks = ReplayPeaksSchema.safeParse(stored.peaks);
      if (peaks.success) return { available: true, holds: [], durationMs: stored.durationMs, mime: file.mime, peaks: peaks.data };
    }
    if (file.ext !== 'wav') return { available: true, holds: [], durationMs: 0, mime: file.mime, peaks: null };
    const computed = wavPeaks(readFileSync(file.path));
    mkdirSync(this.dir, { recursive: true });
    writeFileSync(peaksPath, JSON.stringify(computed));
    return { available: true, holds: [], durationMs: computed.durationMs, mime: file.mime, peaks: computed.peaks };
  }

  bytes(callId: string): { mime: string; data: Buffer } | null {
    const file = this.file(callId);
    return file ? { mime: file.mime, data: readFileSync(file.path) } : null;
  }

  body(callId: string): AudioBody | null {
    const file = this.file(callId);
    if (!file) return null;
    return { mime: file.mime, size: statSync(file.path).size, range: (start, end) => fileRange(file.path, start, end) };
  }

  savePeaks(callId: string, peaks: ReplayPeaks, durationMs: number): void {
    if (!this.file(callId)) return;
    writeFileSync(join(this.dir, `${callId}.peaks.json`), JSON.stringify({ durationMs, peaks }));
  }

  private file(callId: string): { path: string; ext: string; mime: string } | null {
    if (!/^[0-9A-Za-z-]+$/.test(callId)) return null;
    for (const type of TYPES) {
      const path = join(this.dir, `${callId}.${type.ext}`);
      if (existsSync(path)) return { path, ext: type.ext, mime: type.mime };
    }
    return null;
  }
}

function* fileRange(path: string, start: number, end: number, pieceBytes = 256 * 1024): Generator<Uint8Array> {
  const fd = openSync(path, 'r');
  try {
    for (let at = start; at < end; ) {
      const piece = Buffer.alloc(Math.min(pieceBytes, end - at));
      const read = readSync(fd, piece, 0, piece.length, at);
      if (read === 0) return;
      yield piece.subarray(0, read);
      at += read;
    }
  } finally {
    closeSync(fd);
  }
}
