import { describe, expect, it } from 'vitest';
import { Admission, type AdmissionOptions } from '../../../services/workorder/admission';

const far = () => Date.now() + 60_000;

/**
 * One place and a line of one after two places were handed over 400 ms apart
 * on the test's clock: the measured pace is 400 ms a place.
 */
async function saturated(options: AdmissionOptions = {}) {
  const clock = { t: 0 };
  const admission = new Admission({ maxInFlight: 1, maxWaitMs: 1_000, maxLagMs: 0, clock: () => clock.t, ...options });
  const first = await admission.enter(far());
  const [a, b] = [admission.enter(far()), admission.enter(far())];
  clock.t = 1_000;
  first();
  const second = await a;
  // Joins now, so at the next handover its second still has room for its place (an older one would be refused then).
  const c = admission.enter(far());
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

/** The Retry-After of `n` requests refused one after another (each with 500 ms of its second left: the forecast wait is 800 ms). */
async function refusals(admission: Admission, n: number): Promise<string[]> {
  const seconds: string[] = [];
  for (let i = 0; i < n; i += 1) {
    const error = (await admission.enter(far(), 500).catch((e: unknown) => e)) as { status?: number; headers?: Record<string, string> };
    expect(error.status).toBe(503);
    seconds.push(error.headers?.['retry-after'] ?? '');
  }
  return seconds;
}

describe('admission: Retry-After', () => {
  it('answers every refused desk retryAfterS, however long the line (the desk adds its own jitter)', async () => {
    const saturatedFor = await saturated({ retryAfterS: 3 });
    expect(saturatedFor.admission.waiting).toBe(1);
    expect(await refusals(saturatedFor.admission, 4)).toEqual(['3', '3', '3', '3']);
    await saturatedFor.finish();
    const fresh = new Admission({ maxInFlight: 1, maxQueue: 0, maxLagMs: 0 });
    const held = await fresh.enter(far());
    await expect(fresh.enter(far())).rejects.toMatchObject({ status: 503, headers: { 'retry-after': '2' } });
    held();
    fresh.close();
  });
});
