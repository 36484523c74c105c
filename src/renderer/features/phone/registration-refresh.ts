/**
 * Re-REGISTER well before the binding expires: at half the time the registrar
 * granted (never sooner than 5 s, so a registrar that grants tiny or zero
 * expiries cannot make us flood it, a trap seen with sip.js 0.21).
 */
export const MIN_REFRESH_MS = 5_000;

/** Granted expiry in seconds from a 200 OK's Contact and Expires headers (raw values). */
export function grantedExpires(contacts: readonly string[], expiresHeaders: readonly string[], requested: number): number {
  const fromContacts = contacts
    .flatMap((value) => [...value.matchAll(/;\s*expires\s*=\s*(\d+)/gi)].map((m) => Number(m[1])))
    .filter((n) => Number.isFinite(n) && n > 0);
  // Several bindings may be listed (other devices of the same user): the shortest is the safe one.
  if (fromContacts.length > 0) return Math.min(...fromContacts);
  const header = Number(expiresHeaders[0]);
  if (Number.isFinite(header) && header > 0) return header;
  return requested;
}

export function refreshDelayMs(expiresSeconds: number): number {
  return Math.max(MIN_REFRESH_MS, Math.round(expiresSeconds * 500));
}
