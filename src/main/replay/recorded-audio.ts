import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ReplayPeaksSchema, type ReplayAudioInfo, type ReplayPeaks } from '../../shared/review/review';
import type { RecordingStore, RecordingSummary } from '../recordings';
import { recordingPeaksOf, replayPeaksOf } from '../recordings/recording-peaks';
import type { AudioBody, ReplayAudioSource } from './replay-audio';

/**
 * A call's encrypted recording (recording-13's RecordingStore: one complete
 * stereo WebM, caller left, agent right) with its peaks, sealed beside it:
 * measured while recording, or (a recording made before that) by the replay
 * on its first open, then kept. A call with several recordings (legs)
 * replays its first finished one. Any other source (e.g. generated test
 * audio) is asked when the call has no recording.
 *
 * `legacyPeaksDir` held peaks in clear (`<callId>.peaks.json`) before they
 * were sealed: one found there is sealed beside its recording and removed.
 */
export class RecordedAudioSource implements ReplayAudioSource {
  constructor(
    private readonly recordings: Pick<RecordingStore, 'list' | 'decrypt' | 'reader' | 'peaks' | 'savePeaks'>,
    private readonly legacyPeaksDir: string,
    private readonly fallback: ReplayAudioSource | null = null,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  info(callId: string): ReplayAudioInfo {
    const recording = this.recordingOf(callId);
    if (!recording) return this.fallback?.info(callId) ?? { available: false, holds: [], durationMs: 0, mime: '', peaks: null };
    return { available: true, holds: recording.holds.map((hold) => ({ atMs: Math.round(hold.atMs), heldMs: Math.round(hold.heldMs) })), durationMs: recording.durationMs ?? 0, mime: 'audio/webm', peaks: this.peaks(callId, recording) };
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
    const recording = this.recordingOf(callId);
    if (!recording) {
      this.fallback?.savePeaks(callId, peaks, durationMs);
      return;
    }
    this.recordings.savePeaks(recording.id, recordingPeaksOf(peaks));
  }

  private peaks(callId: string, recording: RecordingSummary): ReplayPeaks | null {
    try {
      const kept = this.recordings.peaks(recording.id);
      if (kept) return replayPeaksOf(kept);
      return this.sealLegacy(callId, recording);
    } catch (error) {
      // Unreadable peaks are measured again on this open.
      this.onError(error);
      return null;
    }
  }

  private sealLegacy(callId: string, recording: RecordingSummary): ReplayPeaks | null {
    if (!/^[0-9A-Za-z-]+$/.test(callId)) return null;
    const path = join(this.legacyPeaksDir, `${callId}.peaks.json`);
    if (!existsSync(path)) return null;
    const parsed = ReplayPeaksSchema.safeParse((JSON.parse(readFileSync(path, 'utf8')) as { peaks?: unknown }).peaks);
    rmSync(path, { force: true });
    if (!parsed.success) return null;
    this.recordings.savePeaks(recording.id, recordingPeaksOf(parsed.data));
    return replayPeaksOf(recordingPeaksOf(parsed.data));
  }

  private recordingOf(callId: string) {
    return this.recordings.list(callId).find((recording) => recording.state !== 'recording') ?? null;
  }
}
