import { describe, expect, it } from 'vitest';
import { Admission, type AdmissionOptions } from '../../../services/workorder/admission';

const far = () => Date.now() + 60_000;

/**
 * One place and a line of one after two places were handed over 400 ms apart
 * on the test's clock: the measured pace is 400 ms a place.
 */
async function saturated(options: AdmissionOptions = {}) {
  const clock = { t: 0 };
  const admission = new Admission({ maxInFlight: 1, maxWaitMs: 1_000, maxLagMs: 0, retryAfter: 'forecast', clock: () => clock.t, ...options });
  const first = await admission.enter(far());
  const [a, b, c] = [admission.enter(far()), admission.enter(far()), admission.enter(far())];
  clock.t = 1_000;
  first();
  const second = await a;
  clock.t = 1_400;
  second();
  const third = await b;
  const finish = async () => {
    third();
    (await c)();
    admission.close();
  };
  return { admission, clock, finish };
}

/** The Retry-After of `n` requests refused one after another (each with 500 ms of its second left: the forecast is 800 ms). */
async function refusals(admission: Admission, n: number): Promise<string[]> {
  const seconds: string[] = [];
  for (let i = 0; i < n; i += 1) {
    const error = (await admission.enter(far(), 500).catch((e: unknown) => e)) as { status?: number; headers?: Record<string, string> };
    expect(error.status).toBe(503);
    seconds.push(error.headers?.['retry-after'] ?? '');
  }
  return seconds;
}

describe('admission: Retry-After from the forecast', () => {
  it('tells each refused desk when a place is expected for it: after the line, then one place at the pace per desk refused before it', async () => {
    const { admission, clock, finish } = await saturated();
    expect(admission.waiting).toBe(1);
    // Places at 1.8, 2.2, 2.6, 3.0, 3.4, 3.8 s on a clock at 1.4 s: 0.4, 0.8, 1.2, 1.6, 2.0, 2.4 s away, rounded up.
    expect(await refusals(admission, 6)).toEqual(['1', '1', '2', '2', '2', '3']);
    // Once the promised places are past, the next desk's place is after the line alone again.
    clock.t = 60_000;
    expect(await refusals(admission, 1)).toEqual(['1']);
    await finish();
  });

  it('gives no later than maxRetryAfterS: places past it are all given the cap', async () => {
    const { admission, finish } = await saturated({ maxRetryAfterS: 2 });
    expect(await refusals(admission, 8)).toEqual(['1', '1', '2', '2', '2', '2', '2', '2']);
    await finish();
  });

  it("'fixed' (the default; and 'forecast' before a pace is measured) answers retryAfterS", async () => {
    const fixed = await saturated({ retryAfter: 'fixed', retryAfterS: 3 });
    expect(await refusals(fixed.admission, 4)).toEqual(['3', '3', '3', '3']);
    await fixed.finish();
    const fresh = new Admission({ maxInFlight: 1, maxQueue: 0, maxLagMs: 0, retryAfterS: 2 });
    const held = await fresh.enter(far());
    await expect(fresh.enter(far())).rejects.toMatchObject({ status: 503, headers: { 'retry-after': '2' } });
    held();
    fresh.close();
  });

  it("the store's own refusals (request-server.ts) take the next place in the same order", async () => {
    const { admission, finish } = await saturated();
    expect(await refusals(admission, 2)).toEqual(['1', '1']);
    // The third place is 1.2 s away.
    expect(admission.retryAfterForRefusal()).toBe(2);
    await finish();
  });
});
