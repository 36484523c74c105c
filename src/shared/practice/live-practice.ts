import { bundledScenario } from './bundled';

/**
 * A trainer plays the caller live (issue 14): the trainer's desk calls the
 * trainee through the PBX with this header naming the scenario, and both
 * desks treat the call as practice (practice work order, practice guidance,
 * never counted). Marking a real citizen's call as practice would lose it, so
 * the header is trusted in two layers:
 *
 * 1. The PBX removes it from every INVITE that does not come from a desk
 *    authenticated as one of its own subscribers (the telephone network's
 *    side, a trunk): an outside caller can never send it through
 *    (test/e2e/lab/kamailio.cfg, README "Practice calls").
 * 2. The desk trusts it only from a caller on its own SIP domain, and only
 *    when it names one bundled scenario; anything else is an ordinary call.
 */
export const PRACTICE_HEADER = 'X-Hotline-Practice';

/** The header line the trainer's desk sends. */
export function practiceHeaderLine(scenarioId: string): string {
  if (!bundledScenario(scenarioId)) throw new Error(`no practice scenario ${scenarioId}`);
  return `${PRACTICE_HEADER}: ${scenarioId}`;
}

export interface PracticeInvite {
  /** Every value of the header in the INVITE. */
  headerValues: readonly string[];
  /** The host of the caller's From URI. */
  fromHost: string;
  /** The host of this desk's own SIP account (its PBX's domain); null when not known. */
  ownDomain: string | null;
}

/** The scenario an incoming INVITE is a live practice call of, or null for an ordinary call. */
export function trustedPracticeScenario(invite: PracticeInvite): string | null {
  if (invite.headerValues.length !== 1 || invite.ownDomain === null) return null;
  if (invite.fromHost.trim().toLowerCase() !== invite.ownDomain.trim().toLowerCase()) return null;
  const id = invite.headerValues[0]!.trim();
  return bundledScenario(id) ? id : null;
}
