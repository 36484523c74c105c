// The SIP instance id (+sip.instance) is made once per install and survives
// restarts, so a registrar can replace the binding an earlier run left behind.
import { describe, expect, it } from 'vitest';
import { stableContact } from '../../../src/renderer/features/phone/registration/instance-id';
import { useTestCore } from '../../support/test-core-fixture';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('SIP instance id', () => {
  const fixture = useTestCore();
  const instanceId = async () => {
    const reply = (await fixture.call('phone:getPreferences', {})) as { ok: boolean; value: { instanceId?: string } };
    expect(reply.ok).toBe(true);
    return reply.value.instanceId;
  };

  it('is a UUID made on first use and the same after a restart and after saving preferences', async () => {
    const first = await instanceId();
    expect(first).toMatch(UUID);
    expect(await instanceId()).toBe(first);
    await fixture.open();
    expect(await instanceId()).toBe(first);
    const saved = (await fixture.call('phone:savePreferences', {
      dtmfMode: 'rfc4733',
      autoAnswer: { mode: 'off', seconds: 3 },
      backupServers: [],
    })) as { ok: boolean; value: { instanceId?: string } };
    expect(saved.value.instanceId).toBe(first);
  });

  it('differs between installs', async () => {
    const here = await instanceId();
    const otherDir = fixture.dir;
    expect(otherDir).toBeTruthy();
    // A fresh database (another install) gets its own.
    fixture.core.db.prepare("DELETE FROM settings WHERE key = 'sipInstanceId'").run();
    expect(await instanceId()).not.toBe(here);
  });

  it('gives the phone a Contact user and host that are the same on every start', () => {
    const id = '943ad30c-77a2-43f4-821b-cd12f8238052';
    expect(stableContact(id)).toEqual({ contactName: '943ad30c', viaHost: '77a243f4821b.invalid' });
    expect(stableContact(id.toUpperCase())).toEqual(stableContact(id));
  });
});
