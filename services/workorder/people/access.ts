import type { PersonRole } from '../../../src/shared/domain/centre/sign-in';
import { HttpError } from '../http';
import type { Caller } from './bearer';
import type { PersonRecord } from './people-store';

/**
 * What a caller may see, by role and team. Route handlers ask this, never the
 * roles directly: an agent sees their own team; a lead also the teams they
 * lead; an admin (the centre's IT) every team.
 */
export interface Access {
  personId: string | null;
  roles: readonly PersonRole[];
  teamId: string;
  leadsTeams: readonly string[];
}

export function accessOfPerson(person: PersonRecord): Access {
  return {
    personId: person.personId,
    roles: person.roles,
    teamId: person.teamId,
    leadsTeams: person.roles.includes('lead') ? person.leadsTeams : [],
  };
}

/**
 * A token with no person behind it (`admin issue-token`): an agent token is an
 * agent of its team, a centre token a lead of its team, as the work-order routes treat them.
 */
export function accessOfToken(caller: Caller): Access {
  const lead = caller.role === 'centre';
  return { personId: null, roles: lead ? ['agent', 'lead'] : ['agent'], teamId: caller.teamId, leadsTeams: lead ? [caller.teamId] : [] };
}

export function hasRole(access: Access, role: PersonRole): boolean {
  return access.roles.includes(role);
}

export function canSeeTeam(access: Access, teamId: string): boolean {
  return hasRole(access, 'admin') || access.teamId === teamId || (hasRole(access, 'lead') && access.leadsTeams.includes(teamId));
}

/** The teams whose people and floor the caller may see, out of the centre's. */
export function visibleTeams(access: Access, allTeams: readonly string[]): string[] {
  return allTeams.filter((team) => canSeeTeam(access, team));
}

export function requireRole(access: Access, ...roles: PersonRole[]): void {
  if (!roles.some((role) => hasRole(access, role))) {
    throw new HttpError(403, 'forbidden', `This needs the role ${roles.join(' or ')}.`);
  }
}

/** Another team is answered like a missing one (as work orders are). */
export function requireTeam(access: Access, teamId: string): void {
  if (!canSeeTeam(access, teamId)) throw new HttpError(404, 'not-found', 'No such team.');
}
