import { fail } from '../../shared/ipc/envelope';
import type { CustomCaView } from '../../shared/domain/phone-preferences';
import type { phoneInvokeContract } from '../../shared/ipc/contract-phone';
import type { PhoneSettingsRepo } from '../phone/phone-settings-repo';
import { describeCertificate, parseCaCertificate } from '../tls/custom-ca';
import type { Handlers } from './router';

type PhoneChannel = keyof typeof phoneInvokeContract;

export function createPhoneHandlers(repo: PhoneSettingsRepo): Pick<Handlers, PhoneChannel> {
  const caView = (): CustomCaView => {
    const pem = repo.readCustomCa();
    // A stored CA that has since expired is still shown (with its expiry), so the agent sees why wss fails.
    return { ca: pem === null ? null : describeCertificate(pem) };
  };
  return {
    'phone:getPreferences': () => ({ preferences: repo.readPreferences(), instanceId: repo.sipInstanceId() }),
    'phone:savePreferences': (preferences) => {
      repo.writePreferences(preferences);
      return { preferences: repo.readPreferences(), instanceId: repo.sipInstanceId() };
    },
    'phone:getCustomCa': () => caView(),
    'phone:setCustomCa': ({ pem }) => {
      if (pem === null) {
        repo.writeCustomCa(null);
        return caView();
      }
      const parsed = parseCaCertificate(pem);
      if (!parsed.ok) return fail('invalid-payload', 'Not a usable CA certificate', [{ path: 'pem', message: parsed.reason }]);
      repo.writeCustomCa(pem);
      return caView();
    },
  };
}
