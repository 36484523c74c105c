import { USAGE_PAGE } from './hid-usages';

/**
 * Where one control lives in a HID report. Built either from raw report
 * descriptor bytes (parseReportDescriptor) or from the parsed collections that
 * WebHID hands us (fieldsFromCollections); the rest of the code reads and writes
 * reports through these and never cares which.
 */
export interface HidField {
  report: 'input' | 'output' | 'feature';
  /** 0 when the device uses no report IDs. */
  reportId: number;
  usagePage: number;
  usage: number;
  /** From the first bit of the report's data (the report ID byte excluded). */
  bitOffset: number;
  bitSize: number;
  isRelative: boolean;
  logicalMinimum: number;
  logicalMaximum: number;
  /** The top-level (application) collection this field belongs to. */
  application: { usagePage: number; usage: number };
}

export interface HidLayout {
  applications: { usagePage: number; usage: number }[];
  fields: HidField[];
  /** Length in bits of each report, keyed `${report}:${reportId}`, padding included. */
  reportBits: Map<string, number>;
}

export const reportKey = (report: HidField['report'], reportId: number): string => `${report}:${reportId}`;

/** Layout building shared by both sources: a running bit offset per report. */
class LayoutBuilder {
  readonly layout: HidLayout = { applications: [], fields: [], reportBits: new Map() };

  /** Adds `count` consecutive items of `size` bits; `usageAt(i)` names each (null: padding/unused). */
  addItems(
    report: HidField['report'],
    reportId: number,
    size: number,
    count: number,
    flags: { constant: boolean; variable: boolean; relative: boolean; logicalMinimum: number; logicalMaximum: number },
    usageAt: (index: number) => number | null,
    application: { usagePage: number; usage: number },
  ): void {
    const key = reportKey(report, reportId);
    let offset = this.layout.reportBits.get(key) ?? 0;
    for (let i = 0; i < count; i++) {
      const extended = flags.constant ? null : usageAt(i);
      if (extended !== null && flags.variable) {
        this.layout.fields.push({
          report,
          reportId,
          usagePage: extended >>> 16,
          usage: extended & 0xffff,
          bitOffset: offset,
          bitSize: size,
          isRelative: flags.relative,
          logicalMinimum: flags.logicalMinimum,
          logicalMaximum: flags.logicalMaximum,
          application,
        });
      }
      // Array items (a list of pressed usages) carry no fixed usage per slot; headsets
      // send call buttons as variables, so arrays only advance the offset here.
      offset += size;
    }
    this.layout.reportBits.set(key, offset);
  }
}

const signed = (value: number, bytes: number): number => {
  const bits = bytes * 8;
  return bytes > 0 && value & (1 << (bits - 1)) ? value - 2 ** bits : value;
};

/**
 * Parses a HID report descriptor (USB HID 1.11, section 6.2.2): short items,
 * global state with push/pop, local usages and usage ranges, collections. Long
 * items are skipped. Throws on a truncated descriptor.
 */
export function parseReportDescriptor(bytes: Uint8Array): HidLayout {
  const builder = new LayoutBuilder();
  type Globals = { usagePage: number; logicalMinimum: number; logicalMaximum: number; reportSize: number; reportCount: number; reportId: number };
  let globals: Globals = { usagePage: 0, logicalMinimum: 0, logicalMaximum: 0, reportSize: 0, reportCount: 0, reportId: 0 };
  const stack: Globals[] = [];
  let usages: number[] = [];
  let usageMinimum: number | null = null;
  let usageMaximum: number | null = null;
  let depth = 0;
  let application = { usagePage: 0, usage: 0 };

  const extendedUsage = (value: number, size: number) => (size === 4 ? value >>> 0 : ((globals.usagePage << 16) | value) >>> 0);
  const clearLocals = () => {
    usages = [];
    usageMinimum = null;
    usageMaximum = null;
  };

  let i = 0;
  while (i < bytes.length) {
    const prefix = bytes[i]!;
    if (prefix === 0xfe) {
      const longSize = bytes[i + 1];
      if (longSize === undefined) throw new Error('Truncated long item');
      i += 3 + longSize;
      continue;
    }
    const size = [0, 1, 2, 4][prefix & 0x03]!;
    const type = (prefix >> 2) & 0x03;
    const tag = prefix >> 4;
    if (i + 1 + size > bytes.length) throw new Error(`Truncated item at byte ${i}`);
    let value = 0;
    for (let b = 0; b < size; b++) value |= bytes[i + 1 + b]! << (8 * b);
    value >>>= 0;
    i += 1 + size;

    if (type === 0) {
      // Main items.
      if (tag === 0x8 || tag === 0x9 || tag === 0xb) {
        const report = tag === 0x8 ? 'input' : tag === 0x9 ? 'output' : 'feature';
        const flags = {
          constant: (value & 0x01) !== 0,
          variable: (value & 0x02) !== 0,
          relative: (value & 0x04) !== 0,
          logicalMinimum: globals.logicalMinimum,
          logicalMaximum: globals.logicalMaximum,
        };
        const list = usages;
        const min = usageMinimum;
        const max = usageMaximum;
        const usageAt = (index: number): number | null => {
          if (min !== null && max !== null) return min + index <= max ? min + index : max;
          if (list.length === 0) return null;
          return list[Math.min(index, list.length - 1)]!;
        };
        builder.addItems(report, globals.reportId, globals.reportSize, globals.reportCount, flags, usageAt, application);
        clearLocals();
      } else if (tag === 0xa) {
        // Collection: the first usage names it; depth 0 means an application collection.
        const named = usages[0] ?? (usageMinimum ?? 0);
        if (depth === 0) {
          application = { usagePage: named >>> 16, usage: named & 0xffff };
          builder.layout.applications.push(application);
        }
        depth++;
        clearLocals();
      } else if (tag === 0xc) {
        depth = Math.max(0, depth - 1);
        clearLocals();
      }
    } else if (type === 1) {
      // Global items.
      switch (tag) {
        case 0x0:
          globals.usagePage = value;
          break;
        case 0x1:
          globals.logicalMinimum = signed(value, size);
          break;
        case 0x2:
          // Signed only if the minimum is negative (the spec's rule of thumb; 0..255 is common).
          globals.logicalMaximum = globals.logicalMinimum < 0 ? signed(value, size) : value;
          break;
        case 0x7:
          globals.reportSize = value;
          break;
        case 0x8:
          globals.reportId = value;
          break;
        case 0x9:
          globals.reportCount = value;
          break;
        case 0xa:
          stack.push({ ...globals });
          break;
        case 0xb:
          globals = stack.pop() ?? globals;
          break;
        default:
          break; // physical range, units: not needed for buttons and LEDs
      }
    } else if (type === 2) {
      // Local items.
      if (tag === 0x0) usages.push(extendedUsage(value, size));
      else if (tag === 0x1) usageMinimum = extendedUsage(value, size);
      else if (tag === 0x2) usageMaximum = extendedUsage(value, size);
    }
  }
  return builder.layout;
}

/** The parts of WebHID's HIDCollectionInfo we read (see webhid-types.ts). */
export interface HidCollectionLike {
  usagePage?: number;
  usage?: number;
  children?: HidCollectionLike[];
  inputReports?: HidReportLike[];
  outputReports?: HidReportLike[];
  featureReports?: HidReportLike[];
}
export interface HidReportLike {
  reportId?: number;
  items?: HidReportItemLike[];
}
export interface HidReportItemLike {
  isAbsolute?: boolean;
  isArray?: boolean;
  isConstant?: boolean;
  isRange?: boolean;
  usages?: number[];
  usageMinimum?: number;
  usageMaximum?: number;
  reportSize?: number;
  reportCount?: number;
  logicalMinimum?: number;
  logicalMaximum?: number;
}

/** The same layout from WebHID's parsed collections (the browser does not expose the raw descriptor). */
export function fieldsFromCollections(collections: readonly HidCollectionLike[]): HidLayout {
  const builder = new LayoutBuilder();
  const walk = (collection: HidCollectionLike, application: { usagePage: number; usage: number }) => {
    const groups: [HidField['report'], HidReportLike[] | undefined][] = [
      ['input', collection.inputReports],
      ['output', collection.outputReports],
      ['feature', collection.featureReports],
    ];
    for (const [report, reports] of groups) {
      for (const entry of reports ?? []) {
        for (const item of entry.items ?? []) {
          const list = item.usages ?? [];
          const usageAt = (index: number): number | null => {
            if (item.isRange && item.usageMinimum !== undefined && item.usageMaximum !== undefined) {
              return Math.min(item.usageMinimum + index, item.usageMaximum);
            }
            return list.length === 0 ? null : list[Math.min(index, list.length - 1)]!;
          };
          builder.addItems(
            report,
            entry.reportId ?? 0,
            item.reportSize ?? 0,
            item.reportCount ?? 0,
            {
              constant: item.isConstant === true,
              variable: item.isArray !== true,
              relative: item.isAbsolute === false,
              logicalMinimum: item.logicalMinimum ?? 0,
              logicalMaximum: item.logicalMaximum ?? 1,
            },
            usageAt,
            application,
          );
        }
      }
    }
    for (const child of collection.children ?? []) walk(child, application);
  };
  for (const collection of collections) {
    const application = { usagePage: collection.usagePage ?? 0, usage: collection.usage ?? 0 };
    builder.layout.applications.push(application);
    walk(collection, application);
  }
  return builder.layout;
}

export const isTelephonyApplication = (application: { usagePage: number }): boolean =>
  application.usagePage === USAGE_PAGE.TELEPHONY;

/** Reads an unsigned field from report data (bit 0 = least significant bit of byte 0). */
export function readField(data: Uint8Array, field: Pick<HidField, 'bitOffset' | 'bitSize'>): number {
  let value = 0;
  for (let bit = 0; bit < field.bitSize; bit++) {
    const position = field.bitOffset + bit;
    const byte = data[position >> 3];
    if (byte === undefined) return value;
    if (byte & (1 << (position & 7))) value |= 1 << bit;
  }
  return value >>> 0;
}

export function writeField(data: Uint8Array, field: Pick<HidField, 'bitOffset' | 'bitSize'>, value: number): void {
  for (let bit = 0; bit < field.bitSize; bit++) {
    const position = field.bitOffset + bit;
    const index = position >> 3;
    if (index >= data.length) return;
    const mask = 1 << (position & 7);
    data[index] = value & (1 << bit) ? data[index]! | mask : data[index]! & ~mask;
  }
}
