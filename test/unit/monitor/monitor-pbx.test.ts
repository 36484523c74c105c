import { describe, expect, it } from 'vitest';
import {
  FREEPBX_CHANSPY_CODE,
  PBX_MONITOR_DEFAULTS,
  PbxMonitorSettingsSchema,
  chanSpyOptions,
  eavesdropVariables,
  renderDial,
  renderServerConfig,
} from '../../../src/shared/domain/monitor-pbx';

describe('PBX monitor dial templates', () => {
  it('renders what the lead dials per mode from the defaults of each kind', () => {
    for (const kind of ['asterisk', 'freepbx', 'freeswitch'] as const) {
      const settings = PBX_MONITOR_DEFAULTS[kind];
      expect(renderDial(settings, 'listen', '1001')).toBe('*2211001');
      expect(renderDial(settings, 'whisper', '1001')).toBe('*2221001');
      expect(renderDial(settings, 'barge', '1001')).toBe('*2231001');
    }
    expect(FREEPBX_CHANSPY_CODE).toBe('555');
    expect(renderDial({ ...PBX_MONITOR_DEFAULTS.freepbx, dial: { listen: '555{agent}#', whisper: '556{agent}', barge: '557{agent}' } }, 'listen', '8001')).toBe('5558001#');
  });

  it('refuses an extension or a template that could dial anything else', () => {
    expect(() => renderDial(PBX_MONITOR_DEFAULTS.asterisk, 'listen', '1001&SIP/evil')).toThrow();
    expect(() => renderDial(PBX_MONITOR_DEFAULTS.asterisk, 'listen', '')).toThrow();
    for (const bad of ['*221', '*221{agent}{agent}', 'ChanSpy({agent})', '*221{agent},B']) {
      expect(PbxMonitorSettingsSchema.safeParse({ ...PBX_MONITOR_DEFAULTS.asterisk, dial: { ...PBX_MONITOR_DEFAULTS.asterisk.dial, listen: bad } }).success).toBe(false);
    }
    expect(PbxMonitorSettingsSchema.safeParse({ ...PBX_MONITOR_DEFAULTS.asterisk, group: 'a)' }).success).toBe(false);
  });

  it('ChanSpy: listen is q without w or B, whisper qw, barge qB; always restricted by g() and never d (no DTMF mode switch)', () => {
    const listen = chanSpyOptions('listen', 'hotline');
    expect(listen).toContain('q');
    expect(listen).not.toMatch(/[wWBdX]/);
    expect(chanSpyOptions('whisper', 'hotline')).toMatch(/^w.*q/);
    expect(chanSpyOptions('whisper', 'hotline')).not.toMatch(/[BdX]/);
    expect(chanSpyOptions('barge', 'hotline')).toMatch(/^B.*q/);
    for (const mode of ['listen', 'whisper', 'barge'] as const) expect(chanSpyOptions(mode, 'team-a')).toContain('g(team-a)');
    const dialplan = renderServerConfig(PBX_MONITOR_DEFAULTS.asterisk);
    expect(dialplan).toContain('exten => _*221X.,1,ChanSpy(PJSIP/${EXTEN:4},qEg(hotline))');
    expect(dialplan).toContain('exten => _*223X.,1,ChanSpy(PJSIP/${EXTEN:4},BqEg(hotline))');
    expect(dialplan).toContain('SPYGROUP=hotline');
  });

  it('FreeSWITCH eavesdrop: DTMF off and the group required in every mode; whisper to the agent only, barge to both', () => {
    for (const mode of ['listen', 'whisper', 'barge'] as const) {
      expect(eavesdropVariables(mode, 'hotline')).toMatchObject({ eavesdrop_enable_dtmf: 'false', eavesdrop_require_group: 'hotline' });
    }
    expect(eavesdropVariables('listen', 'g')).toMatchObject({ eavesdrop_whisper_aleg: 'false', eavesdrop_whisper_bleg: 'false' });
    expect(eavesdropVariables('whisper', 'g')).toMatchObject({ eavesdrop_whisper_aleg: 'true', eavesdrop_whisper_bleg: 'false' });
    expect(eavesdropVariables('barge', 'g')).toMatchObject({ eavesdrop_whisper_aleg: 'true', eavesdrop_whisper_bleg: 'true' });
    const xml = renderServerConfig(PBX_MONITOR_DEFAULTS.freeswitch);
    expect(xml).toContain('expression="^\\*221(\\d+)$"');
    expect(xml).toContain('<action application="set" data="eavesdrop_enable_dtmf=false"/>');
    expect(xml.match(/eavesdrop_require_group=hotline/g)).toHaveLength(3);
  });
});
