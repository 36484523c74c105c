import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { AudioDevices } from '../../../../shared/domain/agent-state';
import { kindOf, type DeviceEntry, type DeviceRole } from '../device-choice';
import { useDevicesStore } from '../devices-store';
import { runtimeKey } from '../../../i18n/i18n-key';

const ROLES: DeviceRole[] = ['microphone', 'speaker', 'ringer'];
const FIELD = { microphone: 'microphoneId', speaker: 'speakerId', ringer: 'ringerId' } as const;

/** Microphone, speaker and a separate ringer device; a switch applies to a call in progress. */
export function DevicePicker() {
  const devices = useDevicesStore((state) => state.devices);
  const listed = useDevicesStore((state) => state.listed);
  const selection = useDevicesStore((state) => state.selection);
  const choose = useDevicesStore((state) => state.choose);
  const refresh = useDevicesStore((state) => state.refresh);
  const saveError = useDevicesStore((state) => state.saveError);
  const watch = useDevicesStore((state) => state.watch);
  // Opened before the desk listed its devices (it does so after the start's work): list them now.
  useEffect(() => void watch(), [watch]);
  return (
    <DevicePickerView
      devices={devices}
      listed={listed}
      selection={selection}
      saveError={saveError}
      onChoose={(role, deviceId) => void choose(role, deviceId)}
      onRefresh={() => void refresh()}
    />
  );
}

export interface DevicePickerViewProps {
  devices: DeviceEntry[];
  /** False until the list has been read once: a chosen device is then unknown, not missing. */
  listed: boolean;
  selection: AudioDevices;
  saveError: string | null;
  onChoose(role: DeviceRole, deviceId: string): void;
  onRefresh(): void;
}

export function DevicePickerView({ devices, listed, selection, saveError, onChoose, onRefresh }: DevicePickerViewProps) {
  const { t } = useTranslation('devices');

  return (
    <fieldset className="desk-section" data-testid="device-picker">
      <legend>{t('devices.title')}</legend>
      {ROLES.map((role) => {
        const options = devices.filter((device) => device.kind === kindOf(role) && device.deviceId !== 'default');
        const chosen = selection[FIELD[role]];
        // Before the first list the chosen device is unknown, not missing.
        const absent = chosen !== '' && !options.some((device) => device.deviceId === chosen);
        return (
          <label key={role} className="field">
            <span className="field__label">{t(`devices.role.${role}`)}</span>
            <select
              className="field__input"
              data-testid={`device-${role}`}
              value={chosen}
              onChange={(event) => onChoose(role, event.target.value)}
            >
              <option value="">{t('devices.systemDefault')}</option>
              {options.map((device, index) => (
                <option key={device.deviceId} value={device.deviceId}>
                  {device.label || t('devices.unnamed', { n: index + 1 })}
                </option>
              ))}
              {absent && <option value={chosen}>{t(listed ? 'devices.notConnected' : 'devices.reading')}</option>}
            </select>
          </label>
        );
      })}
      <p className="muted">{t('devices.ringerHint')}</p>
      {saveError && <p className="field__error">{t('devices.saveFailed', { reason: t(runtimeKey(saveError)) })}</p>}
      <button type="button" className="button" onClick={onRefresh}>
        {t('devices.refresh')}
      </button>
    </fieldset>
  );
}
