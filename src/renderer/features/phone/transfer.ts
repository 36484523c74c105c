import type { Session, URI } from 'sip.js';

/**
 * REFER for blind (to a URI) and attended (to our consult Session: REFER with
 * Replaces) transfer. Resolves with how the transfer went:
 * - 'rejected': the REFER itself was refused (no transfer happened);
 * - 'accepted': 202 and, if `waitForResult`, the NOTIFY sipfrag said 2xx;
 * - 'failed': the transferee tried and the target refused (NOTIFY ≥ 300);
 * - 'timeout': no final word in time.
 */
export type TransferOutcome = 'accepted' | 'rejected' | 'failed' | 'timeout';
export const TRANSFER_TIMEOUT_MS = 30_000;

/** "SIP/2.0 200 OK" → 200; null for anything else. */
export function sipfragStatus(body: string | undefined): number | null {
  const match = /^SIP\/2\.0\s+(\d{3})/.exec((body ?? '').trim());
  return match ? Number(match[1]) : null;
}

export function refer(
  session: Session,
  target: URI | Session,
  options: { waitForResult: boolean; timeoutMs?: number },
): Promise<{ outcome: TransferOutcome; statusCode: number | null }> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (outcome: TransferOutcome, statusCode: number | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ outcome, statusCode });
    };
    const timer = setTimeout(() => done('timeout', null), options.timeoutMs ?? TRANSFER_TIMEOUT_MS);
    session
      .refer(target, {
        requestDelegate: {
          onAccept: () => {
            if (!options.waitForResult) done('accepted', 202);
          },
          onReject: (response) => done('rejected', response.message.statusCode ?? null),
        },
        onNotify: (notification) => {
          void notification.accept().catch(() => undefined);
          const status = sipfragStatus(notification.request.body);
          if (status === null || status < 200) return;
          done(status < 300 ? 'accepted' : 'failed', status);
        },
      })
      .catch(() => done('rejected', null));
  });
}
