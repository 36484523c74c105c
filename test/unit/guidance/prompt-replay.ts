import { AGC_AUDIO_PROFILE, DuplexAnalyser, type AudioConfig } from '../../../src/shared/guidance/audio';
import { GuidanceEngine, type PromptKind } from '../../../src/shared/guidance/rules';
import { defaultPack } from '../../../src/shared/guidance/scripts';

/** A prompt as the agent would first see it: its kind, and when (ms since answer). */
export interface ShownPrompt {
  kind: PromptKind;
  atMs: number;
}

const QUANTUM = 128; // what an AudioWorklet hands over per call
const TICK_MS = 100;

/**
 * A call, offline, the way the desk runs it: the caller's audio through the
 * shared analysis in render quanta (the agent silent), its events into the
 * rule engine with the default pack at the audio time they were decided, and
 * the engine ticked every 100 ms. Returns each prompt kind the first time it
 * was shown. `config` defaults to what the desk uses (the AGC profile).
 */
export function replayCall(caller: Float32Array, sampleRate: number, config: Partial<AudioConfig> = AGC_AUDIO_PROFILE): ShownPrompt[] {
  const analyser = new DuplexAnalyser({ sampleRate, config });
  const engine = new GuidanceEngine({ pack: defaultPack() });
  const agent = new Float32Array(QUANTUM);
  const shown = new Map<PromptKind, number>();
  const note = (view: { visible: { kind: PromptKind }[] }, atMs: number) => {
    for (const prompt of view.visible) if (!shown.has(prompt.kind)) shown.set(prompt.kind, atMs);
  };
  note(engine.handle({ type: 'call-phase', phase: 'talking' }, 0), 0);
  let nextTick = TICK_MS;
  for (let offset = 0; offset + QUANTUM <= caller.length; offset += QUANTUM) {
    for (const event of analyser.push(caller.subarray(offset, offset + QUANTUM), agent)) note(engine.handle({ type: 'audio', event }, event.atMs), event.atMs);
    const now = ((offset + QUANTUM) / sampleRate) * 1000;
    while (nextTick <= now) {
      note(engine.tick(nextTick), nextTick);
      nextTick += TICK_MS;
    }
  }
  return [...shown].map(([kind, atMs]) => ({ kind, atMs }));
}
