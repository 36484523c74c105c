import { fieldsFromCollections } from './hid-report-layout';
import { USAGE_PAGE } from './hid-usages';
import {
  decodeInputReport,
  encodeIndicators,
  RELEASED,
  telephonyLayout,
  type HeadsetButtonEvent,
  type TelephonyIndicator,
  type TelephonyInputState,
  type TelephonyLayout,
} from './telephony-reports';
import { webHid, type HidDeviceLike, type HidInputReportEventLike } from './webhid-types';

export type HeadsetStatus =
  /** No WebHID in this browser. */
  | 'unavailable'
  | 'none'
  | 'connected'
  /** A device was picked but has no telephony controls we can use. */
  | 'unsupported'
  | 'failed';

export interface HeadsetListener {
  status(status: HeadsetStatus, deviceName: string | null): void;
  button(event: HeadsetButtonEvent): void;
}

/** Only headsets with a telephony collection are offered in the picker. */
export const TELEPHONY_FILTER = [{ usagePage: USAGE_PAGE.TELEPHONY }];

/**
 * One WebHID headset: opens it, turns its input reports into button events,
 * and keeps its indicators (ring, mute, off-hook) in step with the phone.
 */
export class HeadsetService {
  private device: HidDeviceLike | null = null;
  private layout: TelephonyLayout | null = null;
  private input: TelephonyInputState = RELEASED;
  private indicators: Partial<Record<TelephonyIndicator, boolean>> = {};
  private readonly onReport = (event: Event) => this.handleReport(event as HidInputReportEventLike);

  constructor(private readonly listener: HeadsetListener) {}

  /** Reconnects to a headset the agent granted earlier, if it is plugged in. */
  async restore(): Promise<void> {
    const hid = webHid();
    if (!hid) return this.listener.status('unavailable', null);
    const devices = await hid.getDevices().catch(() => []);
    const headset = devices.find((device) => telephonyLayout(fieldsFromCollections(device.collections)) !== null);
    if (headset) await this.use(headset);
    else this.listener.status('none', null);
  }

  /** The device picker: WebHID's chooser, limited to telephony devices. Needs a click. */
  async pick(): Promise<void> {
    const hid = webHid();
    if (!hid) return this.listener.status('unavailable', null);
    let devices: HidDeviceLike[];
    try {
      devices = await hid.requestDevice({ filters: TELEPHONY_FILTER });
    } catch {
      return this.listener.status('failed', null);
    }
    const device = devices[0];
    if (!device) return this.listener.status(this.device ? 'connected' : 'none', this.device?.productName ?? null);
    await this.use(device);
  }

  async disconnect(): Promise<void> {
    const device = this.device;
    this.device = null;
    this.layout = null;
    if (device) {
      device.removeEventListener('inputreport', this.onReport);
      await device.close().catch(() => undefined);
    }
    this.listener.status('none', null);
  }

  /** Sets the indicators that changed; unknown ones (no such LED) are ignored. */
  async setIndicators(next: Partial<Record<TelephonyIndicator, boolean>>): Promise<void> {
    const merged = { ...this.indicators, ...next };
    const changed = (Object.keys(next) as TelephonyIndicator[]).some((key) => this.indicators[key] !== merged[key]);
    this.indicators = merged;
    if (!changed || !this.device || !this.layout) return;
    for (const report of encodeIndicators(this.layout, merged)) {
      await this.device.sendReport(report.reportId, report.data).catch((error: unknown) => console.warn('Headset indicator report failed', error));
    }
  }

  private async use(device: HidDeviceLike): Promise<void> {
    if (this.device && this.device !== device) await this.disconnect();
    const layout = telephonyLayout(fieldsFromCollections(device.collections));
    if (!layout) return this.listener.status('unsupported', device.productName);
    try {
      if (!device.opened) await device.open();
    } catch {
      return this.listener.status('failed', device.productName);
    }
    this.device = device;
    this.layout = layout;
    this.input = RELEASED;
    device.addEventListener('inputreport', this.onReport);
    this.listener.status('connected', device.productName);
    const indicators = this.indicators;
    this.indicators = {};
    await this.setIndicators({ ring: false, mute: false, offHook: false, ...indicators });
  }

  private handleReport(event: HidInputReportEventLike): void {
    if (!this.layout || event.device !== this.device) return;
    const data = new Uint8Array(event.data.buffer, event.data.byteOffset, event.data.byteLength);
    const { state, events } = decodeInputReport(this.layout, this.input, event.reportId, data);
    this.input = state;
    for (const button of events) this.listener.button(button);
  }
}
