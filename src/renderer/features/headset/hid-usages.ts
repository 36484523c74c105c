/** HID usage pages and usages a headset's call control uses (HID Usage Tables 1.4). */
export const USAGE_PAGE = {
  LED: 0x08,
  BUTTON: 0x09,
  TELEPHONY: 0x0b,
  CONSUMER: 0x0c,
} as const;

/** Telephony page (0x0B). */
export const TELEPHONY = {
  PHONE: 0x01,
  HEADSET: 0x05,
  /** On/off control: 1 while off hook (in a call). */
  HOOK_SWITCH: 0x20,
  /** Momentary: hold / switch calls on most headsets. */
  FLASH: 0x21,
  REDIAL: 0x24,
  /** One-shot on most headsets: each press toggles mute, the host drives the LED. */
  PHONE_MUTE: 0x2f,
  /** Some headsets report a reject press as Line Busy Tone. */
  LINE_BUSY_TONE: 0x97,
  /** An output on some headsets: sound the ringer in the headset itself. */
  RINGER: 0x9e,
} as const;

/** LED page (0x08). */
export const LED = {
  MUTE: 0x09,
  OFF_HOOK: 0x17,
  RING: 0x18,
  HOLD: 0x20,
} as const;
