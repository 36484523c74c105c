import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_AUDIO_DEVICES } from '../../../shared/domain/agent-state';
import { applyLanguage } from '../../i18n/i18n';
import { DevicePickerView, type DevicePickerViewProps } from './components/DevicePicker';

const chosenRinger = { ...DEFAULT_AUDIO_DEVICES, ringerId: 'usb-ringer' };
const speakers = { deviceId: 'speakers', groupId: 'g1', label: 'Speakers', kind: 'audiooutput' as const };
const picker = (props: Pick<DevicePickerViewProps, 'devices' | 'listed' | 'selection'>) =>
  renderToStaticMarkup(createElement(DevicePickerView, { ...props, saveError: null, onChoose: () => undefined, onRefresh: () => undefined }));

describe('the device picker before and after the device list is read', () => {
  afterEach(() => applyLanguage('zh-CN'));

  it('does not call the chosen ringer "not connected" while the list is still being read', async () => {
    let html = picker({ devices: [], listed: false, selection: chosenRinger });
    expect(html).toContain('正在读取设备列表');
    expect(html).not.toContain('已选设备未连接');
    await applyLanguage('en');
    html = picker({ devices: [], listed: false, selection: chosenRinger });
    expect(html).toContain('reading the device list');
    expect(html).not.toContain('not connected');
  });

  it('says it is not connected once a list without it has been read, and names it when it is there', () => {
    expect(picker({ devices: [speakers], listed: true, selection: chosenRinger })).toContain('已选设备未连接');
    const html = picker({ devices: [speakers, { ...speakers, deviceId: 'usb-ringer', label: 'USB ringer' }], listed: true, selection: chosenRinger });
    expect(html).toContain('USB ringer');
    expect(html).not.toContain('已选设备未连接');
    expect(html).not.toContain('正在读取设备列表');
  });
});
