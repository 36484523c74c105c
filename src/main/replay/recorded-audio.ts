import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ReplayPeaksSchema, type ReplayAudioInfo, type ReplayPeaks } from '../../shared/review/review';
import type { RecordingStore } from '../recordings';
import type { AudioBody, ReplayAudioSource } from './replay-audio';

/**
 * A call's encrypted recording (recording-13's RecordingStore: one complete
 * stereo WebM, caller left, agent right), with its peaks kept beside in
 * `peaksDir` once the replay has measured them (the first open decodes the
 * audio in the renderer; every later open draws at once). A call with
 * several recordings (legs) replays its first finished one. Any other
 * source (e.g. generated test audio) is asked when the call has no recording.
 */
export class RecordedAudioSource implements ReplayAudioSource {
  constructor(
    private readonly recordings: Pick<RecordingStore, 'list' | 'decrypt' | 'reader'>,
    private readonly peaksDir: string,
    private readonly fallback: ReplayAudioSource | null = null,
  ) {}

  info(callId: string): ReplayAudioInfo {
    const recording = this.recordingOf(callId);
    if (!recording) return this.fallback?.info(callId) ?? { available: false, holds: [], durationMs: 0, mime: '', peaks: null };
    return { available: true, holds: recording.holds.map((hold) => ({ atMs: Math.round(hold.atMs), heldMs: Math.round(hold.heldMs) })), durationMs: recording.durationMs ?? 0, mime: 'audio/webm', peaks: this.peaks(callId) };
  }

  bytes(callId: string): { mime: string; data: Buffer } | null {
    const recording = this.recordingOf(callId);
    if (!recording) return this.fallback?.bytes(callId) ?? null;
    const decrypted = this.recordings.decrypt(recording.id);
    return { mime: decrypted.mimeType, data: Buffer.from(decrypted.bytes.buffer, decrypted.bytes.byteOffset, decrypted.bytes.byteLength) };
  }

  body(callId: string): AudioBody | null {
    const recording = this.recordingOf(callId);
    if (!recording) return this.fallback?.body(callId) ?? null;
    const reader = this.recordings.reader(recording.id);
    return { mime: 'audio/webm', size: reader.size, range: (start, end) => reader.range(start, end) };
  }

  savePeaks(callId: string, peaks: ReplayPeaks, durationMs: number): void {
    if (!/^[0-9A-Za-z-]+$/.test(callId)) return;
    if (!this.recordingOf(callId)) {
      this.fallback?.savePeaks(callId, peaks, durationMs);
      return;
    }
    mkdirSync(this.peaksDir, { recursive: true });
    writeFileSync(join(this.peaksDir, `${callId}.peaks.json`), JSON.stringify({ durationMs, peaks }));
  }

  private peaks(callId: string): ReplayPeaks | null {
    const path = join(this.peaksDir, `${callId}.peaks.json`);
    if (!existsSync(path)) return null;
    const parsed = ReplayPeaksSchema.safeParse((JSON.parse(readFileSync(path, 'utf8')) as { peaks?: unknown }).peaks);
    return parsed.success ? parsed.data : null;
  }

  private recordingOf(callId: string) {
    return this.recordings.list(callId).find((recording) => recording.state !== 'recording') ?? null;
  }
}
