/**
 * What a REGISTER 200 OK really granted us. A registrar may answer 200 OK and
 * still hold no binding of ours: it granted 0 s (the binding is gone), it
 * listed no Contact at all, or it listed only other devices' Contacts. None of
 * those is "registered", whatever the status code says.
 */

/** Our Contact as we sent it: the registrar lists it back with the same user and host. */
export interface OurContact {
  user: string;
  host: string;
  /** `urn:uuid:...` when we sent `+sip.instance`; a registrar may match us by it instead. */
  instance: string | null;
}

export type RegisterAnswer =
  | { kind: 'granted'; expires: number }
  | { kind: 'not-granted'; why: 'zero-expiry' | 'no-contact' | 'foreign-contact' };

interface ParsedContact {
  user: string;
  host: string;
  expires: number | null;
  instance: string | null;
}

/**
 * Judges the Contact and Expires header values (raw text, as received) of a
 * 2xx to our REGISTER. RFC 3261 10.2.4: our binding's expiry is its Contact's
 * `expires` parameter, else the Expires header; a registrar that lists our
 * Contact with neither still holds it, for what we asked (`requested`).
 */
export function judgeRegisterAnswer(
  contactHeaders: readonly string[],
  expiresHeaders: readonly string[],
  ours: OurContact,
  requested: number,
): RegisterAnswer {
  const contacts = contactHeaders.flatMap(splitContacts).map(parseContact).filter((c): c is ParsedContact => c !== null);
  if (contacts.length === 0) return { kind: 'not-granted', why: 'no-contact' };
  const mine = contacts.find((contact) => isOurs(contact, ours));
  if (!mine) return { kind: 'not-granted', why: 'foreign-contact' };
  const expires = mine.expires ?? parseSeconds(expiresHeaders[0]) ?? requested;
  if (expires <= 0) return { kind: 'not-granted', why: 'zero-expiry' };
  return { kind: 'granted', expires };
}

function isOurs(contact: ParsedContact, ours: OurContact): boolean {
  if (ours.instance !== null && contact.instance !== null) return contact.instance.toLowerCase() === ours.instance.toLowerCase();
  return contact.user === ours.user && contact.host.toLowerCase() === ours.host.toLowerCase();
}

/** Splits one Contact header value on the commas between contacts (not inside <...> or quotes). */
export function splitContacts(value: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (ch === '"' && value[i - 1] !== '\\') quoted = !quoted;
    else if (!quoted && ch === '<') depth++;
    else if (!quoted && ch === '>') depth = Math.max(0, depth - 1);
    else if (!quoted && depth === 0 && ch === ',') {
      out.push(value.slice(start, i));
      start = i + 1;
    }
  }
  out.push(value.slice(start));
  return out.map((part) => part.trim()).filter((part) => part !== '');
}

const URI_IN_BRACKETS = /<\s*sips?:([^>]*)>/i;
const BARE_URI = /^\s*sips?:([^;,\s]*)/i;

function parseContact(text: string): ParsedContact | null {
  const bracketed = URI_IN_BRACKETS.exec(text);
  const uri = bracketed?.[1] ?? BARE_URI.exec(text)?.[1];
  if (uri === undefined) return null;
  // Header parameters follow the URI (after '>' when bracketed; after the first ';' when bare).
  const params = bracketed ? text.slice((bracketed.index ?? 0) + bracketed[0].length) : text.slice(text.indexOf(';') >= 0 ? text.indexOf(';') : text.length);
  const hostPart = uri.split(/[;?]/)[0] ?? '';
  const at = hostPart.lastIndexOf('@');
  const user = at >= 0 ? hostPart.slice(0, at) : '';
  const host = (at >= 0 ? hostPart.slice(at + 1) : hostPart).replace(/:\d+$/, '');
  const expires = /;\s*expires\s*=\s*"?(\d+)/i.exec(params);
  const instance = /;\s*\+sip\.instance\s*=\s*"?<?([^>";]+)>?"?/i.exec(params);
  return { user, host, expires: expires ? Number(expires[1]) : null, instance: instance?.[1]?.trim() ?? null };
}

function parseSeconds(text: string | undefined): number | null {
  if (text === undefined || !/^\s*\d+\s*$/.test(text)) return null;
  return Number(text);
}
