import type { URI } from 'sip.js';
import type { PhoneNotice } from './phone-events';
import type { SipCall } from './sip-call';
import { refer } from './transfer';

/** What transfers need from CallControl: calls by id, dialing the consultation, resuming the caller. */
export interface TransferHost {
  get(id: string): SipCall | undefined;
  dial(targetUri: string, display: string, consultFor: string | null): Promise<string | null>;
  resume(id: string): Promise<boolean>;
  hangup(id: string): Promise<void>;
  notice(notice: PhoneNotice): void;
}

/** Blind and attended transfer (REFER, REFER with Replaces), a collaborator of CallControl. */
export class TransferControl {
  constructor(private readonly host: TransferHost) {}

  /** REFER the call to `target`; the call leaves the desk once the transferee accepts. */
  async blind(call: SipCall, target: URI): Promise<boolean> {
    if (call.ended || !call.answered) return false;
    call.update({ transfer: 'blind' });
    const { outcome } = await refer(call.session, target, { waitForResult: false });
    if (outcome !== 'accepted') {
      call.update({ transfer: null });
      this.host.notice(outcome === 'rejected' ? 'transferRejected' : 'transferFailed');
      return false;
    }
    await call.leaveAfterTransfer();
    return true;
  }

  /** Attended transfer, step 1: hold the call and dial the colleague. Returns the consultation's call id. */
  async consult(call: SipCall, targetUri: string, display: string): Promise<string | null> {
    if (call.ended || !call.answered) return null;
    call.update({ transfer: 'consulting' });
    const consultId = await this.host.dial(targetUri, display, call.id);
    if (!consultId) call.update({ transfer: null });
    return consultId;
  }

  /** Step 2: REFER the original call to the consulted party with Replaces. Falls back on failure. */
  async complete(consultId: string): Promise<boolean> {
    const consult = this.host.get(consultId);
    const original = consult?.consultFor ? this.host.get(consult.consultFor) : undefined;
    if (!consult || !original || consult.ended || original.ended || !consult.answered) return false;
    original.update({ transfer: 'completing' });
    const { outcome } = await refer(original.session, consult.session, { waitForResult: true });
    if (outcome !== 'accepted') {
      // Both calls stay as they were; the agent can go back to the caller.
      original.update({ transfer: 'consulting' });
      this.host.notice(outcome === 'rejected' ? 'transferRejected' : 'transferFailed');
      return false;
    }
    consult.localAction = 'transferred';
    await original.leaveAfterTransfer();
    // The target replaces our consultation leg and ends it; end it ourselves if it does not.
    await consult.leaveAfterTransfer();
    return true;
  }

  /** Cancels an attended transfer: ends the consultation and takes the caller back. */
  async cancel(consultId: string): Promise<void> {
    const consult = this.host.get(consultId);
    const originalId = consult?.consultFor;
    if (consult && !consult.ended) await this.host.hangup(consult.id);
    const original = originalId ? this.host.get(originalId) : undefined;
    if (original && !original.ended) {
      original.update({ transfer: null });
      await this.host.resume(original.id);
    }
  }
}
