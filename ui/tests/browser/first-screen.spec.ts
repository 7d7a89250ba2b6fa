import { expect, openScenario, test } from './support';

/**
 * Records, from before the page's scripts run, whether the loading screen was
 * ever put on the page.
 */
async function watchForLoading(page: import('@playwright/test').Page) {
  await page.addInitScript(() => {
    const seen = { loading: false };
    (window as unknown as { __loadingSeen: typeof seen }).__loadingSeen = seen;
    new MutationObserver(() => {
      if (document.querySelector('[data-testid=loading]') !== null) seen.loading = true;
    }).observe(document, { childList: true, subtree: true });
  });
}

async function loadingWasShown(page: import('@playwright/test').Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { __loadingSeen: { loading: boolean } }).__loadingSeen.loading);
}

test('when the list is ready as the window opens, the list is the first screen: no loading screen before it', async ({
  page,
}) => {
  await watchForLoading(page);
  await openScenario(page, 'three-certs-one-broken');
  await expect(page.getByTestId('certificate-row')).toHaveCount(3);
  expect(await loadingWasShown(page)).toBe(false);
});

test('when the list takes longer, the loading screen says so meanwhile', async ({ page }) => {
  await watchForLoading(page);
  await openScenario(page, 'three-certs-one-broken', { delayMs: 1500 });
  await expect(page.getByTestId('loading')).toBeVisible();
  await expect(page.getByTestId('certificate-row')).toHaveCount(3);
  expect(await loadingWasShown(page)).toBe(true);
});
