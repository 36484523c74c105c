import type { CentreSession } from '../centre/centre-session';
import type { SettingsRepo } from '../store/settings-repo';

/** The desk's agent as scores and reviews name them: the signed-in person's 工号, else the desk's profile, else ''. */
export function deskAgent(centre: Pick<CentreSession, 'status'>, settings: Pick<SettingsRepo, 'read'>): string {
  const status = centre.status();
  if (status.state === 'signed-in') return status.person.workNumber;
  return settings.read().settings?.agent.workNumber ?? '';
}
