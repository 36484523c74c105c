/**
 * What the agent typed or pasted into the number field, made dialable.
 * Pasted numbers come as "138 0013 8000", "010-6552-9988", "(021) 5888 1234" or
 * "+86 138-0013-8000": spaces, dashes, dots, brackets and NBSP are dropped.
 * A full SIP URI (sip:user@host) is passed through for transfers to a colleague.
 */
export type DialError = 'empty' | 'invalid' | 'tooLong';
export type DialNumber = { ok: true; target: string } | { ok: false; error: DialError };

export const MAX_DIAL_LENGTH = 32;
const SEPARATORS = /[\s\u00a0\u3000\-.()（）－]/g;
const DIALABLE = /^\+?[0-9*#]+$/;
const SIP_URI = /^sips?:[^\s@<>"]+@[^\s@<>";]+$/i;

export function normalizeDialNumber(input: string): DialNumber {
  const trimmed = input.trim();
  if (SIP_URI.test(trimmed)) return { ok: true, target: trimmed };
  // Full-width digits (Chinese IMEs) become ASCII digits.
  const ascii = trimmed.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/＋/g, '+');
  const stripped = ascii.replace(SEPARATORS, '');
  if (stripped === '') return { ok: false, error: 'empty' };
  if (!DIALABLE.test(stripped)) return { ok: false, error: 'invalid' };
  if (stripped.replace('+', '').length > MAX_DIAL_LENGTH) return { ok: false, error: 'tooLong' };
  return { ok: true, target: stripped };
}

/** The SIP URI to INVITE for a normalized target: numbers go to the account's domain. */
export function dialUri(target: string, domain: string): string {
  if (/^sips?:/i.test(target)) return target;
  return `sip:${target}@${domain}`;
}

/** The host part of a sip:user@host[:port] URI, or null. */
export function domainOf(sipUri: string): string | null {
  const match = /^sips?:[^@]+@([^;?>]+)/i.exec(sipUri.trim());
  return match?.[1] ?? null;
}
