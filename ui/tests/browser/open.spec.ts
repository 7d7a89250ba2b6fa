import { expect, expectAccessible, openScenario, test } from './support';

/** What Rust queues when the app is opened with files or links. */
async function openedWith(page: import('@playwright/test').Page, requests: unknown[]): Promise<void> {
  await page.addInitScript((queued) => {
    window.__DOJANG_OPEN_REQUESTS__ = queued as typeof window.__DOJANG_OPEN_REQUESTS__;
  }, requests);
}

test('a dojang: link the app was opened with starts the e-mail path, prefilled', async ({ page }) => {
  await openedWith(page, [
    {
      kind: 'invitation',
      source: 'dojang://issue?ca=https%3A%2F%2Fca.dojang.test%2Fcmp&application=20261125777',
      invitation: { ca: 'https://ca.dojang.test/cmp', application: '20261125777' },
      ca: { url: 'https://ca.dojang.test/cmp', host: 'ca.dojang.test', name: '도장 인증센터', listed: true },
    },
  ]);
  await openScenario(page, 'three-certs-one-broken');
  const codes = page.getByTestId('step-codes');
  await expect(codes.getByRole('textbox', { name: '신청번호' })).toHaveValue('20261125777');
  await expectAccessible(page);
});

test('a PFX opened with the app starts its import; a certificate file is shown read-only', async ({ page }) => {
  await openedWith(page, [{ kind: 'import-pfx', path: '/home/hong/내 인증서.pfx' }]);
  await openScenario(page, 'three-certs-one-broken');
  await expect(page.getByRole('dialog')).toContainText('내 인증서.pfx');
  await page.keyboard.press('Escape');

  await page.evaluate(() => {
    window.__DOJANG_OPEN_REQUESTS__ = [{ kind: 'show-file', path: '/home/hong/signCert.der' }];
    return window.__DOJANG_EMIT__?.('open-requests', null);
  });
  const shown = page.getByTestId('file-details');
  await expect(shown.getByTestId('details-owner')).toHaveText('signCert.der');
  await expect(shown).toContainText('이 컴퓨터에 저장되어 있지는 않습니다');
  await expect(shown.getByRole('button', { name: '암호 변경' })).toHaveCount(0);
  await expectAccessible(page);
});

test('something the app cannot open is said, and the list stays', async ({ page }) => {
  await openedWith(page, [
    {
      kind: 'failed',
      what: '/home/hong/notes.txt',
      error: { code: 'file-type-unsupported', params: { path: '/home/hong/notes.txt' } },
    },
  ]);
  await openScenario(page, 'three-certs-one-broken');
  await expect(page.getByTestId('app-notice')).toContainText('notes.txt');
  await expect(page.getByTestId('app-notice')).toContainText('도장이 열 수 있는 파일이 아닙니다');
  // A problem, never with a tick: said as one.
  await expect(page.getByTestId('app-notice')).toHaveAttribute('data-kind', 'problem');
  await expect(page.getByTestId('certificate-row')).toHaveCount(3);
});
