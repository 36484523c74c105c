import { z } from 'zod';

/**
 * The PBX way to listen / whisper / barge (issue 12), for centres whose PBX has
 * the feature: the lead's desk dials a feature code, the PBX's own spy
 * application does the rest. Defaults follow the PBX's own documentation
 * (docs/monitor-pbx.md): Asterisk/FreePBX ChanSpy and FreeSWITCH eavesdrop,
 * restricted to the lead's group and with no DTMF that could change the mode
 * (a listen-only lead must not be able to press a digit and barge).
 */
export const PBX_KINDS = ['asterisk', 'freepbx', 'freeswitch'] as const;
export type PbxKind = (typeof PBX_KINDS)[number];
export const PBX_MONITOR_MODES = ['listen', 'whisper', 'barge'] as const;
export type PbxMonitorMode = (typeof PBX_MONITOR_MODES)[number];

/** `{agent}`: the agent's extension, digits only. A template is dial-string characters and that one placeholder. */
const DialTemplateSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[0-9*#+]*\{agent\}[0-9*#+]*$/);

export const PbxMonitorSettingsSchema = z
  .object({
    kind: z.enum(PBX_KINDS),
    dial: z.object({ listen: DialTemplateSchema, whisper: DialTemplateSchema, barge: DialTemplateSchema }).strict(),
    /** The spy group (SPYGROUP / eavesdrop_group) the agents' channels carry and the lead's spy requires. */
    group: z.string().trim().regex(/^[A-Za-z0-9_-]{1,32}$/),
  })
  .strict();
export type PbxMonitorSettings = z.infer<typeof PbxMonitorSettingsSchema>;

/**
 * The defaults per kind. FreePBX's own ChanSpy feature code is 555 (it then
 * asks for the extension with DTMF); the per-mode codes here are a custom
 * context the centre adds, as for plain Asterisk (see the dialplan below).
 */
export const PBX_MONITOR_DEFAULTS: Record<PbxKind, PbxMonitorSettings> = {
  asterisk: { kind: 'asterisk', dial: { listen: '*221{agent}', whisper: '*222{agent}', barge: '*223{agent}' }, group: 'hotline' },
  freepbx: { kind: 'freepbx', dial: { listen: '*221{agent}', whisper: '*222{agent}', barge: '*223{agent}' }, group: 'hotline' },
  freeswitch: { kind: 'freeswitch', dial: { listen: '*221{agent}', whisper: '*222{agent}', barge: '*223{agent}' }, group: 'hotline' },
};

/** FreePBX's built-in ChanSpy feature code (core module): it prompts for the extension. */
export const FREEPBX_CHANSPY_CODE = '555';

/** An agent's extension as it may appear in a dial string: digits only, so nothing else can be dialled through it. */
export const AgentExtensionSchema = z.string().regex(/^[0-9]{1,16}$/);

/** What the lead's desk dials for `mode` on `agentExtension`; throws on an extension that is not digits. */
export function renderDial(settings: PbxMonitorSettings, mode: PbxMonitorMode, agentExtension: string): string {
  const extension = AgentExtensionSchema.parse(agentExtension);
  return PbxMonitorSettingsSchema.parse(settings).dial[mode].replace('{agent}', extension);
}

/**
 * ChanSpy options per mode: `q` (no beep, no name spoken: the caller must not
 * notice), `E` (leave when the agent hangs up), `g(group)` (only channels whose
 * SPYGROUP names the group), and only then the mode: none for listen, `w` for
 * whisper, `B` for barge. Never `d` (DTMF 4/5/6 would switch modes), `X` or
 * `c()`; `*` still moves to another channel, which `g()` keeps inside the group.
 */
export function chanSpyOptions(mode: PbxMonitorMode, group: string): string {
  const restrict = `qEg(${group})`;
  return mode === 'listen' ? restrict : mode === 'whisper' ? `w${restrict}` : `B${restrict}`;
}

/** FreeSWITCH eavesdrop channel variables per mode (set on the lead's leg before `eavesdrop`). */
export function eavesdropVariables(mode: PbxMonitorMode, group: string): Record<string, string> {
  return {
    // Without this a listen-only lead could press 2, 1 or 3 and talk (mod_dptools: DTMF during eavesdrop).
    eavesdrop_enable_dtmf: 'false',
    eavesdrop_require_group: group,
    eavesdrop_bridge_aleg: 'true',
    eavesdrop_bridge_bleg: 'true',
    // The target uuid is the agent's leg (aleg); its other half is the caller (bleg).
    eavesdrop_whisper_aleg: mode === 'listen' ? 'false' : 'true',
    eavesdrop_whisper_bleg: mode === 'barge' ? 'true' : 'false',
  };
}

/**
 * The server-side piece a centre adds for these dial templates: an Asterisk
 * (and FreePBX custom-context) dialplan, or a FreeSWITCH dialplan extension.
 * Rendered from the settings so the codes and the group always agree.
 */
export function renderServerConfig(settings: PbxMonitorSettings, channelTech = 'PJSIP'): string {
  const s = PbxMonitorSettingsSchema.parse(settings);
  if (!/^[A-Za-z0-9]{1,16}$/.test(channelTech)) throw new Error('channel technology must be a plain name such as PJSIP');
  const prefixOf = (mode: PbxMonitorMode) => s.dial[mode].split('{agent}')[0] ?? '';
  if (s.kind === 'freeswitch') {
    const lines = PBX_MONITOR_MODES.flatMap((mode) => {
      const prefix = prefixOf(mode).replace(/[*+]/g, (c) => `\\${c}`);
      const vars = Object.entries(eavesdropVariables(mode, s.group)).map(([k, v]) => `    <action application="set" data="${k}=${v}"/>`);
      return [
        `<extension name="hotline-${mode}">`,
        `  <condition field="destination_number" expression="^${prefix}(\\d+)$">`,
        ...vars,
        `    <action application="eavesdrop" data="\${hash(select/\${domain_name}-spymap/$1)}"/>`,
        '  </condition>',
        '</extension>',
      ];
    });
    return lines.join('\n');
  }
  const lines = PBX_MONITOR_MODES.map((mode) => {
    const prefix = prefixOf(mode);
    return `exten => _${prefix}X.,1,ChanSpy(${channelTech}/\${EXTEN:${prefix.length}},${chanSpyOptions(mode, s.group)})`;
  });
  return [`[hotline-monitor]`, ...lines, '; agents\u2019 channels: Set(SPYGROUP=' + s.group + ') before Dial()'].join('\n');
}
