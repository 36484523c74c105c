import { RemoteNameSchema, RemoteNumberSchema } from '../../../shared/domain/call-log';

export const MAX_NUMBER_LENGTH = RemoteNumberSchema.maxLength ?? 64;
export const MAX_NAME_LENGTH = RemoteNameSchema.maxLength ?? 128;

export interface CallerIdentity {
  number: string;
  name: string;
}

// C0/C1 controls (exactly Unicode's Cc; spelled as ranges because the first use of a \p{…} class made the first
// INVITE wait ~5 ms for ICU's property tables); the bidi overrides/isolates that could make "110" render as "011";
// zero-width space/joiners, word joiner and BOM, which make two names look alike. All single UTF-16 units.
// eslint-disable-next-line no-control-regex -- matching control characters is this expression's job
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g;

/**
 * The caller's number (URI user part) and display name arrive as raw network
 * text. They are shown as plain text (React escapes them); here we only drop
 * invisible control characters and bound the length to what the call log stores.
 */
export function callerIdentity(user: string | undefined, displayName: string | undefined): CallerIdentity {
  return {
    number: clip(clean(user ?? ''), MAX_NUMBER_LENGTH),
    name: clip(clean(unquote(displayName ?? '')), MAX_NAME_LENGTH),
  };
}

/**
 * sip.js hands over a quoted display name with its quoted-pairs still escaped
 * (`\"` and `\\`, RFC 3261 25.1): show the characters they stand for.
 */
function unquote(text: string): string {
  return text.replace(/\\([\s\S])/g, '$1');
}

function clean(text: string): string {
  return text.replace(UNSAFE_CHARACTERS, '').trim();
}

/** Cuts to at most `max` UTF-16 units without splitting a surrogate pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const codePoint of text) {
    if (out.length + codePoint.length > max) break;
    out += codePoint;
  }
  return out;
}
