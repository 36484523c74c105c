/**
 * This installation's SIP instance id (a UUID that main makes once and keeps in
 * its database), as the phone needs it when it starts. It arrives with the
 * phone preferences, which are read before the phone registers.
 */
let current: string | null = null;

export function setSipInstanceId(instanceId: string | null | undefined): void {
  current = instanceId ?? null;
}

export function sipInstanceId(): string | null {
  return current;
}

/**
 * What the UserAgent is built with so that every run of the desk registers the
 * same Contact (`sip:<user>@<host>.invalid`): user and host are taken from the
 * instance id, so a registrar that matches bindings by Contact (and not by
 * `+sip.instance`) replaces the old binding too.
 */
export function stableContact(instanceId: string): { contactName: string; viaHost: string } {
  const hex = instanceId.replace(/-/g, '').toLowerCase();
  return { contactName: hex.slice(0, 8), viaHost: `${hex.slice(8, 20)}.invalid` };
}
