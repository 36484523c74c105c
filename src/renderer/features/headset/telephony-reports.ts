import { isTelephonyApplication, readField, reportKey, writeField, type HidField, type HidLayout } from './hid-report-layout';
import { LED, TELEPHONY, USAGE_PAGE } from './hid-usages';

/** The call controls of one headset, found in its telephony application collection. */
export interface TelephonyLayout {
  inputs: Partial<Record<TelephonyInput, HidField>>;
  outputs: Partial<Record<TelephonyIndicator, HidField>>;
  /** Byte length of each output report that carries an indicator, by report ID. */
  outputBytes: Map<number, number>;
}

export type TelephonyInput = 'hookSwitch' | 'phoneMute' | 'flash' | 'lineBusy';
export type TelephonyIndicator = 'ring' | 'mute' | 'offHook' | 'hold';

export type HeadsetButtonEvent = 'hook-off' | 'hook-on' | 'mute-pressed' | 'flash-pressed' | 'reject-pressed';

export type TelephonyInputState = Record<TelephonyInput, boolean>;
export const RELEASED: TelephonyInputState = { hookSwitch: false, phoneMute: false, flash: false, lineBusy: false };

const INPUT_USAGES: [TelephonyInput, number][] = [
  ['hookSwitch', TELEPHONY.HOOK_SWITCH],
  ['phoneMute', TELEPHONY.PHONE_MUTE],
  ['flash', TELEPHONY.FLASH],
  ['lineBusy', TELEPHONY.LINE_BUSY_TONE],
];
const OUTPUT_USAGES: [TelephonyIndicator, number, number][] = [
  ['ring', USAGE_PAGE.LED, LED.RING],
  ['mute', USAGE_PAGE.LED, LED.MUTE],
  ['offHook', USAGE_PAGE.LED, LED.OFF_HOOK],
  ['hold', USAGE_PAGE.LED, LED.HOLD],
];

/**
 * The headset's call controls, or null when it has no telephony collection
 * (a plain USB sound card, or a headset whose buttons only change the volume):
 * the UI then says this headset's call buttons are not supported.
 */
export function telephonyLayout(layout: HidLayout): TelephonyLayout | null {
  if (!layout.applications.some(isTelephonyApplication)) return null;
  const inTelephony = layout.fields.filter((field) => isTelephonyApplication(field.application));
  const result: TelephonyLayout = { inputs: {}, outputs: {}, outputBytes: new Map() };
  for (const [name, usage] of INPUT_USAGES) {
    const field = inTelephony.find((f) => f.report === 'input' && f.usagePage === USAGE_PAGE.TELEPHONY && f.usage === usage);
    if (field) result.inputs[name] = field;
  }
  for (const [name, page, usage] of OUTPUT_USAGES) {
    const field = inTelephony.find((f) => f.report === 'output' && f.usagePage === page && f.usage === usage);
    if (!field) continue;
    result.outputs[name] = field;
    result.outputBytes.set(field.reportId, Math.ceil((layout.reportBits.get(reportKey('output', field.reportId)) ?? 0) / 8));
  }
  if (!result.inputs.hookSwitch && !result.inputs.phoneMute) return null; // nothing we could act on
  return result;
}

/**
 * Decodes one input report into button events, given the previous state.
 * Hook switch is a state (1 = off hook), so both edges matter; mute, flash and
 * reject are presses: only the rising edge counts (headsets send 1, then 0).
 * Fields not in this report keep their previous value.
 */
export function decodeInputReport(
  layout: TelephonyLayout,
  previous: TelephonyInputState,
  reportId: number,
  data: Uint8Array,
): { state: TelephonyInputState; events: HeadsetButtonEvent[] } {
  const state = { ...previous };
  for (const [name] of INPUT_USAGES) {
    const field = layout.inputs[name];
    if (field && field.reportId === reportId) state[name] = readField(data, field) !== 0;
  }
  const events: HeadsetButtonEvent[] = [];
  if (state.hookSwitch !== previous.hookSwitch) events.push(state.hookSwitch ? 'hook-off' : 'hook-on');
  if (state.phoneMute && !previous.phoneMute) events.push('mute-pressed');
  if (state.flash && !previous.flash) events.push('flash-pressed');
  if (state.lineBusy && !previous.lineBusy) events.push('reject-pressed');
  return { state, events };
}

/**
 * Output reports that set the headset's indicators (ring, mute, off-hook, hold).
 * Off-hook matters beyond the light: many headsets (Jabra among them) track the
 * call state from it, and report the hook switch relative to what the host set.
 */
export function encodeIndicators(
  layout: TelephonyLayout,
  indicators: Partial<Record<TelephonyIndicator, boolean>>,
): { reportId: number; data: Uint8Array<ArrayBuffer> }[] {
  const reports = new Map<number, Uint8Array<ArrayBuffer>>();
  for (const [name, field] of Object.entries(layout.outputs) as [TelephonyIndicator, HidField][]) {
    const data = reports.get(field.reportId) ?? new Uint8Array(layout.outputBytes.get(field.reportId) ?? 1);
    reports.set(field.reportId, data);
    writeField(data, field, indicators[name] ? 1 : 0);
  }
  return [...reports].map(([reportId, data]) => ({ reportId, data }));
}
