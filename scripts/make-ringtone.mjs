// Writes assets/ringtone.wav: our own ring (two soft two-tone bursts, then a pause),
// 16 kHz mono 16-bit, made to loop. Run once; the WAV is committed.
import { writeFileSync } from 'node:fs';

const rate = 16_000;
const seconds = 2.4;
const samples = new Int16Array(Math.round(rate * seconds));
const bursts = [
  [0.0, 0.35],
  [0.5, 0.85],
];
for (let i = 0; i < samples.length; i++) {
  const t = i / rate;
  const burst = bursts.find(([a, b]) => t >= a && t < b);
  if (!burst) continue;
  const local = t - burst[0];
  const length = burst[1] - burst[0];
  // 15 ms fade in/out so the loop never clicks.
  const envelope = Math.min(1, local / 0.015, (length - local) / 0.015);
  const tone = 0.5 * Math.sin(2 * Math.PI * 660 * t) + 0.5 * Math.sin(2 * Math.PI * 880 * t);
  samples[i] = Math.round(tone * envelope * 0.45 * 32767);
}
const header = Buffer.alloc(44);
header.write('RIFF', 0);
header.writeUInt32LE(36 + samples.byteLength, 4);
header.write('WAVE', 8);
header.write('fmt ', 12);
header.writeUInt32LE(16, 16);
header.writeUInt16LE(1, 20);
header.writeUInt16LE(1, 22);
header.writeUInt32LE(rate, 24);
header.writeUInt32LE(rate * 2, 28);
header.writeUInt16LE(2, 32);
header.writeUInt16LE(16, 34);
header.write('data', 36);
header.writeUInt32LE(samples.byteLength, 40);
writeFileSync(new URL('../assets/ringtone.wav', import.meta.url), Buffer.concat([header, Buffer.from(samples.buffer)]));
