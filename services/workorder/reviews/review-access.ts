import { hasRole, type Access } from '../people/access';

/**
 * Who may review a team's calls and play its recordings (issue 13): a trainer,
 * quality inspector (质检员) or lead of that team (a lead also of the teams they
 * lead), and admins. The agent whose call it is may play it too, and read its
 * review once shared. Everyone else is refused with 403.
 */
export function mayReviewTeam(access: Access, teamId: string): boolean {
  if (hasRole(access, 'admin')) return true;
  if (!hasRole(access, 'trainer') && !hasRole(access, 'inspector') && !hasRole(access, 'lead')) return false;
  return access.teamId === teamId || access.leadsTeams.includes(teamId);
}

/**
 * Who publishes scorecard templates: the scorecard is the centre's service norm,
 * which its quality inspectors keep; trainers, who teach to it, and admins too.
 */
export function mayEditTemplates(access: Access): boolean {
  return hasRole(access, 'inspector') || hasRole(access, 'trainer') || hasRole(access, 'admin');
}

export function isOwnCall(access: Access, call: { agentPersonId: string | null }): boolean {
  return access.personId !== null && access.personId === call.agentPersonId;
}

export function mayPlay(access: Access, call: { agentPersonId: string | null; teamId: string }): boolean {
  return isOwnCall(access, call) || mayReviewTeam(access, call.teamId);
}

/** The teams whose calls the caller may review, out of the centre's. */
export function reviewTeams(access: Access, allTeams: readonly string[]): string[] {
  return allTeams.filter((team) => mayReviewTeam(access, team));
}
