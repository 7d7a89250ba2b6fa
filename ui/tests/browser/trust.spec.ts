import type { Page } from '@playwright/test';

import type { VerifyCase } from '../../test/fixtures';
import {
  callsOf,
  card,
  expect,
  expectAccessible,
  failWith,
  HONG_ID,
  openDetails,
  openScenario,
  test,
} from './support';

const KIM_ID = 'beef0000'.repeat(8);
const CORPORATE_ID = 'c0ffee00'.repeat(8);

/** Has the mocked backend say these paths and statuses, by certificate ID (set before the page loads). */
async function answering(page: Page, cases: Record<string, VerifyCase>, delayMs = 0): Promise<void> {
  await page.addInitScript(
    ({ cases, delayMs }) => {
      window.__DOJANG_VERIFY__ = cases;
      window.__DOJANG_VERIFY_DELAY_MS__ = delayMs;
    },
    { cases, delayMs },
  );
}

/** Makes the status answers take this long from now on. */
async function slowChecks(page: Page, delayMs: number): Promise<void> {
  await page.evaluate((delay) => {
    window.__DOJANG_VERIFY_DELAY_MS__ = delay;
  }, delayMs);
}

test('a good path to KISA RootCA 4, its saved OCSP answer, then asked now', async ({ page }) => {
  await answering(page, {}, 800);
  await openScenario(page, 'three-certs-one-broken');
  await openDetails(page, '홍길동');

  // The screen does not wait for the CA: everything else is there while the section checks.
  const trust = page.getByTestId('trust-section');
  await expect(trust.getByRole('heading', { level: 3, name: '지금 믿을 수 있는 인증서인가요' })).toBeVisible();
  await expect(trust.getByTestId('trust-status')).toHaveAttribute('data-verdict', 'checking');
  await expect(trust.getByRole('status')).toHaveText('확인 중입니다…');
  await expect(page.getByTestId('technical-section')).toBeVisible();
  await expect(page.getByTestId('chain-section')).toContainText('인증 경로를 확인하고 있습니다…');

  const status = trust.getByTestId('trust-status');
  await expect(status).toHaveAttribute('data-verdict', 'good');
  await expect(status.getByTestId('trust-verdict')).toHaveText('유효');
  await expect(status.getByTestId('trust-detail')).toHaveText(
    '믿을 수 있는 최상위 인증기관까지 인증 경로를 확인했고, 인증기관이 폐지되지 않았다고 답했습니다.',
  );
  await expect(status.getByTestId('trust-checked')).toHaveText('OCSP로 확인했습니다. 저장해 둔 2025년 11월 25일 12:00의 답입니다.');
  await expect(trust.getByTestId('trust-facts')).toContainText('http://ocsp.yessign.org:4612/');
  expect(await callsOf(page, 'verify_certificate')).toEqual([{ id: HONG_ID, refresh: false }]);

  // The path from the root down, each link in words.
  const chain = page.getByTestId('chain-section');
  const links = chain.getByTestId('chain-link');
  await expect(links).toHaveCount(3);
  await expect(links.nth(0)).toContainText('최상위 인증기관 (루트)');
  await expect(links.nth(0)).toContainText('KISA RootCA 4');
  await expect(links.nth(0).getByTestId('chain-trust')).toHaveText('이 프로그램이 믿도록 정해 둔 최상위 인증기관');
  await expect(links.nth(0).getByTestId('chain-validity')).toHaveText('유효 기간: 2016년 7월 7일 ~ 2036년 7월 6일');
  await expect(links.nth(0).getByTestId('chain-source')).toHaveText('가져온 곳: 이 프로그램을 배포한 곳이 정해 둔 인증서');
  await expect(links.nth(1)).toContainText('발급 기관');
  await expect(links.nth(1)).toContainText('yessignCA Class 2');
  await expect(links.nth(1).getByTestId('chain-source')).toHaveText('가져온 곳: 이 프로그램에 들어 있는 인증서');
  await expect(links.nth(1).getByTestId('chain-status')).toHaveText('폐지 여부: 폐지되지 않음');
  await expect(links.nth(2)).toContainText('이 인증서');
  await expect(links.nth(2).getByTestId('chain-signature')).toHaveText('서명 확인됨');
  await expect(links.nth(2).getByTestId('chain-time')).toHaveText('유효 기간 안');
  await expect(chain.getByTestId('chain-problem')).toHaveCount(0);
  await expect(chain.getByTestId('chain-summary')).toHaveText(
    '믿을 수 있는 최상위 인증기관까지 모든 서명과 유효 기간을 확인했습니다.',
  );
  await expectAccessible(page);

  // "지금 확인", from the keyboard: pending while the CA is asked, then the answer of now.
  const checkNow = trust.getByTestId('check-now');
  await checkNow.focus();
  await page.keyboard.press('Enter');
  await expect(checkNow).toHaveText('확인하는 중…');
  await expect(status.getByTestId('trust-checked')).toHaveText('2025년 11월 25일 14:03에 OCSP로 확인했습니다.');
  await expect(checkNow).toHaveText('지금 확인');
  await expect(checkNow).toBeFocused();
  await expect(page.getByTestId('announcer')).toHaveText(
    '유효. 믿을 수 있는 최상위 인증기관까지 인증 경로를 확인했고, 인증기관이 폐지되지 않았다고 답했습니다.',
  );
  expect(await callsOf(page, 'verify_certificate')).toEqual([
    { id: HONG_ID, refresh: false },
    { id: HONG_ID, refresh: true },
  ]);
});

test('a certificate its CA revoked says so after "check now": when and why, in the banner too', async ({ page }) => {
  await answering(page, { [HONG_ID]: { fresh: 'revoked-ocsp' } });
  await openScenario(page, 'three-certs-one-broken');
  await openDetails(page, '홍길동');
  const status = page.getByTestId('trust-status');
  await expect(status).toHaveAttribute('data-verdict', 'good');
  await expect(page.getByTestId('status-banner')).toHaveAttribute('data-status', 'valid');

  await slowChecks(page, 600);
  const checkNow = page.getByTestId('check-now');
  await checkNow.click();
  await expect(checkNow).toHaveText('확인하는 중…');
  // The earlier answer stays on screen until the new one comes.
  await expect(status.getByTestId('trust-verdict')).toHaveText('유효');

  await expect(status).toHaveAttribute('data-verdict', 'revoked');
  await expect(status.getByTestId('trust-verdict')).toHaveText('폐지됨');
  await expect(status.getByTestId('trust-detail')).toHaveText(
    '2025년 11월 20일 10:30에 폐지된 인증서입니다. 까닭: 인증서나 암호가 남에게 알려졌을 수 있음.',
  );
  await expect(status.getByTestId('trust-checked')).toHaveText('2025년 11월 25일 14:03에 OCSP로 확인했습니다.');
  const banner = page.getByTestId('status-banner');
  await expect(banner).toHaveAttribute('data-status', 'revoked');
  await expect(banner).toContainText('폐지된 인증서입니다');
  await expect(banner).toContainText('인증기관이 폐지된 인증서라고 답했습니다.');
  await expect(page.getByTestId('chain-link').nth(2).getByTestId('chain-status')).toHaveText('폐지 여부: 폐지됨');
  await expect(page.getByTestId('announcer')).toContainText('폐지됨. 2025년 11월 20일 10:30에 폐지된 인증서입니다.');
  // Its CA says it is revoked: renewing or revoking it again cannot work, so only the reissue is offered, and why.
  await expect(page.getByTestId('open-renew')).toHaveCount(0);
  await expect(page.getByTestId('open-revoke')).toHaveCount(0);
  await expect(page.getByTestId('open-reissue')).toBeVisible();
  await expect(page.getByTestId('revoked-only-reissue')).toHaveText(
    '인증기관이 폐지되었다고 답한 인증서는 갱신하거나 폐지할 수 없습니다. 새 인증서는 ‘재발급’으로 받으세요.',
  );
  await expectAccessible(page);
});

test('a certificate whose saved answer says revoked opens revoked, offering only the reissue', async ({ page }) => {
  await answering(page, { [HONG_ID]: { saved: 'revoked-ocsp' } });
  await openScenario(page, 'three-certs-one-broken');
  await openDetails(page, '홍길동');
  const banner = page.getByTestId('status-banner');
  await expect(banner).toHaveAttribute('data-status', 'revoked');
  await expect(banner).toContainText('폐지된 인증서입니다');
  await expect(page.getByTestId('trust-status')).toHaveAttribute('data-verdict', 'revoked');
  await expect(page.getByTestId('open-reissue')).toBeVisible();
  await expect(page.getByTestId('open-renew')).toHaveCount(0);
  await expect(page.getByTestId('open-revoke')).toHaveCount(0);
  await expect(page.getByTestId('revoked-only-reissue')).toBeVisible();
  // What this computer can still do with it stays: a backup, a new password, deleting it.
  await expect(page.getByTestId('open-export')).toBeVisible();
  await expect(page.getByTestId('open-delete')).toBeVisible();
});

test('a status that cannot be had says why, and when the certificate was last known good', async ({ page }) => {
  await answering(page, { [HONG_ID]: { saved: 'unknown-offline', fresh: 'unknown-responder' } });
  await openScenario(page, 'three-certs-one-broken');
  await openDetails(page, '홍길동');
  const trust = page.getByTestId('trust-section');
  const status = trust.getByTestId('trust-status');
  await expect(status).toHaveAttribute('data-verdict', 'unknown');
  await expect(status.getByTestId('trust-verdict')).toHaveText('확인 불가');
  await expect(status.getByTestId('trust-detail')).toHaveText(
    '지금은 폐지되었는지 확인할 수 없습니다. 인터넷에 연결하지 않고 저장해 둔 답만 보았는데, 쓸 수 있는 답이 없었습니다.',
  );
  await expect(status.getByTestId('trust-checked')).toHaveText('2025년 11월 25일 14:03에 확인해 보았습니다.');
  await expect(status.getByTestId('trust-last-good')).toHaveText(
    '2025년 11월 24일 12:00에는 폐지되지 않았다는 답을 받았습니다.',
  );
  // Never "valid" while nobody could say: the verdict, the path's end and the banner keep to what is known.
  await expect(status).not.toContainText('유효');
  // The banner says the same: in date, but nobody could say whether it was revoked; never "사용할 수 있는".
  const banner = page.getByTestId('status-banner');
  await expect(banner).toHaveAttribute('data-status', 'unknown');
  await expect(banner).toContainText('폐지되었는지 확인하지 못한 인증서입니다');
  await expect(banner).toContainText(
    '유효 기간(2027년 1월 12일까지, 412일 남음) 안에 있지만, 인증기관에 폐지되었는지 확인하지 못했습니다.',
  );
  await expect(banner).not.toContainText('사용할 수 있는');
  // Renewal and revocation still work with a status nobody could give.
  await expect(page.getByTestId('open-renew')).toBeVisible();
  await expect(page.getByTestId('open-revoke')).toBeVisible();
  await expectAccessible(page);

  await trust.getByTestId('check-now').click();
  await expect(status.getByTestId('trust-detail')).toHaveText(
    '지금은 폐지되었는지 확인할 수 없습니다. 상태 확인 서버가 답하지 않았습니다 (tryLater).',
  );
  await expect(status.getByTestId('trust-last-good')).toHaveCount(0);
  const problems = trust.getByTestId('trust-problems');
  await expect(problems.getByRole('heading', { level: 4 })).toHaveText('확인하지 못한 까닭');
  const items = problems.getByTestId('trust-problem');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toContainText('상태 확인 서버가 답하지 않았습니다 (tryLater).');
  await expect(items.nth(0)).toContainText('http://ocsp.yessign.org:4612/');
  await expect(items.nth(1)).toContainText('인증기관의 서버에 연결하지 못했습니다. 인터넷 연결을 확인해 보세요.');
  await expect(items.nth(1)).toContainText('connection refused (os error 111)');
  await expectAccessible(page);
});

test('a broken path names its problem at the link it concerns, and a missing issuer as a gap', async ({ page }) => {
  await answering(page, { [HONG_ID]: { path: 'bad-signature-at-ca' } });
  await openScenario(page, 'three-certs-one-broken');
  await openDetails(page, '홍길동');
  const status = page.getByTestId('trust-status');
  await expect(status).toHaveAttribute('data-verdict', 'path-broken');
  await expect(status.getByTestId('trust-verdict')).toHaveText('경로 오류');
  await expect(status.getByTestId('trust-detail')).toHaveText(
    '인증 경로의 ‘yessignCA Class 2’ 단계에 문제가 있습니다. 서명이 발급한 인증기관의 키로 확인되지 않습니다.',
  );
  const links = page.getByTestId('chain-link');
  await expect(links).toHaveCount(3);
  await expect(links.nth(1)).toHaveAttribute('data-problem', 'bad-signature');
  await expect(links.nth(1).getByTestId('chain-problem')).toHaveText(
    '문제: 서명이 발급한 인증기관의 키로 확인되지 않습니다.',
  );
  await expect(links.nth(1).getByTestId('chain-signature')).toHaveText('서명 확인 안 됨');
  await expect(page.getByTestId('chain-problem')).toHaveCount(1);
  await expect(page.getByTestId('chain-summary')).toHaveText(
    '인증 경로에 문제가 있습니다. 문제가 있는 단계에 까닭을 적어 두었습니다.',
  );
  // The banner names the same problem: a warning, never "사용할 수 있는 인증서입니다" above a signature not checked.
  const banner = page.getByTestId('status-banner');
  await expect(banner).toHaveAttribute('data-status', 'path-broken');
  await expect(banner).toContainText('인증 경로에 문제가 있는 인증서입니다');
  await expect(banner).toContainText(
    '인증 경로의 ‘yessignCA Class 2’ 단계에 문제가 있습니다. 서명이 발급한 인증기관의 키로 확인되지 않습니다. 유효 기간은 2027년 1월 12일까지이지만(412일 남음)',
  );
  await expect(banner).not.toContainText('사용할 수 있는');
  await expectAccessible(page);

  // Kim's CA is nowhere to be found: drawn as a gap above the certificate, which carries the problem.
  await page.getByTestId('back').click();
  await openDetails(page, '김철수');
  await expect(status).toHaveAttribute('data-verdict', 'path-broken');
  await expect(status.getByTestId('trust-detail')).toHaveText(
    '인증 경로의 ‘이 인증서’ 단계에 문제가 있습니다. 이 인증서를 발급한 인증기관의 인증서를 찾을 수 없습니다.',
  );
  const missing = page.getByTestId('chain-missing');
  await expect(missing).toContainText('발급 기관 (찾을 수 없음)');
  await expect(missing).toContainText('signGATE CA5');
  await expect(links).toHaveCount(1);
  await expect(links.nth(0).getByTestId('chain-problem')).toContainText('이 인증서를 발급한 인증기관의 인증서를 찾을 수 없습니다.');
  await expect(page.getByTestId('chain-summary')).toContainText('발급 기관 인증서를 찾을 수 없습니다.');
  // Expiring soon, and its path broken: the banner warns of the path, the days left beside it.
  await expect(banner).toHaveAttribute('data-status', 'path-broken');
  await expect(banner).toContainText(
    '인증 경로의 ‘이 인증서’ 단계에 문제가 있습니다. 이 인증서를 발급한 인증기관의 인증서를 찾을 수 없습니다. 유효 기간은 2025년 12월 7일까지이지만(12일 남음)',
  );
  expect(await callsOf(page, 'verify_certificate')).toEqual([
    { id: HONG_ID, refresh: false },
    { id: KIM_ID, refresh: false },
  ]);

  await page.getByRole('radio', { name: 'English' }).click();
  await expect(banner).toContainText('This certificate’s certification path has a problem');
  await expect(banner).toContainText('It is in date until December 7, 2025 (12 days left), but banks and other sites may not accept it.');
  await expectAccessible(page);
});

test('an expired CA and a root nobody trusts are said at their links', async ({ page }) => {
  await answering(page, { [HONG_ID]: { path: 'expired-ca' } });
  await openScenario(page, 'three-certs-one-broken');
  await openDetails(page, '홍길동');
  const links = page.getByTestId('chain-link');
  await expect(links.nth(1).getByTestId('chain-time')).toHaveText('만료됨');
  await expect(links.nth(1).getByTestId('chain-time')).toHaveAttribute('data-state', 'no');
  await expect(links.nth(1).getByTestId('chain-problem')).toHaveText('문제: 유효 기간이 끝났습니다.');
  await expect(page.getByTestId('trust-detail')).toHaveText(
    '인증 경로의 ‘yessignCA Class 2’ 단계에 문제가 있습니다. 유효 기간이 끝났습니다.',
  );

  await page.evaluate(() => {
    window.__DOJANG_VERIFY__ = { ['abcdef01'.repeat(8)]: { path: 'untrusted-root' } };
  });
  await page.getByTestId('check-now').click();
  await expect(links.nth(0)).toContainText('KISA Test RootCA 7');
  await expect(links.nth(0).getByTestId('chain-trust')).toHaveText('이 프로그램이 믿지 않는 최상위 인증기관');
  await expect(links.nth(0).getByTestId('chain-source')).toHaveText('가져온 곳: NPKI 폴더의 CaPubs 파일');
  await expect(links.nth(0).getByTestId('chain-problem')).toHaveText('문제: 이 프로그램이 믿는 최상위 인증기관이 아닙니다.');
  await expect(links.nth(1).getByTestId('chain-problem')).toHaveCount(0);
});

test('a check that fails says so in the catalog’s words, and keeps the earlier answer', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken', {
    failures: { verify_certificate: [{ code: 'certificate-not-found', params: { id: HONG_ID } }] },
  });
  await openDetails(page, '홍길동');
  const trust = page.getByTestId('trust-section');
  await expect(trust.getByTestId('trust-status')).toHaveAttribute('data-verdict', 'error');
  await expect(trust.getByTestId('trust-error')).toContainText('확인하지 못했습니다');
  await expect(trust.getByTestId('trust-error')).toContainText('인증서를 찾을 수 없습니다. 그사이 지워졌거나 USB 메모리가 빠졌을 수 있습니다.');
  await expect(page.getByTestId('chain-error')).toContainText('인증 경로를 확인하지 못했습니다.');
  await expect(page.getByTestId('technical-section')).toBeVisible();

  // Asked again, it answers; a later check that fails leaves that answer on screen.
  await trust.getByTestId('check-now').click();
  await expect(trust.getByTestId('trust-status')).toHaveAttribute('data-verdict', 'good');
  await expect(trust.getByTestId('trust-error')).toHaveCount(0);
  await failWith(page, 'verify_certificate', { code: 'internal', params: { detail: 'status cache unreadable' } });
  await trust.getByTestId('check-now').click();
  const error = trust.getByTestId('trust-error');
  await expect(error).toContainText('지금 확인하지 못했습니다. 아래는 앞서 확인한 결과입니다.');
  await expect(error).toContainText('프로그램 안에서 예상하지 못한 문제가 생겼습니다.');
  await expect(error).toContainText('status cache unreadable');
  await expect(trust.getByTestId('trust-status')).toHaveAttribute('data-verdict', 'good');
  await expectAccessible(page);
});

test('a CA certificate is labelled as one, with the notice its CA wrote and its CPS', async ({ page }) => {
  await page.addInitScript(() => {
    window.__DOJANG_OPEN_REQUESTS__ = [{ kind: 'show-file', path: '/home/hong/yessignCA Class 2.cer' }];
  });
  await openScenario(page, 'three-certs-one-broken');
  const shown = page.getByTestId('file-details');
  await expect(shown.getByTestId('details-owner')).toHaveText('yessignCA Class 2.cer');
  await expect(shown.getByTestId('details-purpose')).toHaveText('인증기관 인증서');
  await shown.getByTestId('technical-toggle').click();
  await expect(shown.getByTestId('is-ca')).toHaveText('예');
  const policy = shown.getByTestId('policy');
  await expect(policy).toContainText('모든 정책 (anyPolicy)');
  await expect(policy).toContainText('2.5.29.32.0');
  await expect(policy).toContainText('인증기관의 안내문');
  const notice = policy.getByTestId('policy-notice');
  await expect(notice).toHaveText('이 인증서는 공인인증기관이 발급한 인증서입니다(This certificate was issued by a licensed CA)');
  await expect(notice).toHaveAttribute('lang', 'ko');
  await expect(policy.getByTestId('policy-cps')).toHaveText('http://www.rootca.or.kr/rca/cps.html');
  await expect(shown).not.toContainText('용도 미확인');
  await expectAccessible(page);

  await page.getByRole('radio', { name: 'English' }).click();
  await expect(shown.getByTestId('details-purpose')).toHaveText("A CA's certificate");
  await expect(policy).toContainText('Any policy (anyPolicy)');
  await expect(policy).toContainText('The CA’s notice');
  // The CA's words are its own: not translated, still read as Korean.
  await expect(notice).toHaveText('이 인증서는 공인인증기관이 발급한 인증서입니다(This certificate was issued by a licensed CA)');
  await expect(notice).toHaveAttribute('lang', 'ko');
  await policy.getByRole('button', { name: 'Copy Certification practice statement' }).click();
  expect(await page.evaluate(() => window.__DOJANG_CLIPBOARD__)).toEqual(['http://www.rootca.or.kr/rca/cps.html']);
});

/** The verdict badges a card shows, with their words: one per card. */
function verdictsOf(page: Page, owner: string) {
  return card(page, owner).locator('.badge');
}

test('each card gives one verdict, the one its details give: checking first, then what the check found', async ({
  page,
}) => {
  await answering(page, {}, 800);
  await openScenario(page, 'three-certs-one-broken');
  await expect(page.getByTestId('certificate-row')).toHaveCount(3);
  // The cards are there before any answer, saying that they are being checked, never "usable" yet.
  const hong = card(page, '홍길동');
  await expect(hong).toHaveAttribute('data-status', 'checking');
  await expect(verdictsOf(page, '홍길동')).toHaveText(['확인 중…']);
  await expect(card(page, '김철수')).toHaveAttribute('data-status', 'checking');
  // What the dates alone settle is said at once.
  await expect(verdictsOf(page, '(주)도장 테스트')).toHaveText(['만료됨 (45일 지남)']);
  await expectAccessible(page);

  await expect(hong).toHaveAttribute('data-status', 'valid');
  await expect(verdictsOf(page, '홍길동')).toHaveText(['사용 가능']);
  await expect(hong).toHaveAttribute('data-verdict', 'good');
  // Kim's path is broken: that alone, never "곧 만료" beside it; the days left stay by the date.
  const kim = card(page, '김철수');
  await expect(kim).toHaveAttribute('data-status', 'path-broken');
  await expect(verdictsOf(page, '김철수')).toHaveText(['인증 경로 문제']);
  await expect(kim.getByTestId('remaining')).toHaveText('12일 남음');
  await expect(card(page, '(주)도장 테스트')).toHaveAttribute('data-verdict', 'path-broken');
  await expect(verdictsOf(page, '(주)도장 테스트')).toHaveText(['만료됨 (45일 지남)']);
  expect(await callsOf(page, 'verify_certificates')).toEqual([{ ids: [CORPORATE_ID, KIM_ID, HONG_ID] }]);
  await expectAccessible(page);

  // The details give the same verdict as the card.
  await openDetails(page, '김철수');
  await expect(page.getByTestId('status-banner')).toHaveAttribute('data-status', 'path-broken');
  await page.getByTestId('back').click();
  await openDetails(page, '홍길동');
  await expect(page.getByTestId('status-banner')).toHaveAttribute('data-status', 'valid');
  // Back from the details, the same list is not asked again.
  await page.getByTestId('back').click();
  await expect(verdictsOf(page, '홍길동')).toHaveText(['사용 가능']);
  expect(await callsOf(page, 'verify_certificates')).toHaveLength(1);

  // A refresh reads the list again and asks again: the answers had stay meanwhile, and now
  // Hong's CA says it is revoked.
  await page.evaluate(() => {
    window.__DOJANG_VERIFY__ = { ['abcdef01'.repeat(8)]: { saved: 'revoked-ocsp' } };
  });
  await page.getByTestId('refresh').click();
  await expect(hong).toHaveAttribute('data-status', 'revoked');
  await expect(verdictsOf(page, '홍길동')).toHaveText(['폐지됨']);
  expect(await callsOf(page, 'verify_certificates')).toHaveLength(2);
});

test('a certificate expiring soon whose check is good says so; one whose status cannot be had says that alone', async ({
  page,
}) => {
  await answering(page, { [KIM_ID]: { path: 'complete' }, [HONG_ID]: { saved: 'unknown-offline' } });
  await openScenario(page, 'three-certs-one-broken');
  await expect(verdictsOf(page, '김철수')).toHaveText(['곧 만료']);
  await expect(card(page, '김철수')).toHaveAttribute('data-status', 'expiring-soon');
  await expect(verdictsOf(page, '홍길동')).toHaveText(['상태 확인 불가']);
  await expect(card(page, '홍길동')).toHaveAttribute('data-status', 'unknown');
  await openDetails(page, '홍길동');
  await expect(page.getByTestId('status-banner')).toHaveAttribute('data-status', 'unknown');
});

test('a background check that fails says on each card that its status could not be checked, and nothing more', async ({
  page,
}) => {
  await openScenario(page, 'three-certs-one-broken', {
    failures: { verify_certificates: [{ code: 'internal', params: { detail: 'status cache unreadable' } }] },
  });
  await expect(page.getByTestId('certificate-row')).toHaveCount(3);
  await expect.poll(() => callsOf(page, 'verify_certificates')).toHaveLength(1);
  await expect(verdictsOf(page, '홍길동')).toHaveText(['상태 확인 불가']);
  await expect(verdictsOf(page, '김철수')).toHaveText(['상태 확인 불가']);
  await expect(verdictsOf(page, '(주)도장 테스트')).toHaveText(['만료됨 (45일 지남)']);
  await expect(page.getByTestId('load-error')).toHaveCount(0);
  await expect(page.getByTestId('app-notice')).toHaveCount(0);
  await expect(page.getByText('프로그램 안에서 예상하지 못한 문제가 생겼습니다.')).toHaveCount(0);

  // Asked again, it answers.
  await page.getByTestId('refresh').click();
  await expect(verdictsOf(page, '홍길동')).toHaveText(['사용 가능']);
  await expect(verdictsOf(page, '김철수')).toHaveText(['인증 경로 문제']);
});

test('in English: the verdict, the source and time, the path and the cards', async ({ page }) => {
  await answering(page, { [HONG_ID]: { fresh: 'good-crl-after-ocsp' } });
  await openScenario(page, 'three-certs-one-broken', { lang: 'en' });
  await expect(verdictsOf(page, '홍길동')).toHaveText(['Valid']);
  await expect(verdictsOf(page, '김철수')).toHaveText(['Path problem']);
  await openDetails(page, '홍길동');
  const trust = page.getByTestId('trust-section');
  await expect(trust.getByRole('heading', { level: 3 })).toHaveText('Can it be trusted now?');
  await expect(trust.getByTestId('trust-verdict')).toHaveText('Valid');
  await expect(trust.getByTestId('trust-detail')).toHaveText(
    'Its certification path leads to a trusted top-level CA, and its CA says it has not been revoked.',
  );
  await expect(trust.getByTestId('trust-checked')).toHaveText('Checked with OCSP: a saved answer from November 25, 2025 at 12:00.');
  const links = page.getByTestId('chain-link');
  await expect(links.nth(0).getByTestId('chain-trust')).toHaveText('A top-level CA this program is set to trust');
  await expect(links.nth(1).getByTestId('chain-status')).toHaveText('Revocation: not revoked');
  await expect(links.nth(2).getByTestId('chain-signature')).toHaveText('signature checked');
  await expect(page.getByTestId('chain-summary')).toHaveText(
    'Every signature and validity period up to a trusted top-level CA was checked.',
  );

  // Asked now, the OCSP responder says "try later" and the CRL answers: both are said.
  await trust.getByRole('button', { name: 'Check now' }).click();
  await expect(trust.getByTestId('trust-checked')).toHaveText(
    'Checked with the revocation list (CRL) on November 25, 2025 at 14:03.',
  );
  await expect(trust.getByTestId('trust-problems').getByRole('heading')).toHaveText(
    'No answer came from the places asked first',
  );
  await expect(trust.getByTestId('trust-problem')).toContainText('The status server did not answer (tryLater).');
  await expect(trust.getByTestId('trust-verdict')).toHaveText('Valid');
});

test('the trust section and the verdicts on the cards have no serious accessibility problem in dark mode, and fit 640px', async ({
  page,
}) => {
  await answering(page, { [HONG_ID]: { saved: 'unknown-responder', fresh: 'revoked-ocsp' } });
  await page.emulateMedia({ colorScheme: 'dark' });
  await openScenario(page, 'three-certs-one-broken');
  await expect(verdictsOf(page, '홍길동')).toHaveText(['상태 확인 불가']);
  await expect(verdictsOf(page, '김철수')).toHaveText(['인증 경로 문제']);
  await expectAccessible(page);

  await openDetails(page, '홍길동');
  await expect(page.getByTestId('trust-problems')).toBeVisible();
  await expectAccessible(page);
  await page.getByTestId('check-now').click();
  await expect(page.getByTestId('trust-status')).toHaveAttribute('data-verdict', 'revoked');
  await expectAccessible(page);
  // The list says what the check found: revoked, and nothing beside it.
  await page.getByTestId('back').click();
  await expect(card(page, '홍길동')).toHaveAttribute('data-status', 'revoked');
  await expect(verdictsOf(page, '홍길동')).toHaveText(['폐지됨']);
  await openDetails(page, '김철수');
  await expect(page.getByTestId('chain-missing')).toBeVisible();
  await expectAccessible(page);

  await page.setViewportSize({ width: 640, height: 900 });
  await expect(page.getByTestId('check-now')).toBeVisible();
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(await overflow()).toBeLessThanOrEqual(0);
  await page.getByTestId('back').click();
  await expect(page.locator('.certificate .badge')).toHaveCount(3);
  expect(await overflow()).toBeLessThanOrEqual(0);
  await expectAccessible(page);
});

/** Notes each state the details banner shows, in order, from now on (`statusesShown` reads them). */
async function watchBanner(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __BANNER__: string[] }).__BANNER__ = seen;
    const note = () => {
      const status = document.querySelector('[data-testid="status-banner"]')?.getAttribute('data-status');
      if (status != null && seen.at(-1) !== status) seen.push(status);
    };
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true });
    note();
  });
}

function statusesShown(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __BANNER__: string[] }).__BANNER__);
}

test('while the trust check is under way the banner says so, never “usable”, then gives the verdict aloud', async ({
  page,
}) => {
  await answering(page, {}, 1500);
  await openScenario(page, 'three-certs-one-broken');
  await expect(page.getByTestId('certificate-row')).toHaveCount(3);
  await watchBanner(page);

  // Hong's certificate is good: checking first, in neutral words and colours, then usable.
  await card(page, '홍길동').click();
  const banner = page.getByTestId('status-banner');
  await expect(banner).toHaveAttribute('data-status', 'checking');
  await expect(banner).toContainText('인증서 상태를 확인하고 있습니다');
  await expect(banner).toContainText('유효 기간: 2027년 1월 12일까지 (412일 남음)');
  await expect(banner).not.toContainText('사용할 수 있는');
  await expect(page.getByTestId('trust-status')).toHaveAttribute('data-verdict', 'checking');
  await expectAccessible(page);
  await expect(banner).toHaveAttribute('data-status', 'valid', { timeout: 10_000 });
  await expect(banner).toContainText('사용할 수 있는 인증서입니다');
  await expect(page.getByTestId('announcer')).toHaveText('사용할 수 있는 인증서입니다');
  expect(await statusesShown(page)).toEqual(['checking', 'valid']);

  // Kim's path is broken: from "checking" straight to the warning, never "expires soon" on the way.
  await page.getByTestId('back').click();
  await watchBanner(page);
  await card(page, '김철수').click();
  await expect(banner).toHaveAttribute('data-status', 'checking');
  await expect(banner).toHaveAttribute('data-status', 'path-broken', { timeout: 10_000 });
  await expect(page.getByTestId('announcer')).toHaveText('인증 경로에 문제가 있는 인증서입니다');
  expect(await statusesShown(page)).toEqual(['checking', 'path-broken']);

  // An expired certificate is said at once: no answer changes that.
  await page.getByTestId('back').click();
  await watchBanner(page);
  await card(page, '(주)도장 테스트').click();
  await expect(page.getByTestId('trust-status')).toHaveAttribute('data-verdict', 'checking');
  await expect(banner).toHaveAttribute('data-status', 'expired');
  await expect(page.getByTestId('trust-status')).not.toHaveAttribute('data-verdict', 'checking', { timeout: 10_000 });
  expect(await statusesShown(page)).toEqual(['expired']);

  // "Check now" keeps the verdict on screen while it asks again.
  await page.getByTestId('back').click();
  await card(page, '홍길동').click();
  await expect(banner).toHaveAttribute('data-status', 'valid', { timeout: 10_000 });
  await watchBanner(page);
  await page.getByTestId('check-now').click();
  await expect(page.getByTestId('check-now')).toContainText('확인하는 중…');
  await expect(page.getByTestId('check-now')).toContainText('지금 확인', { timeout: 10_000 });
  expect(await statusesShown(page)).toEqual(['valid']);
});

test('in English the banner says it is checking in plain words', async ({ page }) => {
  await answering(page, {}, 1500);
  await openScenario(page, 'three-certs-one-broken', { lang: 'en' });
  await card(page, '홍길동').click();
  const banner = page.getByTestId('status-banner');
  await expect(banner).toHaveAttribute('data-status', 'checking');
  await expect(banner).toContainText('Checking this certificate');
  await expect(banner).toContainText(
    'In date until January 12, 2027 (412 days left)',
  );
  await expect(banner).not.toContainText('can be used');
  await expect(banner).toHaveAttribute('data-status', 'valid', { timeout: 10_000 });
  await expect(banner).toContainText('This certificate can be used');
});

for (const size of [
  { width: 1040, height: 720 },
  { width: 800, height: 600 },
]) {
  test(`the banner keeps its room while the check runs, so what is under it stays put when the verdict comes (${size.width}×${size.height})`, async ({
    page,
  }) => {
    await page.setViewportSize(size);
    await answering(page, {}, 3000);
    await openScenario(page, 'three-certs-one-broken');
    await openDetails(page, '홍길동');
    const banner = page.getByTestId('status-banner');
    // The buttons right under it.
    const below = page.getByTestId('open-change-password');
    await expect(banner).toHaveAttribute('data-status', 'checking');
    const checking = await banner.boundingBox();
    const before = await below.boundingBox();
    await expect(banner).toHaveAttribute('data-status', 'valid');
    expect((await banner.boundingBox())?.height).toBe(checking?.height);
    expect(await below.boundingBox()).toEqual(before);
    // The room is drawn unseen: nobody reads it twice.
    await expect(banner.locator('.banner__room')).toHaveCount(0);
  });
}
