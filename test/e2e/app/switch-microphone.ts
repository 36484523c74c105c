import type { Page } from 'playwright-core';

/**
 * The agent picks the lab's second fake input in the desk's settings, as they would mid-call; returns its label and
 * device id (the desk switches the call's microphone first, then stores the choice in main).
 */
export async function switchToSecondMicrophone(page: Page): Promise<{ label: string; deviceId: string }> {
  const label = 'Fake Audio Input 1';
  await page.getByTestId('desk-settings-open').click();
  const microphone = page.getByTestId('device-microphone');
  const other = await microphone.locator('option', { hasText: label }).getAttribute('value');
  if (!other) throw new Error(`no microphone called ${label} in the desk's settings`);
  await microphone.selectOption(other);
  return { label, deviceId: other };
}
