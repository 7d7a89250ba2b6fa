import { expect, test } from './support';

/** Where playwright.config.ts serves the production build. */
const preview = `http://127.0.0.1:${process.env.DOJANG_PREVIEW_PORT ?? '5180'}`;

/**
 * The production build, served under the app's Content-Security-Policy and
 * with frozen prototypes as Tauri runs it. Outside Tauri there is no
 * backend, so the app must show its error state rather than a blank page.
 */
test('the built app runs under the strict CSP and frozen prototypes', async ({ page }) => {
  const violations: string[] = [];
  await page.addInitScript(() => {
    Object.freeze(Object.prototype);
    Object.freeze(Array.prototype);
    Object.freeze(Function.prototype);
  });
  await page.exposeFunction('__reportCspViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __reportCspViolation: (text: string) => void })
        .__reportCspViolation;
      report(`${event.violatedDirective}: ${event.blockedURI}`);
    });
  });

  const response = await page.goto(`${preview}/`);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");

  const failure = page.getByTestId('load-error');
  await expect(failure).toBeVisible();
  await expect(failure).toContainText('프로그램 안에서 예상하지 못한 문제가 생겼습니다.');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('도장');
  expect(violations).toEqual([]);

  // The harness is test-only: the build has no trace of it.
  const harness = await page.request.get(`${preview}/test/harness.html`);
  expect(await harness.text()).not.toContain('harness.ts');
});
