/**
 * The last line against a REGISTER storm: whatever path asks for a REGISTER
 * (a retry, a reconnect, a refresh, a server that answers oddly), no more than
 * MAX_REGISTERS_PER_WINDOW go out in any WINDOW_MS. A few hundred agents
 * whose desks each re-REGISTERed in a loop would take a real PBX down, so the
 * cap holds even if some other rule here is wrong.
 */
export const MAX_REGISTERS_PER_WINDOW = 4;
export const REGISTER_WINDOW_MS = 10_000;

export class RegisterPacer {
  /** When each of the last MAX_REGISTERS_PER_WINDOW REGISTERs went out (epoch ms), oldest first. */
  private readonly sentAt: number[] = [];

  constructor(private readonly now: () => number) {}

  /** How long to wait before the next REGISTER may go out: 0 = now. */
  delayBeforeNext(): number {
    if (this.sentAt.length < MAX_REGISTERS_PER_WINDOW) return 0;
    const oldest = this.sentAt[0]!;
    return Math.max(0, oldest + REGISTER_WINDOW_MS - this.now());
  }

  recordSent(): void {
    this.sentAt.push(this.now());
    while (this.sentAt.length > MAX_REGISTERS_PER_WINDOW) this.sentAt.shift();
  }
}
