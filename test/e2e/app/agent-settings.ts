import type { Page } from 'playwright-core';
import type { SipLab } from '../lab/lab';
import { isCleartextToNetwork } from '../../../src/shared/domain/loopback';

export const AGENT_CITY = '重庆';
export const AGENT_WORK_NUMBER = '0307';

export interface AgentSettingsOverrides {
  password?: string;
  displayName?: string;
  workNumber?: string;
  /** The WebSocket server as the agent's browser reaches it (default lab.wsUrl; lab.agentNetwork.wsUrl on the agent network). */
  wsServer?: string;
}

/** Fills and saves the settings form for a lab account (its own password unless overridden), by the manual path if the sign-in is shown. */
export async function fillAgentSettings(
  page: Page,
  lab: SipLab,
  user: string,
  { password, displayName = '王芳', workNumber = AGENT_WORK_NUMBER, wsServer = lab.wsUrl }: AgentSettingsOverrides = {},
): Promise<void> {
  const account = lab.account(user);
  // A fresh desk opens on the centre sign-in; these tests take the manual (advanced) path.
  const manual = page.getByTestId('sign-in-manual-setup');
  await page.locator('[data-testid="sign-in-manual-setup"], [data-testid="settings-ws-server"]').first().waitFor({ timeout: 10_000 });
  if (await manual.isVisible()) await manual.click();
  await page.getByTestId('settings-ws-server').fill(wsServer);
  // The agent network's server is not loopback: ws:// to it needs the visible "insecure" acknowledgement.
  if (isCleartextToNetwork(wsServer, 'ws:')) await page.getByTestId('settings-insecure-ws-ack').check();
  await page.getByTestId('settings-sip-uri').fill(account.uri);
  await page.getByTestId('settings-auth-user').fill(account.authUser);
  await page.getByTestId('settings-password').fill(password ?? account.password);
  await page.getByTestId('settings-display-name').fill(displayName);
  await page.getByTestId('settings-work-number').fill(workNumber);
  await page.getByTestId('settings-city').fill(AGENT_CITY);
  await page.getByTestId('settings-save').click();
}
