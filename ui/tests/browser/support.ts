import AxeBuilder from '@axe-core/playwright';
import { expect, test as base, type Page } from '@playwright/test';

export type Scenario = 'three-certs-one-broken' | 'empty' | 'ipc-error';

/**
 * A test whose page fails on any console error or uncaught exception, so a
 * React warning or a broken import never passes unnoticed.
 */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (msg) => {
        if (msg.type() === 'error') {
          errors.push(msg.text());
        }
      });
      page.on('pageerror', (error) => errors.push(String(error)));
      await use(errors);
      expect(errors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Opens the harness with the mocked backend answering as `scenario`. */
export async function openScenario(
  page: Page,
  scenario: Scenario,
  options: { delayMs?: number } = {},
): Promise<void> {
  await page.addInitScript(
    ({ scenario, delayMs }) => {
      window.__DOJANG_SCENARIO__ = scenario;
      window.__DOJANG_IPC_DELAY_MS__ = delayMs;
    },
    { scenario, delayMs: options.delayMs ?? 0 },
  );
  await page.goto('/test/harness.html');
}

/** The number of `list_certificates` calls the mocked backend has answered. */
export function ipcCalls(page: Page): Promise<number> {
  return page.evaluate(() => window.__DOJANG_IPC_CALLS__ ?? 0);
}

/** Runs axe on the page and fails on any serious or critical violation. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const severe = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
  expect(severe).toEqual([]);
}
