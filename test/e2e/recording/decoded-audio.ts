import type { Page } from 'playwright-core';

export interface DecodedAudio {
  durationS: number;
  channels: number;
  /** Per channel: the power of each probed frequency (Goertzel, over the middle of the audio). */
  power: { hz: number; left: number; right: number }[];
}

/** Decodes a recording in a Chromium page (WebAudio) and measures which tone is on which channel. */
export async function decodeInPage(page: Page, bytes: Uint8Array, probeHz: number[]): Promise<DecodedAudio> {
  return page.evaluate(
    async ([data, frequencies]) => {
      const context = new OfflineAudioContext(2, 48_000, 48_000);
      const buffer = await context.decodeAudioData(new Uint8Array(data).buffer);
      const goertzel = (samples: Float32Array, hz: number) => {
        const from = Math.floor(samples.length * 0.25);
        const to = Math.floor(samples.length * 0.75);
        const k = (2 * Math.cos((2 * Math.PI * hz) / buffer.sampleRate));
        let s1 = 0;
        let s2 = 0;
        for (let i = from; i < to; i++) {
          const s = samples[i]! + k * s1 - s2;
          s2 = s1;
          s1 = s;
        }
        return (s1 * s1 + s2 * s2 - k * s1 * s2) / (to - from);
      };
      const left = buffer.getChannelData(0);
      const right = buffer.numberOfChannels > 1 ? buffer.getChannelData(1) : left;
      return {
        durationS: buffer.duration,
        channels: buffer.numberOfChannels,
        power: frequencies.map((hz) => ({ hz, left: goertzel(left, hz), right: goertzel(right, hz) })),
      };
    },
    [Array.from(bytes), probeHz] as const,
  );
}

/** Loads the recording into an <audio> element and seeks to `toS`: where it landed, and the duration it reports. */
export async function seekInPage(page: Page, bytes: Uint8Array, mimeType: string, toS: number): Promise<{ durationS: number; landedS: number; seekableEndS: number }> {
  return page.evaluate(
    async ([data, type, to]) => {
      const audio = document.createElement('audio');
      audio.src = URL.createObjectURL(new Blob([new Uint8Array(data)], { type }));
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no loadedmetadata within 5 s')), 5_000);
        audio.onloadedmetadata = () => {
          clearTimeout(timer);
          resolve();
        };
        audio.onerror = () => reject(new Error(`media error ${audio.error?.code}: ${audio.error?.message}`));
      });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no seeked within 5 s')), 5_000);
        audio.onseeked = () => {
          clearTimeout(timer);
          resolve();
        };
        audio.currentTime = to;
      });
      return { durationS: audio.duration, landedS: audio.currentTime, seekableEndS: audio.seekable.length > 0 ? audio.seekable.end(0) : 0 };
    },
    [Array.from(bytes), mimeType, toS] as const,
  );
}
