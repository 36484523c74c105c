import { describe, expect, it } from 'vitest';
import { MAX_REGISTERS_PER_WINDOW, REGISTER_WINDOW_MS, RegisterPacer } from './register-pacer';

describe('RegisterPacer', () => {
  it('lets the first REGISTERs of a window go at once', () => {
    let now = 1_000;
    const pacer = new RegisterPacer(() => now);
    for (let i = 0; i < MAX_REGISTERS_PER_WINDOW; i++) {
      expect(pacer.delayBeforeNext()).toBe(0);
      pacer.recordSent();
      now += 10;
    }
  });

  it('holds the next one until the oldest of the window is WINDOW_MS old', () => {
    let now = 0;
    const pacer = new RegisterPacer(() => now);
    for (let i = 0; i < MAX_REGISTERS_PER_WINDOW; i++) {
      pacer.recordSent();
      now += 100;
    }
    expect(pacer.delayBeforeNext()).toBe(REGISTER_WINDOW_MS - MAX_REGISTERS_PER_WINDOW * 100);
    now = REGISTER_WINDOW_MS;
    expect(pacer.delayBeforeNext()).toBe(0);
  });

  it('never allows more than the cap in any window, however often it is asked', () => {
    let now = 0;
    const pacer = new RegisterPacer(() => now);
    const sent: number[] = [];
    for (let step = 0; step < 100_000 && now < 60_000; step++) {
      if (pacer.delayBeforeNext() === 0) {
        pacer.recordSent();
        sent.push(now);
      }
      now += 7;
    }
    for (const start of sent) expect(sent.filter((t) => t >= start && t < start + REGISTER_WINDOW_MS).length).toBeLessThanOrEqual(MAX_REGISTERS_PER_WINDOW);
    expect(sent.length).toBeGreaterThanOrEqual(MAX_REGISTERS_PER_WINDOW * 6);
  });
});
