import type { PromptKind } from '../../../src/shared/guidance/rules';
import type { FixtureName } from '../../fixtures/audio/make-audio';

/**
 * The guidance recordings every line path is judged on (issue: a telephone
 * caller must get the same prompts as a browser caller): what the caller
 * plays from answer on, and the prompts the agent must see, no more. Only the
 * prompts the caller's audio can raise are judged (silent-call, dead-air,
 * de-escalation); the agent's side is silent.
 */
export interface LineRecording {
  name: string;
  /** The fixture files played one after the other; a number is that many seconds of digital silence. */
  parts: (FixtureName | number)[];
  expected: PromptKind[];
}

/** The prompt kinds the caller's audio alone can raise. */
export const AUDIO_PROMPTS: readonly PromptKind[] = ['silent-call', 'dead-air', 'de-escalation'];

export const LINE_RECORDINGS: readonly LineRecording[] = [
  { name: 'calm', parts: ['calm-then-calm'], expected: [] },
  { name: 'calm, then raised (+12 dB, faster)', parts: ['calm-then-loud'], expected: ['de-escalation'] },
  { name: 'silent', parts: [12], expected: ['silent-call'] },
  { name: 'dead air (calm, 7 s silence, calm)', parts: ['calm', 7, 'calm2'], expected: ['dead-air'] },
  { name: 'calm in street noise', parts: ['street-calm'], expected: [] },
  { name: 'silent caller in street noise', parts: ['street-silent'], expected: ['silent-call'] },
  { name: 'elderly, slow and quiet', parts: ['elderly'], expected: [] },
];

/** Joins the parts of a recording (48 kHz mono). */
export function buildRecording(recording: LineRecording, load: (name: FixtureName) => Float32Array, sampleRate: number): Float32Array {
  const pieces = recording.parts.map((part) => (typeof part === 'number' ? new Float32Array(Math.round(part * sampleRate)) : load(part)));
  const out = new Float32Array(pieces.reduce((n, piece) => n + piece.length, 0));
  let offset = 0;
  for (const piece of pieces) {
    out.set(piece, offset);
    offset += piece.length;
  }
  return out;
}
