import type Database from 'better-sqlite3';
import type { guidanceInvokeContract } from '../../shared/ipc/contract-guidance';
import type { PackFolder } from '../guidance/pack-folder';
import { GuidanceSettingsRepo } from '../guidance/guidance-settings-repo';
import { TimelineRepo } from '../timeline/timeline-repo';
import type { Handlers } from './router';

type GuidanceChannel = keyof typeof guidanceInvokeContract;

export interface GuidanceDeps {
  db: Database.Database;
  packs: PackFolder;
}

/** Live guidance: the script pack in use, the call timeline, the team-lead address. */
export function createGuidanceHandlers({ db, packs }: GuidanceDeps): Pick<Handlers, GuidanceChannel> {
  const timeline = new TimelineRepo(db);
  const settings = new GuidanceSettingsRepo(db);
  return {
    'guidance:pack': () => packs.state(),
    'guidance:appendTimeline': ({ callId, entries }) => ({ stored: timeline.append(callId, entries) }),
    'guidance:timeline': ({ callId }) => timeline.list(callId),
    'guidance:settings': () => settings.read(),
    'guidance:saveSettings': (next) => settings.write(next),
  };
}
