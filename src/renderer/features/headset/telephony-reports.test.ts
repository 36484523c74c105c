import { describe, expect, it } from 'vitest';
import { fieldsFromCollections, parseReportDescriptor, type HidCollectionLike } from './hid-report-layout';
import { decodeInputReport, encodeIndicators, RELEASED, telephonyLayout, type TelephonyLayout } from './telephony-reports';

// A Jabra-style headset: consumer volume keys in report 1; the telephony
// "Headset" collection in report 2 (hook switch, line busy and line as states,
// mute/flash/redial as one-shots; off-hook, mute, ring and hold LEDs out).
const JABRA_STYLE = Uint8Array.from([
  0x05, 0x0c, 0x09, 0x01, 0xa1, 0x01, // Usage Page (Consumer), Usage (Consumer Control), Collection (Application)
  0x85, 0x01, 0x15, 0x00, 0x25, 0x01, //   Report ID 1, Logical 0..1
  0x09, 0xe9, 0x09, 0xea, 0x75, 0x01, 0x95, 0x02, 0x81, 0x02, //   Volume Up, Volume Down: Input (Data,Var,Abs)
  0x75, 0x06, 0x95, 0x01, 0x81, 0x03, //   6 bits padding
  0xc0, // End Collection
  0x05, 0x0b, 0x09, 0x05, 0xa1, 0x01, // Usage Page (Telephony), Usage (Headset), Collection (Application)
  0x85, 0x02, 0x15, 0x00, 0x25, 0x01, //   Report ID 2, Logical 0..1
  0x09, 0x20, 0x09, 0x97, 0x09, 0x2a, 0x75, 0x01, 0x95, 0x03, 0x81, 0x22, //   Hook Switch, Line Busy Tone, Line: Input (Data,Var,Abs,NoPref)
  0x09, 0x2f, 0x09, 0x21, 0x09, 0x24, 0x95, 0x03, 0x81, 0x06, //   Phone Mute, Flash, Redial: Input (Data,Var,Rel)
  0x95, 0x02, 0x81, 0x01, //   2 bits padding
  0x05, 0x08, //   Usage Page (LED)
  0x09, 0x17, 0x09, 0x09, 0x09, 0x18, 0x09, 0x20, 0x95, 0x04, 0x91, 0x22, //   Off-Hook, Mute, Ring, Hold: Output
  0x95, 0x04, 0x91, 0x01, //   4 bits padding
  0xc0,
]);

// A Poly-style headset: a vendor-defined channel first (report 3, 63 bytes each
// way, a two-byte usage page and logical maximum), then telephony in report 8
// with LEDs and the ringer in report 9, pushed/popped globals in between.
const POLY_STYLE = Uint8Array.from([
  0x06, 0xa0, 0xff, 0x09, 0x01, 0xa1, 0x01, // Usage Page (Vendor 0xFFA0), Collection (Application)
  0x85, 0x03, 0x15, 0x00, 0x26, 0xff, 0x00, 0x75, 0x08, 0x95, 0x3f, //   Report ID 3, 0..255, 63 bytes
  0x09, 0x02, 0x81, 0x02, 0x09, 0x03, 0x91, 0x02, //   Input, Output
  0xc0,
  0x05, 0x0b, 0x09, 0x05, 0xa1, 0x01, // Telephony Headset
  0x85, 0x08, 0x15, 0x00, 0x25, 0x01, 0x75, 0x01,
  0x09, 0x20, 0x09, 0x21, 0x95, 0x02, 0x81, 0x22, //   Hook Switch, Flash (abs)
  0x09, 0x2f, 0x95, 0x01, 0x81, 0x06, //   Phone Mute (rel)
  0xa4, //   Push
  0x05, 0x09, 0x19, 0x01, 0x29, 0x02, 0x95, 0x02, 0x81, 0x02, //   Buttons 1..2 (Button page)
  0xb4, //   Pop (back to the Telephony page)
  0x95, 0x03, 0x81, 0x03, //   3 bits padding
  0x85, 0x09, 0x05, 0x08, 0x09, 0x09, 0x09, 0x17, 0x09, 0x18, 0x95, 0x03, 0x91, 0x22, //   Report 9: Mute, Off-Hook, Ring LEDs
  0x05, 0x0b, 0x09, 0x9e, 0x95, 0x01, 0x91, 0x22, //   Ringer
  0x95, 0x04, 0x91, 0x03, //   padding
  0xc0,
]);

// A USB sound card with volume keys only: nothing to answer a call with.
const VOLUME_ONLY = Uint8Array.from([
  0x05, 0x0c, 0x09, 0x01, 0xa1, 0x01, 0x15, 0x00, 0x25, 0x01, 0x09, 0xe9, 0x09, 0xea, 0x09, 0xe2, 0x75, 0x01, 0x95, 0x03,
  0x81, 0x02, 0x95, 0x05, 0x81, 0x03, 0xc0,
]);

function layoutOf(bytes: Uint8Array): TelephonyLayout {
  const layout = telephonyLayout(parseReportDescriptor(bytes));
  if (!layout) throw new Error('no telephony layout');
  return layout;
}

describe('HID report descriptor parsing', () => {
  it('finds the application collections and places each control at its bit', () => {
    const parsed = parseReportDescriptor(JABRA_STYLE);
    expect(parsed.applications).toEqual([
      { usagePage: 0x0c, usage: 0x01 },
      { usagePage: 0x0b, usage: 0x05 },
    ]);
    const find = (page: number, usage: number) => parsed.fields.find((f) => f.usagePage === page && f.usage === usage);
    expect(find(0x0b, 0x20)).toMatchObject({ report: 'input', reportId: 2, bitOffset: 0, bitSize: 1, isRelative: false });
    expect(find(0x0b, 0x2f)).toMatchObject({ report: 'input', reportId: 2, bitOffset: 3, isRelative: true });
    expect(find(0x08, 0x18)).toMatchObject({ report: 'output', reportId: 2, bitOffset: 2 });
    expect(parsed.reportBits.get('input:2')).toBe(8);
    expect(parsed.reportBits.get('output:2')).toBe(8);
    expect(parsed.reportBits.get('input:1')).toBe(8);
  });

  it('handles two-byte items, usage ranges and push/pop (Poly-style)', () => {
    const parsed = parseReportDescriptor(POLY_STYLE);
    expect(parsed.applications[0]).toEqual({ usagePage: 0xffa0, usage: 0x01 });
    expect(parsed.reportBits.get('input:3')).toBe(63 * 8);
    const buttons = parsed.fields.filter((f) => f.usagePage === 0x09);
    expect(buttons.map((f) => [f.usage, f.bitOffset])).toEqual([
      [1, 3],
      [2, 4],
    ]);
    // After Pop the Ringer usage is on the Telephony page again.
    expect(parsed.fields.find((f) => f.report === 'output' && f.usage === 0x9e)).toMatchObject({ usagePage: 0x0b, reportId: 9, bitOffset: 3 });
  });

  it('refuses a truncated descriptor', () => {
    expect(() => parseReportDescriptor(Uint8Array.from([0x05, 0x0b, 0x09]))).toThrow(/Truncated/);
  });

  it('builds the same layout from WebHID collections as from the raw bytes', () => {
    const telephony = (usage: number) => (0x0b << 16) | usage;
    const led = (usage: number) => (0x08 << 16) | usage;
    const collections: HidCollectionLike[] = [
      {
        usagePage: 0x0c,
        usage: 0x01,
        inputReports: [
          {
            reportId: 1,
            items: [
              { isAbsolute: true, usages: [(0x0c << 16) | 0xe9, (0x0c << 16) | 0xea], reportSize: 1, reportCount: 2, logicalMinimum: 0, logicalMaximum: 1 },
              { isConstant: true, isAbsolute: true, usages: [], reportSize: 6, reportCount: 1, logicalMinimum: 0, logicalMaximum: 1 },
            ],
          },
        ],
      },
      {
        usagePage: 0x0b,
        usage: 0x05,
        inputReports: [
          {
            reportId: 2,
            items: [
              { isAbsolute: true, usages: [telephony(0x20), telephony(0x97), telephony(0x2a)], reportSize: 1, reportCount: 3, logicalMinimum: 0, logicalMaximum: 1 },
              { isAbsolute: false, usages: [telephony(0x2f), telephony(0x21), telephony(0x24)], reportSize: 1, reportCount: 3, logicalMinimum: 0, logicalMaximum: 1 },
              { isConstant: true, isArray: true, usages: [], reportSize: 1, reportCount: 2, logicalMinimum: 0, logicalMaximum: 1 },
            ],
          },
        ],
        outputReports: [
          {
            reportId: 2,
            items: [
              { isAbsolute: true, usages: [led(0x17), led(0x09), led(0x18), led(0x20)], reportSize: 1, reportCount: 4, logicalMinimum: 0, logicalMaximum: 1 },
              { isConstant: true, isArray: true, usages: [], reportSize: 1, reportCount: 4, logicalMinimum: 0, logicalMaximum: 1 },
            ],
          },
        ],
      },
    ];
    const fromWebHid = fieldsFromCollections(collections);
    const fromBytes = parseReportDescriptor(JABRA_STYLE);
    expect(fromWebHid.fields).toEqual(fromBytes.fields);
    expect([...fromWebHid.reportBits]).toEqual([...fromBytes.reportBits]);
  });
});

describe('telephony reports', () => {
  it('turns hook switch edges into off-hook / on-hook and mute presses into one event each', () => {
    const layout = layoutOf(JABRA_STYLE);
    let state = RELEASED;
    const feed = (byte: number) => {
      const result = decodeInputReport(layout, state, 2, Uint8Array.of(byte));
      state = result.state;
      return result.events;
    };
    expect(feed(0b0000_0001)).toEqual(['hook-off']); // lift the boom arm / press answer
    expect(feed(0b0000_1001)).toEqual(['mute-pressed']); // mute down (one-shot)...
    expect(feed(0b0000_0001)).toEqual([]); // ...and up: still one toggle
    expect(feed(0b0001_0001)).toEqual(['flash-pressed']);
    expect(feed(0b0000_0000)).toEqual(['hook-on']); // hang up
    expect(feed(0b0000_0010)).toEqual(['reject-pressed']); // reject a ringing call
  });

  it('ignores reports from other collections (volume keys)', () => {
    const layout = layoutOf(JABRA_STYLE);
    expect(decodeInputReport(layout, RELEASED, 1, Uint8Array.of(0b01))).toEqual({ state: RELEASED, events: [] });
  });

  it('reads the Poly-style report 8 with the mute bit after two state bits', () => {
    const layout = layoutOf(POLY_STYLE);
    expect(decodeInputReport(layout, RELEASED, 8, Uint8Array.of(0b0000_0101)).events).toEqual(['hook-off', 'mute-pressed']);
  });

  it('drives the ring, mute and off-hook indicators with output reports', () => {
    const jabra = layoutOf(JABRA_STYLE);
    expect(encodeIndicators(jabra, { ring: true })).toEqual([{ reportId: 2, data: Uint8Array.of(0b0100) }]);
    expect(encodeIndicators(jabra, { offHook: true, mute: true })).toEqual([{ reportId: 2, data: Uint8Array.of(0b0011) }]);
    const poly = layoutOf(POLY_STYLE);
    expect(encodeIndicators(poly, { mute: true, ring: true })).toEqual([{ reportId: 9, data: Uint8Array.of(0b101) }]);
  });

  it('finds no telephony layout on a device with volume keys only', () => {
    expect(telephonyLayout(parseReportDescriptor(VOLUME_ONLY))).toBeNull();
  });
});
