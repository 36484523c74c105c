/**
 * The work-order service's clock as this desk knows it, learnt from the
 * `Workorder-Service-Time` of its answers, so a request can carry its deadline
 * in the service's clock (`X-Request-Deadline`). The service then counts the
 * time a request waited before it was read (a storm's queue it cannot see) and
 * does not start or commit work the desk has stopped waiting for. Skew between
 * the two clocks does not matter: only the offset learnt here is used.
 */
export class ServiceClock {
  /**
   * The tightest answer so far: the service stamped its time between `sentAt`
   * and `receivedAt` (this desk's clock), so the offset lies in
   * [serviceTime − receivedAt, serviceTime − sentAt].
   */
  private best: { low: number; high: number } | null = null;

  /** An answer came: `header` is its Workorder-Service-Time (absent from an older service). */
  observe(sentAt: number, receivedAt: number, header: string | null): void {
    if (header === null || !/^\s*\d{1,15}\s*$/.test(header) || receivedAt < sentAt) return;
    const serviceTime = Number(header.trim());
    const next = { low: serviceTime - receivedAt, high: serviceTime - sentAt };
    const current = this.best;
    // Keep the narrowest interval; one that does not overlap the kept one means a
    // clock was set (either side), so the old estimate is wrong: take the new one.
    const disjoint = current !== null && (next.high < current.low || next.low > current.high);
    if (current === null || disjoint || next.high - next.low <= current.high - current.low) this.best = next;
  }

  /**
   * X-Request-Deadline for a request sent at `sentAt` that waits `timeoutMs`:
   * the latest moment, in the service's clock, that can still be before this
   * desk gives up (the lenient end of the estimate, so a good request is never
   * refused for the estimate's error). Undefined until an answer taught the offset.
   */
  deadlineHeader(sentAt: number, timeoutMs: number): string | undefined {
    if (this.best === null) return undefined;
    return String(Math.round(sentAt + timeoutMs + this.best.high));
  }
}
