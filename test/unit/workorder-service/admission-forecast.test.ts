import { describe, expect, it } from 'vitest';
import { Admission } from '../../../services/workorder/admission';

const far = () => Date.now() + 60_000;

/**
 * One place, a line of three, and two places handed over 100 ms apart on the
 * test's clock: the measured pace is 100 ms a place, one request still waits.
 */
async function pacedAdmission(forecast: boolean) {
  let t = 0;
  const admission = new Admission({ maxInFlight: 1, maxWaitMs: 1_000, maxLagMs: 0, forecast, clock: () => t });
  const first = await admission.enter(far());
  const [a, b, c] = [admission.enter(far()), admission.enter(far()), admission.enter(far())];
  t = 100;
  first();
  const second = await a;
  t = 200;
  second();
  const third = await b;
  return { admission, third, last: c };
}

describe('admission: forecast of the wait in line', () => {
  it('refuses at once a request the line ahead will not clear for in its time left, and lets in one it will', async () => {
    const { admission, third, last } = await pacedAdmission(true);
    expect(admission.waiting).toBe(1);
    // Two places ahead (the one waiting, then this one) at 100 ms each: 200 ms.
    expect(admission.forecastWaitMs).toBe(200);
    const shed = admission.shed;
    // Waited 850 ms unread: 150 ms of its second left, under the 200 ms forecast.
    await expect(admission.enter(far(), 850)).rejects.toMatchObject({ status: 503, code: 'busy', message: expect.stringMatching(/line ahead/) });
    expect(admission.shed).toBe(shed + 1);
    expect(admission.waiting).toBe(1);
    // The same with the whole second left: it joins the line and gets the next places in turn.
    const joined = admission.enter(far(), 0);
    expect(admission.waiting).toBe(2);
    third();
    (await last)();
    (await joined)();
    expect(admission.waiting).toBe(0);
    // The run of saturation is over: a line that forms again waits on its own bound until it has a run of its own.
    expect(admission.forecastWaitMs).toBeNull();
    admission.close();
  });

  it('without the forecast the same request waits in line and is refused only when its time is out', async () => {
    const { admission, third, last } = await pacedAdmission(false);
    const refused = admission.enter(far(), 850).catch((error: unknown) => error);
    expect(admission.waiting).toBe(2);
    expect(await refused).toMatchObject({ status: 503, code: 'busy' });
    expect(admission.waiting).toBe(1);
    third();
    (await last)();
    admission.close();
  });

  it('knows no pace until places were handed over in a row, and forgets the run once the line ran dry', async () => {
    const admission = new Admission({ maxInFlight: 1, maxLagMs: 0 });
    expect(admission.forecastWaitMs).toBeNull();
    const first = await admission.enter(far());
    const next = admission.enter(far());
    first();
    (await next)();
    // One handover is no interval yet.
    expect(admission.forecastWaitMs).toBeNull();
    admission.close();
  });
});

/** One place in use after two handovers 100 ms apart on the test's clock (pace 100 ms a place), nobody in line. */
async function measuredPace() {
  const clock = { t: 0 };
  const admission = new Admission({ maxInFlight: 1, maxWaitMs: 1_000, maxLagMs: 0, clock: () => clock.t });
  const first = await admission.enter(far());
  const [a, b] = [admission.enter(far()), admission.enter(far())];
  clock.t = 100;
  first();
  const second = await a;
  clock.t = 200;
  second();
  return { admission, clock, inUse: await b };
}

describe('admission: the forecast kept up to date while requests wait', () => {
  it('refuses a waiting request as soon as a slower pace says its place will not come in its time left', async () => {
    const { admission, clock, inUse } = await measuredPace();
    // One joins with its whole second, one with 300 ms left: forecast 100 and 200 ms, both let in.
    const roomy = admission.enter(far(), 0);
    const startedAt = performance.now();
    const tight = admission.enter(far(), 700).catch((error: unknown) => error);
    expect(admission.waiting).toBe(2);
    // The next place comes 500 ms later: the pace is now 300 ms, and the tight one has no time left for its place.
    clock.t = 700;
    inUse();
    expect(await tight).toMatchObject({ status: 503, code: 'busy', message: expect.stringMatching(/line ahead/) });
    // Told at the handover, not when its 300 ms in line ran out.
    expect(performance.now() - startedAt).toBeLessThan(250);
    // The roomy one (first in line, 1,000 ms from t = 200) got its place.
    (await roomy)();
    expect(admission.waiting).toBe(0);
    admission.close();
  });

  it('keeps in line a request that a slower pace still leaves time for', async () => {
    const { admission, clock, inUse } = await measuredPace();
    const [c, d] = [admission.enter(far(), 0), admission.enter(far(), 0)];
    clock.t = 400;
    inUse();
    // Pace 150 ms; d is first in line now with 800 ms left: it stays.
    expect(admission.waiting).toBe(1);
    (await c)();
    (await d)();
    admission.close();
  });
});
