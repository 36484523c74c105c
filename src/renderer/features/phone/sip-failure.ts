import type { FailureReason } from './registration-state';

/**
 * sip.js answers a first 401/407 challenge itself; one that reaches us means the
 * registrar refused our credentials. 403 is how many registrars say the same
 * (Kamailio's auth_check for a user/realm mismatch).
 */
const AUTH_STATUS_CODES = new Set([401, 403, 407]);

export function reasonForRegisterStatus(statusCode: number): 'auth' | 'rejected' {
  return AUTH_STATUS_CODES.has(statusCode) ? 'auth' : 'rejected';
}

/**
 * Whether the service should keep trying on its own. Retrying a wrong password
 * cannot succeed and may lock the account at the registrar, so the agent must
 * fix the settings first; everything else may heal (server restart, network).
 */
export function shouldRetry(reason: FailureReason): boolean {
  return reason !== 'auth';
}
