import { CENTRE_TOKEN, type CentreSession } from '../centre/centre-session';
import type { PhoneSettingsRepo } from '../phone/phone-settings-repo';
import type { SecretStore } from '../secrets/secret-store';
import { createMonitorHandlers, type MonitorHandlers } from './monitor-handlers';

export type { MonitorHandlers } from './monitor-handlers';

/** The monitor channels for the signed-in centre (as the floor and reference data reach it); a refused token signs out. */
export function monitorHandlersFor(centre: CentreSession, secrets: SecretStore, phone: PhoneSettingsRepo): MonitorHandlers {
  return createMonitorHandlers({
    target: () => {
      const status = centre.status();
      const token = status.state === 'signed-in' ? secrets.get(CENTRE_TOKEN) : null;
      return status.state === 'signed-in' && token ? { centreUrl: status.centreUrl, token } : null;
    },
    caPem: () => phone.readCustomCa(),
    onTokenRefused: (code, token) => setImmediate(() => centre.tokenRefused(code, token)),
  });
}
