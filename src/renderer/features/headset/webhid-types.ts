import type { HidCollectionLike } from './hid-report-layout';

/** The slice of WebHID we use; TypeScript's DOM library does not describe WebHID. */
export interface HidDeviceLike extends EventTarget {
  readonly opened: boolean;
  readonly vendorId: number;
  readonly productId: number;
  readonly productName: string;
  readonly collections: HidCollectionLike[];
  open(): Promise<void>;
  close(): Promise<void>;
  forget?(): Promise<void>;
  sendReport(reportId: number, data: BufferSource): Promise<void>;
}

export interface HidInputReportEventLike extends Event {
  readonly device: HidDeviceLike;
  readonly reportId: number;
  readonly data: DataView;
}

export interface HidLike extends EventTarget {
  getDevices(): Promise<HidDeviceLike[]>;
  requestDevice(options: { filters: { usagePage?: number; usage?: number; vendorId?: number }[] }): Promise<HidDeviceLike[]>;
}

/** navigator.hid, where the browser has it (Electron and Chromium do; not every test browser). */
export function webHid(): HidLike | null {
  const hid = (globalThis.navigator as unknown as { hid?: HidLike } | undefined)?.hid;
  return hid ?? null;
}
