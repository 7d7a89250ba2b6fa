import {
  callsOf,
  card,
  expect,
  expectAccessible,
  failWith,
  HONG_ID,
  HONG_ON_DISK,
  openDetails,
  openScenario,
  SAMPLE_PASSWORD,
  test,
} from './support';

const KIM_ID = 'beef0000'.repeat(8);
const KIM_ON_USB = { id: KIM_ID, store: { kind: 'npki', root: 'E:\\NPKI' } };
const RENEWED_ID = 'beef0001'.repeat(8);

test('renewal is offered first in the last 30 days: password, progress, then the new certificate', async ({ page }) => {
  // The new certificate's path is complete (Kim's, like every KICA one here, lacks its CA by default).
  await page.addInitScript((renewed) => {
    window.__DOJANG_VERIFY__ = { [renewed]: { path: 'complete' } };
  }, RENEWED_ID);
  await openScenario(page, 'three-certs-one-broken');
  await openDetails(page, '김철수');
  const due = page.getByTestId('renew-due');
  await expect(due).toContainText('만료까지 12일 남았습니다. 지금 갱신할 수 있습니다.');
  await due.getByRole('button', { name: '지금 갱신하기' }).click();

  const dialog = page.getByRole('dialog', { name: '인증서 갱신' });
  await expect(dialog).toContainText('김철수 님의 인증서를 새 인증서로 바꿉니다.');
  const password = dialog.getByRole('textbox', { name: '인증서 암호' });
  await expect(password).toBeFocused();
  await expectAccessible(page);

  await password.fill('wrong!pass1');
  await dialog.getByRole('button', { name: '갱신하기' }).click();
  await expect(password).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog).toContainText('인증서 암호가 맞지 않습니다.');

  await page.evaluate(() => {
    window.__DOJANG_STEP_DELAY_MS__ = 200;
  });
  await password.fill(SAMPLE_PASSWORD);
  await password.press('Enter');
  await expect(dialog.getByTestId('progress').locator('[aria-current="step"]')).toBeVisible();
  // No checking of codes in a renewal: the certificate is its own proof.
  await expect(dialog.getByTestId('progress-checking-codes')).toHaveCount(0);
  await expectAccessible(page);

  await expect(dialog.getByTestId('renew-done')).toContainText('인증서를 갱신했습니다');
  const open = dialog.getByRole('button', { name: '새 인증서 보기' });
  await expect(open).toBeFocused();
  await expectAccessible(page);
  expect(await callsOf(page, 'renew_certificate')).toEqual([
    { request: { ...KIM_ON_USB, password: 'wrong!pass1' }, onProgress: 'channel' },
    { request: { ...KIM_ON_USB, password: SAMPLE_PASSWORD }, onProgress: 'channel' },
  ]);

  await open.click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('details-owner')).toHaveText('김철수');
  await expect(page.getByTestId('status-banner')).toHaveAttribute('data-status', 'valid');
  expect((await callsOf(page, 'certificate_details')).at(-1)).toEqual({ id: RENEWED_ID });
});

test('renewal says when it opens, or that an expired certificate needs a reissue', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken');
  await openDetails(page, '홍길동');
  await expect(page.getByTestId('renew-due')).toHaveCount(0);
  await page.getByRole('button', { name: '갱신', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: '인증서 갱신' });
  await expect(dialog.getByTestId('renew-unavailable')).toHaveText(
    '갱신은 만료 30일 전부터 할 수 있습니다. 이 인증서는 2026년 12월 13일부터 갱신할 수 있습니다.',
  );
  await expectAccessible(page);
  await dialog.getByRole('button', { name: '닫기' }).last().click();
  await expect(dialog).toBeHidden();

  await page.getByTestId('back').click();
  await openDetails(page, '(주)도장 테스트');
  // Expired: renewal and revocation cannot work, so they are not offered; the reissue is, and why.
  await expect(page.getByTestId('status-banner')).toContainText('인증서를 새로 발급받으세요.');
  await expect(page.getByTestId('open-renew')).toHaveCount(0);
  await expect(page.getByTestId('open-revoke')).toHaveCount(0);
  await expect(page.getByTestId('expired-only-reissue')).toHaveText(
    '만료된 인증서는 갱신하거나 폐지할 수 없습니다. 새 인증서는 ‘재발급’으로 받으세요.',
  );
  await page.getByTestId('open-reissue').click();
  await expect(page.getByRole('heading', { level: 2, name: '인증서 재발급' })).toBeFocused();
  await expect(page.getByTestId('reissue-note')).toContainText(
    '(주)도장 테스트 님의 인증서를 다시 발급받습니다. 재발급을 신청하고 받은 등록번호나 발급 안내 메일의 번호를 쓰세요. 발급에 성공하면 인증기관이 예전 인증서를 폐지합니다.',
  );
  await expectAccessible(page);
  expect(await callsOf(page, 'renew_certificate')).toEqual([]);
});

test('a renewal the CA refuses is explained in the dialog', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken');
  await openDetails(page, '김철수');
  await page.getByRole('button', { name: '갱신', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: '인증서 갱신' });
  await failWith(page, 'renew_certificate', { code: 'ca-unknown', params: {} });
  await dialog.getByRole('textbox', { name: '인증서 암호' }).fill(SAMPLE_PASSWORD);
  await dialog.getByRole('button', { name: '갱신하기' }).click();
  await expect(dialog.getByTestId('form-alert')).toContainText(
    '이 인증서를 발급한 인증기관의 주소를 알 수 없어 요청을 보낼 수 없습니다.',
  );
  await expect(dialog.getByTestId('progress-contacting-ca')).toHaveAttribute('data-state', 'stopped');
  await expect(dialog.getByTestId('support-phone')).toHaveText('1577-8787');
  await expectAccessible(page);
});

test('revocation: a plain reason, a warning that it cannot be undone, the name typed out and the password', async ({
  page,
}) => {
  await openScenario(page, 'three-certs-one-broken');
  await openDetails(page, '홍길동');
  await page.getByRole('button', { name: '폐지' }).click();
  const dialog = page.getByRole('dialog', { name: '인증서 폐지' });
  await expect(dialog).toContainText('폐지하면 되돌릴 수 없습니다.');
  await expect(dialog).toContainText('은행, 증권사, 관공서 어디에서도 더는 쓸 수 없습니다.');
  await expect(dialog.getByRole('radio', { name: '특별한 까닭 없음' })).toBeChecked();
  await expectAccessible(page);

  await dialog.getByText('인증서나 암호가 남에게 알려졌을 수 있음', { exact: true }).click();
  const confirm = dialog.getByRole('textbox', { name: /확인을 위해 이름 ‘홍길동’/ });
  const password = dialog.getByRole('textbox', { name: '인증서 암호' });
  await confirm.fill('홍길');
  await password.fill('wrong!pass1');
  await dialog.getByRole('button', { name: '폐지하기' }).click();
  await expect(confirm).toHaveAttribute('aria-invalid', 'true');
  await expect(confirm).toBeFocused();
  expect(await callsOf(page, 'revoke_certificate')).toEqual([]);

  await confirm.fill('홍길동');
  await password.press('Enter');
  await expect(password).toHaveAttribute('aria-invalid', 'true');
  await expect(password).toBeFocused();
  await password.fill(SAMPLE_PASSWORD);
  await password.press('Enter');

  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('done-notice')).toHaveText(
    '인증서를 폐지했습니다. 이 인증서는 이제 쓸 수 없습니다. 필요 없다면 삭제해도 됩니다.',
  );
  expect(await callsOf(page, 'revoke_certificate')).toEqual([
    { request: { ...HONG_ON_DISK, password: 'wrong!pass1', reason: 'keyCompromise' } },
    { request: { ...HONG_ON_DISK, password: SAMPLE_PASSWORD, reason: 'keyCompromise' } },
  ]);
  expect(await page.content()).not.toContain(SAMPLE_PASSWORD);

  // From now on it says so: the banner, no renewal or second revocation, the list.
  const banner = page.getByTestId('status-banner');
  await expect(banner).toHaveAttribute('data-status', 'revoked');
  await expect(banner).toContainText('폐지된 인증서입니다');
  await expect(banner).toContainText('(까닭: 인증서나 암호가 남에게 알려졌을 수 있음)');
  await expect(page.getByTestId('done-notice')).toBeFocused();
  await expect(page.getByTestId('open-renew')).toHaveCount(0);
  await expect(page.getByTestId('open-revoke')).toHaveCount(0);
  await expect(page.getByRole('button', { name: '재발급' })).toBeVisible();
  await expectAccessible(page);
  await page.getByTestId('back').click();
  const row = card(page, '홍길동');
  await expect(row).toHaveAttribute('data-status', 'revoked');
  await expect(row.getByTestId('validity')).toHaveText('폐지됨');
});

test('the reissue button opens the wizard with its note', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken');
  await openDetails(page, '홍길동');
  await page.getByRole('button', { name: '재발급' }).click();
  await expect(page.getByRole('heading', { level: 2, name: '인증서 재발급' })).toBeFocused();
  await expect(page.getByTestId('reissue-note')).toContainText('홍길동 님의 인증서를 다시 발급받습니다.');
  await page.getByTestId('back').click();
  await expect(page.getByTestId('certificate-row')).toHaveCount(3);
});

test('the certification path: complete to a pinned root, or honest about what is missing', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken');
  await openDetails(page, '홍길동');
  const chain = page.getByTestId('chain-section');
  await expect(chain.getByRole('heading', { name: '인증 경로' })).toBeVisible();
  const links = chain.getByTestId('chain-link');
  await expect(links).toHaveCount(3);
  await expect(links.nth(0)).toContainText('최상위 인증기관 (루트)');
  await expect(links.nth(0)).toContainText('KISA RootCA 4');
  await expect(links.nth(0)).toContainText('이 프로그램이 믿도록 정해 둔 최상위 인증기관');
  await expect(links.nth(1)).toContainText('발급 기관');
  await expect(links.nth(1)).toContainText('yessignCA Class 2');
  await expect(links.nth(2)).toContainText('이 인증서');
  await expect(links.nth(2)).toContainText('서명 확인됨');
  await expect(chain.getByTestId('chain-summary')).toHaveText(
    '믿을 수 있는 최상위 인증기관까지 모든 서명과 유효 기간을 확인했습니다.',
  );
  // Drawn from the one verification the screen asks for (its path and its status).
  expect(await callsOf(page, 'verify_certificate')).toEqual([{ id: HONG_ID, refresh: false }]);
  expect(await callsOf(page, 'certificate_chain')).toEqual([]);
  await expectAccessible(page);

  await page.getByTestId('back').click();
  await openDetails(page, '김철수');
  await expect(chain.getByTestId('chain-link')).toHaveCount(1);
  await expect(chain.getByTestId('chain-link')).toContainText('서명 확인 안 됨');
  await expect(chain.getByTestId('chain-missing')).toContainText('signGATE CA5');
  await expect(chain.getByTestId('chain-summary')).toContainText('발급 기관 인증서를 찾을 수 없습니다.');
  await expectAccessible(page);

  await page.getByRole('radio', { name: 'English' }).click();
  await expect(chain.getByTestId('chain-summary')).toContainText('The issuing CA’s certificate cannot be found');
});

test('a chain that cannot be read says so without hiding the rest', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken', {
    failures: { verify_certificate: [{ code: 'certificate-not-found', params: { id: HONG_ID } }] },
  });
  await openDetails(page, '홍길동');
  await expect(page.getByTestId('chain-error')).toContainText('인증 경로를 확인하지 못했습니다.');
  await expect(page.getByTestId('technical-section')).toBeVisible();
});
