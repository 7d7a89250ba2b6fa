import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { expect, openScenario, test } from './support';

/** Where the pictures go: $DOJANG_SCREENSHOT_DIR, else test-results/screenshots. */
const dir = process.env.DOJANG_SCREENSHOT_DIR ?? join('test-results', 'screenshots');

test.beforeAll(() => {
  mkdirSync(dir, { recursive: true });
});

test('screenshots of the main states, for a person to look at', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken');
  await expect(page.getByTestId('certificate-row')).toHaveCount(3);
  await page.screenshot({ path: join(dir, 'ui-list.png'), fullPage: true });

  await page.setViewportSize({ width: 640, height: 720 });
  await page.screenshot({ path: join(dir, 'ui-list-640.png'), fullPage: true });

  await page.setViewportSize({ width: 1040, height: 720 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByRole('radio', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.screenshot({ path: join(dir, 'ui-list-dark-en.png'), fullPage: true });
});

test('screenshot of the empty state', async ({ page }) => {
  await openScenario(page, 'empty');
  await expect(page.getByTestId('empty-state')).toBeVisible();
  await page.screenshot({ path: join(dir, 'ui-empty.png'), fullPage: true });
});

test('screenshot of the error state', async ({ page }) => {
  await openScenario(page, 'ipc-error');
  await expect(page.getByTestId('load-error')).toBeVisible();
  await page.screenshot({ path: join(dir, 'ui-error.png'), fullPage: true });
});
