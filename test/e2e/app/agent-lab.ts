import { fileURLToPath } from 'node:url';
import type { BrowserContext } from 'playwright-core';
import { startLab, type SipLab } from '../lab/lab';
import { launchLabBrowser, serveDir } from '../lab/browser';
import { probePeerConnections } from './peer-connection-probe';

export const RENDERER_DIR = fileURLToPath(new URL('../../../dist/renderer', import.meta.url));

/** The SIP lab with two browsers: one for the agent's app (served from dist/renderer), one for caller phones. */
export interface AgentLab {
  lab: SipLab;
  agentContext: BrowserContext;
  callerContext: BrowserContext;
}

/**
 * For a test file's beforeAll. `probe` instruments the agent's RTCPeerConnections for getStats.
 * `agentNetwork` puts the agent's browser on the lab's agent network (its own
 * namespace, reaching Kamailio at lab.agentNetwork.wsUrl; see lab.changeAgentAddress).
 */
export async function startAgentLab(options: { probe?: boolean; agentNetwork?: boolean } = {}): Promise<AgentLab> {
  const lab = await startLab({ agentNetwork: options.agentNetwork ?? false });
  let agentContext: BrowserContext;
  let callerContext: BrowserContext;
  try {
    [agentContext, callerContext] = await Promise.all([
      launchLabBrowser(lab, { network: options.agentNetwork ? 'agent' : 'lab' }),
      launchLabBrowser(lab),
    ]);
  } catch (error) {
    await lab.stop();
    throw error;
  }
  await serveDir(agentContext, 'http://localhost/app/', RENDERER_DIR);
  if (options.probe) await probePeerConnections(agentContext);
  return { lab, agentContext, callerContext };
}

/** For afterAll: closes what started, even after a failed start. */
export async function stopAgentLab(agentLab: Partial<AgentLab> | undefined): Promise<void> {
  await agentLab?.agentContext?.close().catch(() => undefined);
  await agentLab?.callerContext?.close().catch(() => undefined);
  await agentLab?.lab?.stop();
}
