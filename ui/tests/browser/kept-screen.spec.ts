import type { Page } from '@playwright/test';

import { expect, ipcCalls, openScenario, test } from './support';

/** The app's own code, held back so that only the first script runs. */
const APP_MODULE = '**/src/main.tsx';

/** Holds the app's own code back from the next loads: only the first script runs. */
async function holdBackApp(page: Page): Promise<void> {
  await page.route(APP_MODULE, (route) => route.abort());
}

/** Forgets the two errors holding the app back makes (its request refused, its import failing). */
function forgiveHeldBackApp(consoleErrors: string[]): void {
  const expected = (error: string) =>
    error === 'Failed to load resource: net::ERR_FAILED' || error.includes('/src/main.tsx');
  const others = consoleErrors.filter((error) => !expected(error));
  consoleErrors.splice(0, consoleErrors.length, ...others);
}

/** Waits until the screen just drawn is kept for the next start. */
async function kept(page: Page): Promise<void> {
  await expect
    .poll(() => page.evaluate(() => window.localStorage.getItem('dojang.keptScreen') !== null))
    .toBe(true);
}

test('the next start shows the list kept from the last one before the app has loaded, as a picture', async ({
  page,
  consoleErrors,
}) => {
  await openScenario(page, 'three-certs-one-broken');
  await expect(page.getByTestId('certificate-row')).toHaveCount(3);
  await kept(page);

  await holdBackApp(page);
  await page.reload();
  const root = page.locator('#root');
  await expect(root.getByText('홍길동', { exact: true })).toBeVisible();
  await expect(root).toContainText('김철수');
  await expect(root).toContainText('(주)도장 테스트');
  // Nothing on it answers, and no test (or script) finds its parts as the app's.
  expect(await root.evaluate((element) => (element as HTMLElement).inert)).toBe(true);
  await expect(page.getByTestId('certificate-row')).toHaveCount(0);
  // The backend was asked once, by the first script.
  expect(await ipcCalls(page)).toBe(1);
  forgiveHeldBackApp(consoleErrors);
});

test('the app takes the kept screen over: its own list answers, the backend asked once', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken');
  await expect(page.getByTestId('certificate-row')).toHaveCount(3);
  await kept(page);

  await page.reload();
  await expect(page.getByTestId('certificate-row')).toHaveCount(3);
  expect(await page.locator('#root').evaluate((element) => (element as HTMLElement).inert)).toBe(false);
  // One list on the screen, the app's.
  await expect(page.getByText('홍길동', { exact: true })).toHaveCount(1);
  expect(await ipcCalls(page)).toBe(1);
  await page.getByTestId('certificate-row').filter({ hasText: '홍길동' }).click();
  await expect(page.getByTestId('details-purpose')).toHaveText('개인 범용');
});

test('when the certificates changed since the last start, nothing kept is shown', async ({ page, consoleErrors }) => {
  await openScenario(page, 'three-certs-one-broken');
  await expect(page.getByTestId('certificate-row')).toHaveCount(3);
  await kept(page);

  // Another listing from now on (an init script added later runs later).
  await page.addInitScript(() => {
    window.__DOJANG_SCENARIO__ = 'one-place';
  });
  await holdBackApp(page);
  await page.reload();
  await expect.poll(() => ipcCalls(page)).toBe(1);
  await expect(page.locator('#root')).toBeEmpty();
  forgiveHeldBackApp(consoleErrors);
});

test('in another language than the one it was drawn in, nothing kept is shown', async ({ page, consoleErrors }) => {
  await openScenario(page, 'three-certs-one-broken');
  await expect(page.getByTestId('certificate-row')).toHaveCount(3);
  await kept(page);

  await page.evaluate(() => window.localStorage.setItem('dojang.lang', 'en'));
  await holdBackApp(page);
  await page.reload();
  await expect.poll(() => ipcCalls(page)).toBe(1);
  await expect(page.locator('#root')).toBeEmpty();
  forgiveHeldBackApp(consoleErrors);
});
