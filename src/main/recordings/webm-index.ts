/**
 * Chromium's MediaRecorder writes a live WebM: a Segment and Clusters of
 * unknown size, no Duration, no Cues, so players cannot seek it or tell its
 * length. This reads such a stream (whole chunks, possibly cut after any
 * cluster by a crash) and writes the same audio as a complete file: sizes
 * known, Info with Duration, a SeekHead and Cues (one cue per cluster).
 */

const ID = {
  ebml: 0x1a45dfa3,
  segment: 0x18538067,
  seekHead: 0x114d9b74,
  seek: 0x4dbb,
  seekId: 0x53ab,
  seekPosition: 0x53ac,
  info: 0x1549a966,
  timecodeScale: 0x2ad7b1,
  duration: 0x4489,
  muxingApp: 0x4d80,
  writingApp: 0x5741,
  tracks: 0x1654ae6b,
  cues: 0x1c53bb6b,
  cuePoint: 0xbb,
  cueTime: 0xb3,
  cueTrackPositions: 0xb7,
  cueTrack: 0xf7,
  cueClusterPosition: 0xf1,
  cluster: 0x1f43b675,
  timecode: 0xe7,
  simpleBlock: 0xa3,
  blockGroup: 0xa0,
  void: 0xec,
} as const;

const LEVEL1 = new Set<number>([ID.seekHead, ID.info, ID.tracks, ID.cues, ID.cluster, 0x1254c367 /* Tags */, 0x1941a469 /* Attachments */, 0x1043a770 /* Chapters */]);

export class WebmStreamError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebmStreamError';
  }
}

interface Element {
  id: number;
  /** Start of the element (its id). */
  start: number;
  /** Start of its data. */
  dataStart: number;
  /** Null: unknown size (live stream). */
  size: number | null;
}

function readId(bytes: Uint8Array, at: number): { id: number; length: number } | null {
  const first = bytes[at];
  if (first === undefined || first === 0) return null;
  let length = 1;
  for (let mask = 0x80; !(first & mask); mask >>= 1) length++;
  if (length > 4 || at + length > bytes.length) return null;
  let id = 0;
  for (let i = 0; i < length; i++) id = id * 256 + bytes[at + i]!;
  return { id, length };
}

function readSize(bytes: Uint8Array, at: number): { size: number | null; length: number } | null {
  const first = bytes[at];
  if (first === undefined || first === 0) return null;
  let length = 1;
  let mask = 0x80;
  while (!(first & mask)) {
    length++;
    mask >>= 1;
  }
  if (at + length > bytes.length) return null;
  let value = first & (mask - 1);
  let allOnes = value === mask - 1;
  for (let i = 1; i < length; i++) {
    const byte = bytes[at + i]!;
    value = value * 256 + byte;
    if (byte !== 0xff) allOnes = false;
  }
  return { size: allOnes ? null : value, length };
}

function readElement(bytes: Uint8Array, at: number): Element | null {
  const id = readId(bytes, at);
  if (!id) return null;
  const size = readSize(bytes, at + id.length);
  if (!size) return null;
  return { id: id.id, start: at, dataStart: at + id.length + size.length, size: size.size };
}

function readUint(bytes: Uint8Array, at: number, length: number): number {
  let value = 0;
  for (let i = 0; i < length; i++) value = value * 256 + bytes[at + i]!;
  return value;
}

/** Opus packet duration in ms from its TOC byte (RFC 6716 §3.1). */
export function opusPacketMs(packet: Uint8Array): number {
  const toc = packet[0];
  if (toc === undefined) return 0;
  const config = toc >> 3;
  const frameMs = config < 12 ? [10, 20, 40, 60][config % 4]! : config < 16 ? [10, 20][config % 2]! : [2.5, 5, 10, 20][config % 4]!;
  const code = toc & 3;
  const frames = code === 0 ? 1 : code < 3 ? 2 : (packet[1] ?? 0) & 0x3f;
  return frameMs * frames;
}

export interface ParsedCluster {
  timecode: number;
  /** The cluster's children other than its Timecode (blocks), as they were. */
  body: Uint8Array;
  /** Where the audio of this cluster ends, in timecode units. */
  endTime: number;
}

export interface ParsedWebm {
  ebmlHeader: Uint8Array;
  timecodeScale: number;
  tracks: Uint8Array;
  clusters: ParsedCluster[];
  /** Whole clusters' end: later bytes (a cluster cut short) are not in `clusters`. */
  durationTicks: number;
}

/** Reads a live WebM stream; a trailing cluster cut off mid-block is kept up to its last whole block. */
export function parseLiveWebm(bytes: Uint8Array): ParsedWebm {
  const ebml = readElement(bytes, 0);
  if (!ebml || ebml.id !== ID.ebml || ebml.size === null) throw new WebmStreamError('The stream does not start with a WebM (EBML) header');
  const ebmlHeader = bytes.subarray(0, ebml.dataStart + ebml.size);
  const segment = readElement(bytes, ebmlHeader.length);
  if (!segment || segment.id !== ID.segment) throw new WebmStreamError('No WebM Segment after the header');
  const segmentEnd = segment.size === null ? bytes.length : Math.min(bytes.length, segment.dataStart + segment.size);
  let timecodeScale = 1_000_000;
  let tracks: Uint8Array | null = null;
  const clusters: ParsedCluster[] = [];
  let at = segment.dataStart;
  while (at < segmentEnd) {
    const element = readElement(bytes, at);
    if (!element) break;
    if (element.id === ID.cluster) {
      const cluster = readCluster(bytes, element, segmentEnd);
      if (cluster.parsed) clusters.push(cluster.parsed);
      at = cluster.end;
      if (cluster.cut) break;
      continue;
    }
    if (element.size === null || element.dataStart + element.size > segmentEnd) break;
    const end = element.dataStart + element.size;
    if (element.id === ID.tracks) tracks = bytes.subarray(element.start, end);
    if (element.id === ID.info) timecodeScale = readTimecodeScale(bytes, element.dataStart, end) ?? timecodeScale;
    at = end;
  }
  if (!tracks) throw new WebmStreamError('The WebM stream has no Tracks');
  const durationTicks = clusters.reduce((max, cluster) => Math.max(max, cluster.endTime), 0);
  return { ebmlHeader, timecodeScale, tracks, clusters, durationTicks };
}

function readTimecodeScale(bytes: Uint8Array, from: number, to: number): number | null {
  for (let at = from; at < to; ) {
    const child = readElement(bytes, at);
    if (!child || child.size === null) return null;
    if (child.id === ID.timecodeScale) return readUint(bytes, child.dataStart, child.size);
    at = child.dataStart + child.size;
  }
  return null;
}

function readCluster(bytes: Uint8Array, cluster: Element, segmentEnd: number): { parsed: ParsedCluster | null; end: number; cut: boolean } {
  const limit = cluster.size === null ? segmentEnd : Math.min(segmentEnd, cluster.dataStart + cluster.size);
  let timecode: number | null = null;
  let endTime = 0;
  let bodyStart = -1;
  let bodyEnd = -1;
  let at = cluster.dataStart;
  let cut = false;
  while (at < limit) {
    const child = readElement(bytes, at);
    // An unknown-size cluster ends where the next top-level element begins.
    if (child && cluster.size === null && LEVEL1.has(child.id)) break;
    if (!child || child.size === null || child.dataStart + child.size > limit) {
      cut = true;
      break;
    }
    const end = child.dataStart + child.size;
    if (child.id === ID.timecode) timecode = readUint(bytes, child.dataStart, child.size);
    else if (child.id === ID.simpleBlock || child.id === ID.blockGroup) {
      if (bodyStart < 0) bodyStart = child.start;
      bodyEnd = end;
      if (child.id === ID.simpleBlock && timecode !== null) endTime = Math.max(endTime, timecode + simpleBlockEnd(bytes, child.dataStart, end));
    }
    at = end;
  }
  if (timecode === null || bodyStart < 0) return { parsed: null, end: cut ? limit : at, cut };
  return { parsed: { timecode, body: bytes.subarray(bodyStart, bodyEnd), endTime: Math.max(endTime, timecode) }, end: cut ? limit : at, cut };
}

/** A SimpleBlock's end relative to its cluster: its timecode plus the Opus packet's length (ms = ticks at the default scale). */
function simpleBlockEnd(bytes: Uint8Array, from: number, to: number): number {
  const track = readSize(bytes, from);
  if (!track) return 0;
  const at = from + track.length;
  const relative = (bytes[at]! << 24) >> 16 | bytes[at + 1]!;
  const flags = bytes[at + 2]!;
  const laced = (flags & 0x06) !== 0;
  return relative + (laced ? 20 : opusPacketMs(bytes.subarray(at + 3, to)));
}

// ---- Writing ------------------------------------------------------------------------

function idBytes(id: number): number[] {
  const out: number[] = [];
  for (let v = id; v > 0; v = Math.floor(v / 256)) out.unshift(v % 256);
  return out;
}

/** An 8-byte size, so an element's size never changes the layout. */
function size8(size: number): number[] {
  const out = [0x01];
  for (let i = 6; i >= 0; i--) out.push(Math.floor(size / 2 ** (8 * i)) % 256);
  return out;
}

function element(id: number, ...children: Uint8Array[]): Uint8Array {
  const length = children.reduce((sum, child) => sum + child.length, 0);
  const head = [...idBytes(id), ...size8(length)];
  const out = new Uint8Array(head.length + length);
  out.set(head);
  let at = head.length;
  for (const child of children) {
    out.set(child, at);
    at += child.length;
  }
  return out;
}

function uint8(id: number, value: number): Uint8Array {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(Math.round(value)));
  return element(id, bytes);
}

function float8(id: number, value: number): Uint8Array {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setFloat64(0, value);
  return element(id, bytes);
}

function text(id: number, value: string): Uint8Array {
  return element(id, new TextEncoder().encode(value));
}

export interface IndexedWebm {
  bytes: Uint8Array<ArrayBuffer>;
  durationMs: number;
}

/** A piece of the indexed file: bytes made here, or a cluster's blocks as they are in the live stream (`[srcStart, srcEnd)` of it). */
export type WebmPiece = { bytes: Uint8Array } | { srcStart: number; srcEnd: number };

export interface WebmLayout {
  pieces: WebmPiece[];
  size: number;
  durationMs: number;
}

/**
 * The complete, seekable file's layout (sizes known, Duration, SeekHead and one
 * cue per cluster) without copying the audio: each cluster's blocks stay where
 * they are in the live stream `source` (the bytes `parsed` was read from), so a
 * reader can fetch just the part of the file it is asked for.
 */
export function layoutWebm(parsed: ParsedWebm, source: Uint8Array): WebmLayout {
  const info = element(
    ID.info,
    uint8(ID.timecodeScale, parsed.timecodeScale),
    text(ID.muxingApp, 'hotline-desk'),
    text(ID.writingApp, 'hotline-desk recording'),
    float8(ID.duration, parsed.durationTicks),
  );
  const clusterHeads = parsed.clusters.map((cluster) => {
    const timecode = uint8(ID.timecode, cluster.timecode);
    return elementHead(ID.cluster, timecode.length + cluster.body.length, timecode);
  });
  const clusterLength = (i: number) => clusterHeads[i]!.length + parsed.clusters[i]!.body.length;
  // Every number is 8 bytes wide, so the sizes are known before the positions are.
  const seekEntry = (id: number, position: number) => element(ID.seek, element(ID.seekId, Uint8Array.from(idBytes(id))), uint8(ID.seekPosition, position));
  const cuePoint = (time: number, position: number) =>
    element(ID.cuePoint, uint8(ID.cueTime, time), element(ID.cueTrackPositions, uint8(ID.cueTrack, 1), uint8(ID.cueClusterPosition, position)));
  const seekHeadLength = element(ID.seekHead, seekEntry(ID.info, 0), seekEntry(ID.tracks, 0), seekEntry(ID.cues, 0)).length;
  const cuesLength = element(ID.cues, ...parsed.clusters.map(() => cuePoint(0, 0))).length;
  const infoAt = seekHeadLength;
  const tracksAt = infoAt + info.length;
  const cuesAt = tracksAt + parsed.tracks.length;
  let clusterAt = cuesAt + cuesLength;
  const cues = element(
    ID.cues,
    ...parsed.clusters.map((cluster, i) => {
      const point = cuePoint(cluster.timecode, clusterAt);
      clusterAt += clusterLength(i);
      return point;
    }),
  );
  const seekHead = element(ID.seekHead, seekEntry(ID.info, infoAt), seekEntry(ID.tracks, tracksAt), seekEntry(ID.cues, cuesAt));
  const segmentLength = clusterAt;
  const head = concat([parsed.ebmlHeader, elementHead(ID.segment, segmentLength), seekHead, info, parsed.tracks, cues]);
  const pieces: WebmPiece[] = [{ bytes: head }];
  for (const [i, cluster] of parsed.clusters.entries()) {
    const srcStart = cluster.body.byteOffset - source.byteOffset;
    pieces.push({ bytes: clusterHeads[i]! }, { srcStart, srcEnd: srcStart + cluster.body.length });
  }
  return { pieces, size: head.length + segmentLength - (cuesAt + cuesLength), durationMs: (parsed.durationTicks * parsed.timecodeScale) / 1e6 };
}

/** An element's id and 8-byte size, followed by the first of its children made here (the rest follow it in the file). */
function elementHead(id: number, length: number, ...first: Uint8Array[]): Uint8Array {
  return concat([Uint8Array.from([...idBytes(id), ...size8(length)]), ...first]);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** The complete, seekable file: sizes known, Duration, SeekHead and one cue per cluster. */
export function indexWebm(parsed: ParsedWebm): IndexedWebm {
  // The clusters' bodies are views of the bytes they were parsed from: that whole buffer is their source.
  const first = parsed.clusters[0]?.body;
  const src = first ? new Uint8Array(first.buffer, 0, first.buffer.byteLength) : new Uint8Array(0);
  const layout = layoutWebm(parsed, src);
  const out = new Uint8Array(layout.size);
  let at = 0;
  for (const piece of layout.pieces) {
    const bytes = 'bytes' in piece ? piece.bytes : src.subarray(piece.srcStart, piece.srcEnd);
    out.set(bytes, at);
    at += bytes.length;
  }
  return { bytes: out, durationMs: layout.durationMs };
}
