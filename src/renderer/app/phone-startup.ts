import { usePhoneStore } from '../features/phone';
import { useSettingsStore } from '../features/settings';
import { mark } from '../base/perf-marks';

/**
 * (Re)starts the phone with the stored account: at start-up and after every
 * successful settings save (`passwordRequest`: the password already asked
 * for, at start-up). Without a password (kept only in memory, and the
 * app has restarted since) the phone stays off and the form asks for it.
 */
export async function startPhoneFromSettings(passwordRequest?: Promise<string | null>): Promise<void> {
  const settingsStore = useSettingsStore.getState();
  const phone = usePhoneStore.getState();
  const settings = settingsStore.view?.settings;
  if (!settings) return;

  let password: string | null;
  try {
    password = await (passwordRequest ?? settingsStore.sipPassword());
  } catch (error) {
    console.warn('Could not read the SIP password', error);
    password = null;
  }
  if (password === null) {
    await phone.stop();
    settingsStore.requirePassword();
    return;
  }
  mark('hotline:password', '');
  phone.configure(settings.account, password);
  await phone.start();
}
