import type { UserAgent, URI } from 'sip.js';
import { setPbxPresence, useFloorStore } from '../floor-store';
import { PbxPresenceWatcher, type PbxWatchTarget } from './pbx-presence-watcher';

export interface PbxPresenceDeps {
  /** The desk's registered user agent (the phone feature's), null while not registered. */
  userAgent(): UserAgent | null;
  makeUri(text: string): URI | undefined;
  /** Calls back when the registration changes (the user agent may be another one); returns the unsubscribe. */
  onRegistrationChange(listener: () => void): () => void;
}

/** The agents of the floor to watch: everyone with a SIP address but the lead themself. */
function targetsOf(): PbxWatchTarget[] {
  const { agents, me } = useFloorStore.getState();
  const targets: PbxWatchTarget[] = [];
  for (const agent of agents.values()) if (agent.sipUri && agent.workNumber !== me) targets.push({ personId: agent.personId, sipUri: agent.sipUri });
  return targets.sort((a, b) => a.personId.localeCompare(b.personId));
}

/**
 * While this desk follows the floor and the centre's PBX offers dialog-info
 * presence, watch every agent of the floor there (PbxPresenceWatcher) and
 * keep what the PBX says in the floor store. Returns the stop function.
 */
export function startPbxPresence(deps: PbxPresenceDeps): () => void {
  let watcher: PbxPresenceWatcher | null = null;
  let lastAgents: unknown = null;
  const sync = () => {
    const state = useFloorStore.getState();
    const wanted = state.pbxPresence === 'dialog-info' && state.connection.state !== 'off';
    if (!wanted) {
      watcher?.stop();
      watcher = null;
      lastAgents = null;
      return;
    }
    if (!watcher) {
      watcher = new PbxPresenceWatcher({
        userAgent: deps.userAgent,
        makeUri: deps.makeUri,
        now: () => Date.now() + useFloorStore.getState().clockOffsetMs,
        onPresence: setPbxPresence,
        setTimer: (run, ms) => setTimeout(run, ms),
        clearTimer: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
      });
    }
    // The agents' map is replaced on every change; the targets only when it is.
    if (state.agents !== lastAgents) {
      lastAgents = state.agents;
      watcher.setTargets(targetsOf());
    }
  };
  sync();
  const unsubscribeFloor = useFloorStore.subscribe((state, previous) => {
    if (state.agents !== previous.agents || state.pbxPresence !== previous.pbxPresence || state.connection.state !== previous.connection.state) sync();
  });
  const unsubscribePhone = deps.onRegistrationChange(() => watcher?.userAgentChanged());
  return () => {
    unsubscribeFloor();
    unsubscribePhone();
    watcher?.stop();
    watcher = null;
  };
}
