import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * What a record holds: a piece of the WebM stream, the index written when the
 * recording was finished or repaired, or (in the file beside it) the waveform's peaks.
 */
export type RecordKind = 'media' | 'index' | 'peaks';
const KIND_BYTE: Record<RecordKind, number> = { media: 1, index: 2, peaks: 3 };

export const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** Decryption failed: the key is not this recording's (another desk, a changed keychain) or the bytes were altered. */
export class RecordingKeyError extends Error {
  readonly code = 'recording-key';
  constructor(message: string) {
    super(message);
    this.name = 'RecordingKeyError';
  }
}

export function newRecordingKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/** The recording id, the record's number and kind are authenticated: records cannot be swapped, reordered or moved between files. */
function aad(recordingId: string, seq: number, kind: RecordKind): Buffer {
  const tail = Buffer.alloc(5);
  tail.writeUInt32BE(seq);
  tail.writeUInt8(KIND_BYTE[kind], 4);
  return Buffer.concat([Buffer.from(recordingId, 'utf8'), tail]);
}

/** nonce ‖ ciphertext ‖ tag (AES-256-GCM). */
export function sealRecord(key: Buffer, recordingId: string, seq: number, kind: RecordKind, plaintext: Uint8Array): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad(recordingId, seq, kind));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]);
}

export function openRecord(key: Buffer, recordingId: string, seq: number, kind: RecordKind, sealed: Buffer): Buffer {
  if (sealed.length < NONCE_BYTES + TAG_BYTES) throw new RecordingKeyError(`Record ${seq} of ${recordingId} is too short to be a sealed record`);
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, NONCE_BYTES));
  decipher.setAAD(aad(recordingId, seq, kind));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(NONCE_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new RecordingKeyError(`Record ${seq} of recording ${recordingId} does not open with its key (wrong key or altered file)`);
  }
}

/** A kind a recording file's records may have (peaks are never in it). */
export function kindOfByte(byte: number): 'media' | 'index' | null {
  return byte === 1 ? 'media' : byte === 2 ? 'index' : null;
}

export function kindByte(kind: RecordKind): number {
  return KIND_BYTE[kind];
}

/** The recording's key, wrapped by the desk key (bound to the recording id). */
export function wrapKey(deskKey: Buffer, recordingId: string, recordingKey: Buffer): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', deskKey, nonce);
  cipher.setAAD(Buffer.from(`wrap:${recordingId}`, 'utf8'));
  const body = Buffer.concat([cipher.update(recordingKey), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]);
}

export function unwrapKey(deskKey: Buffer, recordingId: string, wrapped: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', deskKey, wrapped.subarray(0, NONCE_BYTES));
  decipher.setAAD(Buffer.from(`wrap:${recordingId}`, 'utf8'));
  decipher.setAuthTag(wrapped.subarray(wrapped.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(wrapped.subarray(NONCE_BYTES, wrapped.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new RecordingKeyError(`This desk's key does not open recording ${recordingId} (the OS keychain changed, or the recording is from another desk)`);
  }
}
