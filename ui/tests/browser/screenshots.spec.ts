import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { bankLogin, bankTransfer, signLinkTo } from '../../test/fixtures';
import { expect, failWith, openDetails, openScenario, SAMPLE_PASSWORD, test, walkWizardToReview } from './support';

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

test('screenshots of the details, a dialog and the settings, in Korean', async ({ page }) => {
  await openScenario(page, 'four-places', { version: '0.1.0' });
  await openDetails(page, '홍길동');
  await page.getByTestId('names-disclosure').getByRole('button').click();
  await page.screenshot({ path: join(dir, 'ui-details.png'), fullPage: true });

  await page.getByTestId('advanced').getByRole('button', { name: '고급 정보' }).click();
  await expect(page.getByTestId('asn1')).toBeVisible();
  await page.screenshot({ path: join(dir, 'ui-details-advanced.png'), fullPage: true });

  await page.getByTestId('open-change-password').click();
  const dialog = page.getByTestId('change-password-dialog');
  await dialog.getByRole('textbox', { name: '현재 인증서 암호' }).fill(SAMPLE_PASSWORD);
  await dialog.getByRole('textbox', { name: '새 암호', exact: true }).fill('seal#7294');
  await expect(dialog.getByTestId('rule-too-short')).toHaveAttribute('data-state', 'unmet');
  await page.screenshot({ path: join(dir, 'ui-dialog-password.png'), animations: 'disabled' });
  await page.keyboard.press('Escape');

  await page.getByTestId('open-export').click();
  await expect(page.getByTestId('export-dialog')).toBeVisible();
  await page.screenshot({ path: join(dir, 'ui-dialog-export.png'), animations: 'disabled' });
  await page.keyboard.press('Escape');

  await page.getByTestId('open-settings').click();
  await expect(page.getByTestId('app-version')).toHaveText('0.1.0');
  await page.screenshot({ path: join(dir, 'ui-settings.png'), fullPage: true });
});

test('screenshots of the issuance wizard, in Korean', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken', { distribution: { sandbox: true } });
  await page.getByRole('button', { name: '인증서 발급' }).click();
  await expect(page.getByTestId('step-path')).toBeVisible();
  await page.screenshot({ path: join(dir, 'ui-issue-1-path.png'), fullPage: true });

  await page.getByText('발급 안내 메일', { exact: true }).click();
  await page.getByTestId('next').click();
  const codes = page.getByTestId('step-codes');
  await codes.getByRole('textbox', { name: '신청번호' }).fill('20261125001');
  await codes.getByRole('textbox', { name: '발급용 임시번호 (10자리)' }).fill('aB3dE6gH9!');
  await expect(codes).toContainText("'!'는 쓸 수 없습니다");
  await page.screenshot({ path: join(dir, 'ui-issue-2-codes.png'), fullPage: true });
  await codes.getByRole('textbox', { name: '발급용 임시번호 (10자리)' }).fill('aB3dE6gH9j');
  await codes.getByRole('textbox', { name: '주민등록번호 또는 사업자등록번호' }).fill('900101-1234567');
  await page.getByTestId('next').click();

  const storage = page.getByTestId('step-storage');
  await storage.getByRole('textbox', { name: '인증서 암호 (새로 정하기)' }).fill('seal#7294xq');
  await storage.getByRole('textbox', { name: '인증서 암호 다시 입력' }).fill('seal#7294xq');
  await expect(storage.getByTestId('rule-too-short')).toHaveAttribute('data-state', 'met');
  await page.screenshot({ path: join(dir, 'ui-issue-3-storage.png'), fullPage: true });
  await page.getByTestId('next').click();

  await page.evaluate(() => {
    window.__DOJANG_STEP_DELAY_MS__ = 1500;
  });
  await page.getByRole('button', { name: '발급하기' }).click();
  await expect(page.getByTestId('progress-generating-key')).toHaveAttribute('data-state', 'current');
  await page.screenshot({ path: join(dir, 'ui-issue-4-progress.png'), fullPage: true, animations: 'disabled' });
});

test('screenshot of the warning about a CA a build without CAs does not know', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken', { distribution: { cas: [] } });
  await page.getByRole('button', { name: '인증서 발급' }).click();
  await page.getByRole('textbox', { name: '인증기관 주소 (CMP)' }).fill('https://cmp.ca.example.co.kr:8443/pkix/issue');
  await page.getByTestId('next').click();
  await expect(page.getByRole('alertdialog')).toBeVisible();
  await page.screenshot({ path: join(dir, 'ui-issue-ca-warning.png'), animations: 'disabled' });
  await page.getByRole('button', { name: '계속' }).click();
  await page.getByRole('textbox', { name: '등록번호' }).fill('12345678AbCdEfGhIjKlMnOpQrS');
  await expect(page.locator('.modal-overlay')).toHaveCount(0);

  // Something arrives while the number is typed: an unusable file, then an invitation.
  await page.evaluate(() =>
    window.__DOJANG_EMIT__?.('tauri://drag-drop', { paths: ['/home/user/memo.htm'], position: { x: 100, y: 100 } }),
  );
  await expect(page.getByTestId('link-problem')).toBeVisible();
  await page.screenshot({ path: join(dir, 'ui-issue-link-unusable.png'), fullPage: true });
  await page.evaluate(() =>
    window.__DOJANG_EMIT__?.('tauri://drag-drop', { paths: ['/home/user/issue.html'], position: { x: 100, y: 100 } }),
  );
  await expect(page.getByRole('alertdialog', { name: '새 발급 안내' })).toBeVisible();
  await expect(page.getByTestId('link-problem')).toHaveCount(0);
  await page.screenshot({ path: join(dir, 'ui-issue-switch.png'), animations: 'disabled' });
});

test('screenshots of a refusal and of the finished issuance', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken');
  await walkWizardToReview(page);
  await page.evaluate(() => {
    window.__DOJANG_FAILURES__ = { issue_certificate: [{ code: 'ca-too-many-attempts', params: { detail: 'too-many-attempts' } }] };
  });
  await page.getByRole('button', { name: '발급하기' }).click();
  await expect(page.getByTestId('issue-failure')).toBeVisible();
  await page.screenshot({ path: join(dir, 'ui-issue-refused.png'), fullPage: true });

  await page.getByRole('button', { name: '발급하기' }).click();
  await expect(page.getByTestId('issued-certificate')).toBeVisible();
  await page.screenshot({ path: join(dir, 'ui-issue-done.png'), fullPage: true });
});

test('screenshots of renewal, revocation and the certification path, in Korean', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken', { version: '0.1.0' });
  await openDetails(page, '김철수');
  await page.screenshot({ path: join(dir, 'ui-details-renew-due.png'), fullPage: true });
  await page.getByTestId('chain-section').scrollIntoViewIfNeeded();
  await page.getByTestId('chain-section').screenshot({ path: join(dir, 'ui-chain-incomplete.png') });

  await page.getByRole('button', { name: '지금 갱신하기' }).click();
  const renew = page.getByTestId('renew-dialog');
  await renew.getByRole('textbox', { name: '인증서 암호' }).fill(SAMPLE_PASSWORD);
  await page.evaluate(() => {
    window.__DOJANG_STEP_DELAY_MS__ = 1500;
  });
  await renew.getByRole('button', { name: '갱신하기' }).click();
  await expect(renew.getByTestId('progress-contacting-ca')).toHaveAttribute('data-state', 'current');
  await page.screenshot({ path: join(dir, 'ui-dialog-renew.png'), animations: 'disabled' });
  await expect(renew.getByTestId('renew-done')).toBeVisible({ timeout: 15_000 });
  await renew.getByRole('button', { name: '새 인증서 보기' }).click();

  await page.getByTestId('back').click();
  await openDetails(page, '홍길동');
  await page.getByTestId('chain-section').scrollIntoViewIfNeeded();
  await page.getByTestId('chain-section').screenshot({ path: join(dir, 'ui-chain.png') });
  await page.getByRole('button', { name: '폐지' }).click();
  await expect(page.getByTestId('revoke-dialog')).toBeVisible();
  await page.screenshot({ path: join(dir, 'ui-dialog-revoke.png'), animations: 'disabled' });
  await page.keyboard.press('Escape');

  await page.getByTestId('open-settings').click();
  await expect(page.getByTestId('app-version')).toHaveText('0.1.0');
  await page.screenshot({ path: join(dir, 'ui-settings-reminders.png'), fullPage: true });
});

test('screenshot of the trust section and the list badges, in Korean', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken');
  await expect(page.locator('.certificate[data-status="checking"]')).toHaveCount(0);
  await page.screenshot({ path: join(dir, 'ui-list-badges.png'), fullPage: true });

  await openDetails(page, '홍길동');
  const trust = page.getByTestId('trust-section');
  await trust.getByTestId('check-now').click();
  await expect(trust.getByTestId('trust-checked')).toContainText('OCSP로 확인했습니다.');
  await expect(trust.getByTestId('check-now')).toHaveText('지금 확인');
  await trust.screenshot({ path: join(dir, 'ui-trust.png'), animations: 'disabled' });
});

test('screenshots of a site’s signing request, from consent to the signature sent, in Korean', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken');
  await expect(page.getByTestId('certificate-row')).toHaveCount(3);
  const open = (link: string) =>
    page.evaluate((opened) => {
      window.__DOJANG_OPEN_REQUESTS__ = [{ kind: 'sign', link: opened }];
      return window.__DOJANG_EMIT__?.('open-requests', null);
    }, link);
  const screen = page.getByTestId('sign-screen');

  await page.evaluate((asked) => {
    window.__DOJANG_SIGN__ = asked;
  }, bankLogin);
  await open(signLinkTo('https://bank.dojang.test/rp/request/1'));
  await expect(screen).toHaveAttribute('data-state', 'consent');
  await page.screenshot({ path: join(dir, 'ui-sign-consent.png'), fullPage: true });
  await page.getByTestId('sign-password').fill('wrong!2580');
  await page.getByTestId('sign-submit').click();
  await expect(page.getByTestId('sign-error')).toBeVisible();
  await page.screenshot({ path: join(dir, 'ui-sign-wrong-password.png'), animations: 'disabled' });
  await failWith(page, 'sign_for_site', { code: 'site-http-status', params: { status: '503' } });
  await page.getByTestId('sign-password').fill(SAMPLE_PASSWORD);
  await page.getByTestId('sign-submit').click();
  await expect(page.getByTestId('sign-retry')).toBeVisible();
  await page.screenshot({ path: join(dir, 'ui-sign-undelivered.png'), animations: 'disabled' });
  await page.getByTestId('sign-retry').click();
  await expect(screen).toHaveAttribute('data-state', 'done');
  await page.screenshot({ path: join(dir, 'ui-sign-done.png'), fullPage: true });
  await page.getByTestId('sign-back').click();

  // A site the build does not list, and a text with markup and a reordering character.
  await page.evaluate((asked) => {
    window.__DOJANG_SIGN__ = asked;
  }, { ...bankTransfer, text: `${bankTransfer.text}\n<b>확인</b>: 김도장\u202E000,05원` });
  await open(signLinkTo('https://dojang-bank.example.co.kr:8443/rp/request/2'));
  await expect(screen).toHaveAttribute('data-state', 'consent');
  await page.screenshot({ path: join(dir, 'ui-sign-unlisted.png'), fullPage: true });
  await page.getByTestId('sign-cancel').click();

  await page.evaluate((asked) => {
    window.__DOJANG_SIGN__ = asked;
  }, { ...bankLogin, accept: { policies: ['1.2.410.200005.1.1.5'], issuers: [] } });
  await open(signLinkTo('https://bank.dojang.test/rp/request/3'));
  await expect(screen).toHaveAttribute('data-state', 'consent');
  await page.screenshot({ path: join(dir, 'ui-sign-no-certificate.png'), fullPage: true });
  await page.getByTestId('sign-cancel').click();

  await page.evaluate((asked) => {
    window.__DOJANG_SIGN__ = asked;
  }, { ...bankLogin, callback: 'https://collector.example/answer' });
  await open(signLinkTo('https://bank.dojang.test/rp/request/4'));
  await expect(screen).toHaveAttribute('data-state', 'refused');
  await page.screenshot({ path: join(dir, 'ui-sign-refused.png'), fullPage: true });
  await page.getByTestId('sign-back').click();

  await openDetails(page, '김철수');
  await page.getByTestId('signature-history').scrollIntoViewIfNeeded();
  await page.getByTestId('signature-history').screenshot({ path: join(dir, 'ui-signature-history.png') });
});
