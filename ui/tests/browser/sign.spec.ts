/**
 * Signing for a site: a bank's page opens a `dojang://sign?` link, the window
 * shows who asks, what, and with which certificate, and signs only with the
 * person's consent and password. The harness's sites record what reached
 * them (`__DOJANG_SIGN_POSTED__`), so each test says what was sent: one
 * signature, a cancellation, or nothing at all.
 */
import type { Locator, Page } from '@playwright/test';

import {
  BANK_NAME,
  BANK_ORIGIN,
  bankLogin,
  bankTransfer,
  signLinkTo,
  type PostedAnswer,
  type SiteRequest,
} from '../../test/fixtures';
import {
  callsOf,
  commandsCarrying,
  expect,
  expectAccessible,
  expectNoSidewaysScroll,
  expectReachable,
  expectStill,
  failWith,
  HONG_ID,
  HONG_ON_DISK,
  onPage,
  openDetails,
  openScenario,
  SAMPLE_PASSWORD,
  test,
  WORDS,
} from './support';

const BANK_LINK = signLinkTo(`${BANK_ORIGIN}/rp/request/8f1c2e`);
const UNKNOWN_ORIGIN = 'https://dojang-bank.example.co.kr:8443';
const UNKNOWN_LINK = signLinkTo(`${UNKNOWN_ORIGIN}/rp/request/77aa`);

/** The request the next link names. */
async function siteAsks(page: Page, request: SiteRequest): Promise<void> {
  await page.evaluate((asked) => {
    window.__DOJANG_SIGN__ = asked;
  }, request);
}

/** A site's page opens a signing link while the app runs: the OS hands it to the window. */
async function linkOpened(page: Page, link: string = BANK_LINK): Promise<void> {
  await page.evaluate((opened) => {
    window.__DOJANG_OPEN_REQUESTS__ = [{ kind: 'sign', link: opened }];
    return window.__DOJANG_EMIT__?.('open-requests', null);
  }, link);
}

/** What the sites received, in order. */
function posted(page: Page): Promise<PostedAnswer[]> {
  return page.evaluate(() => window.__DOJANG_SIGN_POSTED__ ?? []);
}

/**
 * A control the person reaches by scrolling the page: brought to the middle of the window (as a
 * person scrolls to it, never left a fraction of a pixel past an edge), then wholly in view and
 * not covered.
 */
async function expectReachableOnPage(locator: Locator): Promise<void> {
  await locator.evaluate((element) => element.scrollIntoView({ block: 'center' }));
  await expectReachable(locator);
}

/** Opens the list, then a site's request, and waits for the consent. */
async function consentFor(page: Page, request: SiteRequest = bankLogin, link: string = BANK_LINK): Promise<void> {
  await expect(page.getByTestId('certificate-row')).toHaveCount(3);
  await siteAsks(page, request);
  await linkOpened(page, link);
  await expect(page.getByTestId('sign-screen')).toHaveAttribute('data-state', 'consent');
}

test('a listed bank’s login: who asks, what, with which certificate; signed with the one chosen, once', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken');
  await consentFor(page);
  const screen = page.getByTestId('sign-screen');

  // Who asks, first: the name the distribution gives it, its origin beneath, and the focus there.
  const site = page.getByTestId('sign-site');
  await expect(site.getByRole('heading', { level: 2 })).toHaveText(BANK_NAME);
  await expect(site.getByRole('heading', { level: 2 })).toBeFocused();
  await expect(page.getByTestId('sign-origin')).toHaveText(BANK_ORIGIN);
  await expect(site).toContainText('로그인하려고');
  await expect(screen.locator('.sign__kicker')).toHaveText('로그인 요청');

  // What: the purpose, the text with its line break, the data and its hash, the identity data, until when.
  await expect(page.getByTestId('sign-purpose')).toHaveText('로그인');
  expect(await page.getByTestId('sign-text').innerText()).toBe('도장은행 인터넷뱅킹에 로그인합니다.\n접속 번호: 4821');
  await expect(page.getByTestId('sign-signs')).toContainText('사이트가 준 데이터 (32바이트)');
  await expect(page.getByTestId('sign-signs')).toContainText(bankLogin.signs.kind === 'data' ? bankLogin.signs.sha256 : '');
  await expect(page.getByTestId('sign-identity')).toContainText('본인확인 정보도 받습니다');
  await expect(page.getByTestId('sign-expires')).toHaveText('2030년 1월 15일 14:30까지');
  await expect(page.getByTestId('sign-flag')).toHaveCount(0);

  // The certificates that can answer, the first chosen; the expired one apart, with its reason.
  const candidates = page.getByTestId('sign-candidate');
  await expect(candidates).toHaveCount(2);
  await expect(candidates.nth(0)).toContainText('김철수');
  await expect(candidates.nth(0)).toBeChecked();
  await expect(candidates.nth(1)).toContainText('홍길동');
  await expect(page.getByRole('radio', { name: /홍길동/ })).toBeEnabled();
  const unfit = page.getByTestId('sign-unfit');
  await expect(unfit).toHaveCount(1);
  await expect(unfit).toContainText('(주)도장 테스트');
  await expect(unfit).toContainText('만료된 인증서입니다');
  await expect(screen.getByRole('radio')).toHaveCount(2);
  // The consent painted is on the benchmark's timeline.
  await expect.poll(() => callsOf(page, 'timeline_mark')).toContainEqual({ phase: 'sign-consent' });
  await expectAccessible(page);

  // Hong's certificate, chosen by its card; busy while it signs, and a second press sends nothing more.
  await page.getByTestId('sign-candidate').nth(1).click();
  await expect(candidates.nth(1)).toBeChecked();
  await page.getByTestId('sign-password').fill(SAMPLE_PASSWORD);
  await page.evaluate(() => {
    window.__DOJANG_IPC_DELAY_MS__ = 600;
  });
  await page.getByTestId('sign-submit').click();
  await expect(page.getByTestId('sign-submit')).toHaveText('서명하는 중…');
  await page.getByTestId('sign-password').press('Enter');
  await page.getByTestId('sign-submit').click({ force: true });

  await expect(screen).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('sign-done')).toContainText('로그인 서명을 보냈습니다. 사이트 화면으로 돌아가세요.');
  await expect(page.getByTestId('announcer')).toHaveText('로그인 서명을 보냈습니다. 사이트 화면으로 돌아가세요.');
  await expect(page.getByTestId('sign-back')).toBeFocused();
  expect(await callsOf(page, 'sign_for_site')).toEqual([
    { consent: { session: expect.any(String) as unknown, ...HONG_ON_DISK, password: SAMPLE_PASSWORD } },
  ]);
  expect(await commandsCarrying(page, SAMPLE_PASSWORD)).toEqual(['sign_for_site']);
  expect(await posted(page)).toEqual([{ origin: BANK_ORIGIN, status: 'signed', certificate: HONG_ON_DISK }]);
  await expectAccessible(page);

  // Back to the list; Hong's details list the signature first among the recent ones.
  await page.evaluate(() => {
    window.__DOJANG_IPC_DELAY_MS__ = 0;
  });
  await page.getByTestId('sign-back').click();
  await expect(page.getByTestId('certificate-row')).toHaveCount(3);
  await openDetails(page, '홍길동');
  const records = page.getByTestId('signature-history').getByTestId('history-record');
  await expect(records).toHaveCount(3);
  await expect(records.first()).toContainText(BANK_NAME);
  await expect(records.first().getByTestId('history-purpose')).toHaveText('로그인');
});

test('an app started by the link shows the consent at once, and a site it does not list only after the box is ticked', async ({
  page,
}) => {
  await page.addInitScript((link) => {
    window.__DOJANG_OPEN_REQUESTS__ = [{ kind: 'sign', link }];
  }, UNKNOWN_LINK);
  await openScenario(page, 'three-certs-one-broken');
  await expect(page.getByTestId('sign-screen')).toHaveAttribute('data-state', 'consent');

  // The whole origin, large, under a warning; no name.
  const site = page.getByTestId('sign-site');
  await expect(site).toHaveAttribute('data-listed', 'false');
  await expect(site.getByRole('heading', { level: 2 })).toHaveText('이 프로그램이 모르는 사이트입니다');
  await expect(page.getByTestId('sign-origin')).toHaveText(UNKNOWN_ORIGIN);
  const fontSize = await page.getByTestId('sign-origin').evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
  expect(fontSize).toBeGreaterThanOrEqual(28);

  // “서명” waits for the box; Enter in the password field says why, and nothing is sent.
  const submit = page.getByTestId('sign-submit');
  await expect(submit).toBeDisabled();
  await page.getByTestId('sign-password').fill(SAMPLE_PASSWORD);
  await page.getByTestId('sign-password').press('Enter');
  await expect(site).toContainText('먼저 주소를 확인하고 위의 칸에 표시해 주세요.');
  await expect(page.getByRole('checkbox', { name: '이 주소가 내가 이용하는 사이트가 맞습니다' })).toBeFocused();
  expect(await callsOf(page, 'sign_for_site')).toEqual([]);
  await expectAccessible(page);

  await page.getByTestId('sign-unlisted-confirm').click();
  await expect(page.getByTestId('sign-unlisted-confirm')).toBeChecked();
  await expect(site).not.toContainText('먼저 주소를 확인하고');
  await expect(submit).toBeEnabled();
  await submit.click();
  await expect(page.getByTestId('sign-screen')).toHaveAttribute('data-state', 'done');
  // The done screen names the site by its origin, with no box left to tick.
  await expect(page.getByTestId('sign-site').getByRole('heading', { level: 2 })).toHaveText(UNKNOWN_ORIGIN);
  expect(await posted(page)).toEqual([
    { origin: UNKNOWN_ORIGIN, status: 'signed', certificate: { id: 'beef0000'.repeat(8), store: { kind: 'npki', root: 'E:\\NPKI' } } },
  ]);
});

test('markup and a reordering character in the text are shown as characters, each with its note', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken');
  const text = '받는 분: 김도장\n<b>보내는 금액</b>: <img src="x" onerror="window.__PWNED__ = 1">\u202E000,05원\u200B';
  await consentFor(page, { ...bankTransfer, text });

  const shown = page.getByTestId('sign-text');
  // Nothing was made of the markup: no element, no script run.
  await expect(shown.locator('*:not(mark)')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __PWNED__?: number }).__PWNED__)).toBeUndefined();
  await expect(shown).toContainText('<b>보내는 금액</b>: <img src="x" onerror="window.__PWNED__ = 1">');
  // The reordering and the hidden characters by their names, marked where they stood.
  await expect(shown.locator('mark')).toHaveText(['⟨U+202E⟩', '⟨U+200B⟩']);
  await expect(shown.locator('mark').first()).toBeVisible();
  expect(await shown.innerText()).toBe(
    '받는 분: 김도장\n<b>보내는 금액</b>: <img src="x" onerror="window.__PWNED__ = 1">⟨U+202E⟩000,05원⟨U+200B⟩',
  );

  const flags = page.getByTestId('sign-flag');
  await expect(flags).toHaveCount(3);
  await expect(flags.nth(0)).toHaveAttribute('data-flag', 'markup');
  await expect(flags.nth(0)).toContainText('쓰인 그대로 보여 드립니다');
  await expect(flags.nth(1)).toHaveAttribute('data-flag', 'direction-controls');
  await expect(flags.nth(1)).toContainText('눈에 보이는 글과 실제로 서명하는 글이 다를 수 있으니 조심하세요');
  await expect(flags.nth(2)).toHaveAttribute('data-flag', 'hidden-characters');
  await expect(page.getByTestId('sign-signs')).toHaveText('위의 글 그대로');
  await expect(page.getByTestId('sign-identity')).toHaveCount(0);
  await expect(page.getByTestId('sign-screen').locator('.sign__kicker')).toHaveText('서명 요청');
  await expectAccessible(page);
});

test('a wrong password is said under the field, which keeps the focus; nothing is sent until the right one', async ({
  page,
}) => {
  await openScenario(page, 'three-certs-one-broken');
  await consentFor(page);
  const password = page.getByTestId('sign-password');
  const submit = page.getByTestId('sign-submit');
  const before = await onPage(submit);

  await password.fill('wrong!2580');
  await password.press('Enter');
  const error = page.getByTestId('sign-error');
  await expect(error).toHaveText(
    '인증서 암호가 맞지 않습니다. 대문자·소문자와 한/영 전환을 확인하고 다시 입력해 주세요.',
  );
  await expect(password).toBeFocused();
  expect(
    await password.evaluate((input: HTMLInputElement) => [input.selectionStart, input.selectionEnd, input.value.length]),
  ).toEqual([0, 10, 10]);
  await expect(password).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('sign-screen')).toHaveAttribute('data-state', 'consent');
  // The line was kept for it: the buttons did not move.
  await expectStill(submit, before, onPage);
  expect(await posted(page)).toEqual([]);
  await expectAccessible(page);

  await password.fill(SAMPLE_PASSWORD);
  await expect(error).toHaveCount(0);
  await submit.click();
  await expect(page.getByTestId('sign-done')).toBeVisible();
  expect(await posted(page)).toEqual([
    { origin: BANK_ORIGIN, status: 'signed', certificate: { id: 'beef0000'.repeat(8), store: { kind: 'npki', root: 'E:\\NPKI' } } },
  ]);
});

test('a signature the site did not take is sent again, never signed twice', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken');
  await consentFor(page);
  await failWith(page, 'sign_for_site', { code: 'site-http-status', params: { status: '503' } });
  await failWith(page, 'retry_sign_answer', { code: 'site-unreachable', params: { detail: 'connection refused' } });

  await page.getByTestId('sign-password').fill(SAMPLE_PASSWORD);
  await page.getByTestId('sign-submit').click();
  const error = page.getByTestId('sign-error');
  await expect(error).toContainText('사이트가 요청을 처리하지 못했습니다(HTTP 503).');
  await expect(error).toContainText('‘다시 보내기’를 누르면 같은 서명을 다시 보냅니다');
  await expect(page.getByTestId('sign-screen')).toHaveAttribute('data-state', 'consent');
  await expect(page.getByTestId('sign-retry')).toBeFocused();
  await expect(page.getByTestId('sign-submit')).toHaveCount(0);
  await expect(page.getByTestId('sign-password')).toHaveCount(0);
  await expect(page.getByTestId('sign-cancel')).toHaveText('닫기');
  expect(await posted(page)).toEqual([]);
  await expectAccessible(page);

  // Still unreachable, then taken.
  await page.getByTestId('sign-retry').click();
  await expect(error).toContainText('사이트에 연결하지 못했습니다.');
  await page.getByTestId('sign-retry').click();
  await expect(page.getByTestId('sign-screen')).toHaveAttribute('data-state', 'done');
  expect(await callsOf(page, 'sign_for_site')).toHaveLength(1);
  expect(await callsOf(page, 'retry_sign_answer')).toHaveLength(2);
  expect(await posted(page)).toEqual([
    { origin: BANK_ORIGIN, status: 'signed', certificate: { id: 'beef0000'.repeat(8), store: { kind: 'npki', root: 'E:\\NPKI' } } },
  ]);
});

test('“닫기” after a failed delivery drops the signature and tells the site', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken');
  await consentFor(page);
  await failWith(page, 'sign_for_site', { code: 'site-redirected', params: { status: '302' } });
  await page.getByTestId('sign-password').fill(SAMPLE_PASSWORD);
  await page.getByTestId('sign-submit').click();
  await expect(page.getByTestId('sign-retry')).toBeVisible();
  await page.getByTestId('sign-cancel').click();
  const notice = page.getByTestId('app-notice');
  await expect(notice).toContainText('사이트에 서명을 보내지 못한 채 요청을 닫았습니다');
  await expect(notice).toHaveAttribute('data-kind', 'problem');
  expect(await posted(page)).toEqual([{ origin: BANK_ORIGIN, status: 'cancelled', certificate: null }]);
});

test('cancel: back to the list, the site told, nothing signed', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken');
  await consentFor(page);
  await page.getByTestId('sign-password').fill(SAMPLE_PASSWORD);
  await page.getByTestId('sign-cancel').click();
  const notice = page.getByTestId('app-notice');
  await expect(notice).toHaveText('서명하지 않았습니다. 사이트에 요청을 취소했다고 알렸습니다.');
  await expect(notice).toHaveAttribute('data-kind', 'done');
  await expect(page.getByTestId('certificate-row')).toHaveCount(3);
  await expect.poll(() => posted(page)).toEqual([{ origin: BANK_ORIGIN, status: 'cancelled', certificate: null }]);
  expect(await callsOf(page, 'sign_for_site')).toEqual([]);
  expect(await commandsCarrying(page, SAMPLE_PASSWORD)).toEqual([]);
});

test('when no certificate fits: the reason for each, no password, and only “취소”, which tells the site', async ({
  page,
}) => {
  await openScenario(page, 'three-certs-one-broken');
  await consentFor(page, { ...bankLogin, accept: { policies: ['1.2.410.200005.1.1.5'], issuers: [] } });
  await expect(page.getByTestId('sign-error')).toContainText('이 사이트가 받는 인증서가 이 컴퓨터에 없습니다.');
  await expect(page.getByTestId('sign-candidate')).toHaveCount(0);
  await expect(page.getByTestId('sign-password')).toHaveCount(0);
  await expect(page.getByTestId('sign-submit')).toHaveCount(0);
  const unfit = page.getByTestId('sign-unfit');
  await expect(unfit).toHaveCount(3);
  await expect(unfit.nth(0)).toContainText('만료된 인증서입니다');
  await expect(unfit.nth(1)).toContainText('이 사이트가 받지 않는 종류(용도)의 인증서입니다');
  await expect(unfit.nth(2)).toContainText('이 사이트가 받지 않는 종류(용도)의 인증서입니다');
  await expect(page.getByTestId('sign-screen').getByRole('button')).toHaveText(['취소']);
  await expectAccessible(page);
  await page.getByTestId('sign-cancel').click();
  await expect(page.getByTestId('app-notice')).toContainText('서명하지 않았습니다');
  await expect.poll(() => posted(page)).toEqual([{ origin: BANK_ORIGIN, status: 'cancelled', certificate: null }]);
});

test('a refused request says why, with where it came from, and leads back to the list; nothing is sent', async ({
  page,
}) => {
  await openScenario(page, 'three-certs-one-broken');
  // The answer would go elsewhere than the site that asks.
  await expect(page.getByTestId('certificate-row')).toHaveCount(3);
  await siteAsks(page, { ...bankLogin, callback: 'https://collector.example/steal' });
  await linkOpened(page);
  const screen = page.getByTestId('sign-screen');
  await expect(screen).toHaveAttribute('data-state', 'refused');
  await expect(screen.getByRole('heading', { level: 2 })).toHaveText('서명 요청을 열지 못했습니다');
  await expect(screen.getByRole('heading', { level: 2 })).toBeFocused();
  await expect(page.getByTestId('sign-error')).toHaveText(
    '서명 결과를 요청한 사이트가 아닌 다른 곳(https://collector.example/steal)으로 보내라는 요청입니다. 서명하지 않았습니다.',
  );
  await expect(page.getByTestId('sign-refused-origin')).toHaveText(BANK_ORIGIN);
  await expect(screen).toContainText('아무것도 서명하지 않았고, 사이트에 아무것도 보내지 않았습니다.');
  await expectAccessible(page);
  await page.getByTestId('sign-back').click();
  await expect(page.getByTestId('certificate-row')).toHaveCount(3);

  // A site a distribution that refuses unlisted sites does not list.
  await page.evaluate(() => {
    window.__DOJANG_DISTRIBUTION__ = { ...window.__DOJANG_DISTRIBUTION__, unlisted_sites: 'refuse' };
  });
  await siteAsks(page, bankLogin);
  await linkOpened(page, UNKNOWN_LINK);
  await expect(screen).toHaveAttribute('data-state', 'refused');
  await expect(page.getByTestId('sign-error')).toHaveText(
    `${UNKNOWN_ORIGIN}은(는) 이 프로그램이 서명해 주는 사이트가 아닙니다. 서명하지 않았습니다.`,
  );

  // A second link opens at once over a refusal: the site could not be reached.
  await failWith(page, 'open_sign_request', { code: 'site-unreachable', params: { detail: 'dns error' } });
  await linkOpened(page, BANK_LINK);
  await expect(page.getByTestId('sign-error')).toHaveText(
    '사이트에 연결하지 못했습니다. 인터넷 연결을 확인한 뒤 다시 시도해 주세요.',
  );
  await expect(page.getByTestId('error-detail')).toBeVisible();
  // A damaged link names no site.
  await linkOpened(page, 'dojang://sign?requets=x');
  await expect(page.getByTestId('sign-error')).toHaveText('서명 요청 링크가 손상되었습니다. 사이트에서 다시 시도해 주세요.');
  await expect(page.getByTestId('sign-refused-origin')).toHaveCount(0);
  expect(await posted(page)).toEqual([]);
  expect(await callsOf(page, 'sign_for_site')).toEqual([]);
});

test('while the request is read: the words where the site will be, and “취소”, which tells the site once it is open', async ({
  page,
}) => {
  await openScenario(page, 'three-certs-one-broken');
  await expect(page.getByTestId('certificate-row')).toHaveCount(3);
  await page.evaluate(() => {
    window.__DOJANG_IPC_DELAY_MS__ = 800;
  });
  await linkOpened(page);
  const screen = page.getByTestId('sign-screen');
  await expect(screen).toHaveAttribute('data-state', 'loading');
  await expect(screen).toContainText('사이트의 서명 요청을 읽는 중…');
  const site = await page.getByTestId('sign-screen').locator('.sign-site').boundingBox();
  await expectAccessible(page);
  await expect(screen).toHaveAttribute('data-state', 'consent');
  // Who asks starts where the words were.
  expect((await page.getByTestId('sign-site').boundingBox())?.y).toBe(site?.y);

  // Another request, cancelled while it is still being read: its site is told as it opens.
  await page.getByTestId('sign-cancel').click();
  await expect(page.getByTestId('certificate-row')).toHaveCount(3);
  await linkOpened(page);
  await expect(screen).toHaveAttribute('data-state', 'loading');
  await page.getByTestId('sign-cancel').click();
  await expect(page.getByTestId('app-notice')).toContainText('서명하지 않았습니다');
  await expect
    .poll(() => posted(page), { timeout: 10_000 })
    .toEqual([
      { origin: BANK_ORIGIN, status: 'cancelled', certificate: null },
      { origin: BANK_ORIGIN, status: 'cancelled', certificate: null },
    ]);
});

test('a second request never replaces the one on screen: it waits until that one is answered or cancelled', async ({
  page,
}) => {
  await openScenario(page, 'three-certs-one-broken');
  await consentFor(page);
  await page.getByTestId('sign-password').fill(SAMPLE_PASSWORD);

  await siteAsks(page, bankTransfer);
  await linkOpened(page, UNKNOWN_LINK);
  await expect(page.getByTestId('sign-waiting')).toContainText('사이트에서 새 서명 요청이 왔습니다.');
  await expect(page.getByTestId('announcer')).toHaveText(
    '사이트에서 새 서명 요청이 왔습니다. 지금 요청에 서명하거나 취소하면 이어서 보여 드립니다.',
  );
  // The first stays as it was, what was typed too.
  await expect(page.getByTestId('sign-site').getByRole('heading', { level: 2 })).toHaveText(BANK_NAME);
  await expect(page.getByTestId('sign-password')).toHaveValue(SAMPLE_PASSWORD);
  expect(await callsOf(page, 'open_sign_request')).toHaveLength(1);

  // Cancelling the first tells its site, then the second is read and shown.
  await page.getByTestId('sign-cancel').click();
  await expect(page.getByTestId('sign-screen')).toHaveAttribute('data-state', 'consent');
  await expect(page.getByTestId('sign-site')).toHaveAttribute('data-listed', 'false');
  await expect(page.getByTestId('sign-password')).toHaveValue('');
  await expect(page.getByTestId('sign-waiting')).toHaveCount(0);
  await expect.poll(() => posted(page)).toEqual([{ origin: BANK_ORIGIN, status: 'cancelled', certificate: null }]);

  // Leaving it for another screen cancels it too.
  await page.getByTestId('open-settings').click();
  await expect(page.getByTestId('settings')).toBeVisible();
  await expect
    .poll(() => posted(page))
    .toEqual([
      { origin: BANK_ORIGIN, status: 'cancelled', certificate: null },
      { origin: UNKNOWN_ORIGIN, status: 'cancelled', certificate: null },
    ]);
});

test('a request that comes while a signature is sent waits, and “다음 서명 요청 보기” shows it', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken');
  await consentFor(page);
  await page.getByTestId('sign-password').fill(SAMPLE_PASSWORD);
  await page.evaluate(() => {
    window.__DOJANG_IPC_DELAY_MS__ = 1500;
  });
  await page.getByTestId('sign-submit').click();
  await expect(page.getByTestId('sign-submit')).toHaveText('서명하는 중…');
  // The link arrives at once while the signature is on its way.
  await page.evaluate(() => {
    window.__DOJANG_IPC_DELAY_MS__ = 0;
  });
  await siteAsks(page, bankTransfer);
  await linkOpened(page);
  await expect(page.getByTestId('sign-waiting')).toBeVisible();
  await expect(page.getByTestId('sign-submit')).toHaveText('서명하는 중…');
  await expect(page.getByTestId('sign-done')).toBeVisible();
  await expect(page.getByTestId('sign-waiting')).toBeVisible();
  await expect(page.getByTestId('sign-back')).toHaveText('다음 서명 요청 보기');
  await page.getByTestId('sign-back').click();
  await expect(page.getByTestId('sign-screen')).toHaveAttribute('data-state', 'consent');
  await expect(page.getByTestId('sign-purpose')).toHaveText('서명');
  expect(await posted(page)).toEqual([
    { origin: BANK_ORIGIN, status: 'signed', certificate: { id: 'beef0000'.repeat(8), store: { kind: 'npki', root: 'E:\\NPKI' } } },
  ]);
});

test('the details list the certificate’s recent signatures, or say there are none', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken');
  await openDetails(page, '홍길동');
  const history = page.getByTestId('signature-history');
  await expect(history.getByRole('heading', { level: 3 })).toHaveText('최근 서명');
  const records = history.getByTestId('history-record');
  await expect(records).toHaveCount(2);
  await expect(records.nth(0)).toContainText(BANK_NAME);
  await expect(records.nth(0)).toContainText(BANK_ORIGIN);
  await expect(records.nth(0)).toContainText('2025년 11월 24일 14:12');
  await expect(records.nth(0).getByTestId('history-purpose')).toHaveText('로그인');
  await expect(records.nth(1)).toContainText('https://shop.example.com:8443');
  await expect(records.nth(1).getByTestId('history-purpose')).toHaveText('서명');
  await expect(history).toContainText('서명한 내용은 남기지 않습니다');
  expect(await callsOf(page, 'signature_history')).toEqual([{ id: HONG_ID }]);
  await expectAccessible(page);

  await page.getByTestId('back').click();
  await openDetails(page, '김철수');
  await expect(page.getByTestId('signature-history').getByTestId('history-empty')).toHaveText(
    '이 인증서로 사이트에 서명한 적이 없습니다.',
  );
  await expect(page.getByTestId('signature-history').getByTestId('history-record')).toHaveCount(0);
});

test('in English and in dark mode, the recent signatures read plainly with no serious accessibility problem', async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openScenario(page, 'three-certs-one-broken', { lang: 'en' });
  await openDetails(page, '홍길동');
  const history = page.getByTestId('signature-history');
  await expect(history.getByRole('heading', { level: 3 })).toHaveText('Recent signatures');
  await expect(history.getByTestId('history-purpose')).toHaveText(['Log in', 'Sign']);
  await expect(history.getByTestId('history-record').first()).toContainText('November 24, 2025 at 14:12');
  await expectAccessible(page);
});

test('in English, from the request to the signature sent', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken', { lang: 'en' });
  await consentFor(page, { ...bankTransfer, text: 'Pay 50,000 KRW\u202E to 123' });
  const words = WORDS.en;
  const screen = page.getByTestId('sign-screen');
  await expect(screen.locator('.sign__kicker')).toHaveText('Signing request');
  await expect(page.getByTestId('sign-site')).toContainText(words['sign.asks.sign']);
  await expect(page.getByTestId('sign-purpose')).toHaveText('Sign');
  await expect(page.getByTestId('sign-expires')).toHaveText('January 15, 2030 at 14:30');
  await expect(page.getByTestId('sign-flag')).toHaveText([words['sign.flag.direction-controls']]);
  await expect(page.getByTestId('sign-unfit')).toContainText('It has expired');
  await expect(page.getByRole('textbox', { name: 'Certificate password' })).toBeVisible();
  await expect(page.getByTestId('sign-cancel')).toHaveText('Cancel');
  await page.getByTestId('sign-password').fill('wrong!2580');
  await page.getByTestId('sign-submit').click();
  await expect(page.getByTestId('sign-error')).toContainText('The certificate password is wrong.');
  await page.getByTestId('sign-password').fill(SAMPLE_PASSWORD);
  await expect(page.getByTestId('sign-submit')).toHaveText('Sign');
  await page.getByTestId('sign-submit').click();
  await expect(page.getByTestId('sign-done')).toContainText('The signature was sent. Go back to the site’s page.');
  await expect(page.getByTestId('sign-back')).toHaveText('Back to the list');
  await expectAccessible(page);

  await page.getByTestId('sign-back').click();
  await openDetails(page, '김철수');
  await expect(page.getByTestId('signature-history').getByRole('heading', { level: 3 })).toHaveText('Recent signatures');
  await expect(page.getByTestId('history-purpose')).toHaveText(['Sign']);
});

test('every state has no serious accessibility problem in dark mode', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openScenario(page, 'three-certs-one-broken');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await consentFor(page, { ...bankTransfer, text: '<i>금액</i> 50,000원\u202E' }, UNKNOWN_LINK);
  await expectAccessible(page);
  await page.getByTestId('sign-unlisted-confirm').click();
  await page.getByTestId('sign-password').fill('wrong!2580');
  await page.getByTestId('sign-submit').click();
  await expect(page.getByTestId('sign-error')).toBeVisible();
  await expectAccessible(page);
  await failWith(page, 'sign_for_site', { code: 'site-unreachable', params: { detail: 'timed out' } });
  await page.getByTestId('sign-password').fill(SAMPLE_PASSWORD);
  await page.getByTestId('sign-submit').click();
  await expect(page.getByTestId('sign-retry')).toBeVisible();
  await expectAccessible(page);
  await page.getByTestId('sign-retry').click();
  await expect(page.getByTestId('sign-done')).toBeVisible();
  await expectAccessible(page);
  await page.getByTestId('sign-back').click();

  await siteAsks(page, { ...bankLogin, accept: { policies: [], issuers: ['nobody'] } });
  await linkOpened(page);
  await expect(page.getByTestId('sign-unfit')).toHaveCount(3);
  await expectAccessible(page);
  await page.getByTestId('sign-cancel').click();
  await linkOpened(page, 'dojang://sign?request=http%3A%2F%2Fbank.example%2Frp');
  await expect(page.getByTestId('sign-screen')).toHaveAttribute('data-state', 'refused');
  await expectAccessible(page);
  await page.getByTestId('sign-back').click();
  await openDetails(page, '홍길동');
  await expect(page.getByTestId('history-record')).toHaveCount(2);
  await expectAccessible(page);
});

for (const size of [
  { width: 800, height: 600 },
  { width: 640, height: 720 },
] as const) {
  for (const lang of ['ko', 'en'] as const) {
    test(`the consent fits ${size.width}×${size.height} in ${lang}: nothing sideways, every button reachable`, async ({
      page,
    }) => {
      await page.setViewportSize(size);
      await openScenario(page, 'three-certs-one-broken', { lang });
      const long = 'https://a-rather-long-name-for-a-bank-site-nobody-knows.example.co.kr:8443';
      const text = `${'가나다라마바사아자차카타파하'.repeat(12)}\n${'x'.repeat(160)}\n<b>${'긴 줄 '.repeat(40)}</b>`;
      await consentFor(page, { ...bankLogin, text }, signLinkTo(`${long}/rp/request/1`));
      await expectNoSidewaysScroll(page);
      await expect(page.getByTestId('sign-origin')).toHaveText(long);
      await expectReachableOnPage(page.getByTestId('sign-unlisted-confirm'));
      await page.getByTestId('sign-unlisted-confirm').click();
      await expectReachableOnPage(page.getByTestId('sign-candidate').nth(1));
      await expectReachableOnPage(page.getByTestId('sign-password'));
      await expectReachableOnPage(page.getByTestId('sign-cancel'));
      await expectReachableOnPage(page.getByTestId('sign-submit'));
      await page.getByTestId('sign-password').fill('wrong!2580');
      await page.getByTestId('sign-submit').click();
      await expect(page.getByTestId('sign-error')).toBeVisible();
      await expectNoSidewaysScroll(page);
      await page.getByTestId('sign-password').fill(SAMPLE_PASSWORD);
      await page.getByTestId('sign-submit').click();
      await expect(page.getByTestId('sign-done')).toBeVisible();
      await expectReachableOnPage(page.getByTestId('sign-back'));
      await expectNoSidewaysScroll(page);

      await page.getByTestId('sign-back').click();
      await linkOpened(page, 'dojang://sign?request=https%3A%2F%2Fbank.dojang.test%2Fsign');
      await expect(page.getByTestId('sign-screen')).toHaveAttribute('data-state', 'consent');
      await failWith(page, 'sign_for_site', { code: 'site-http-status', params: { status: '500' } });
      await page.getByTestId('sign-password').fill(SAMPLE_PASSWORD);
      await page.getByTestId('sign-submit').click();
      await expectReachableOnPage(page.getByTestId('sign-retry'));
      await expectReachableOnPage(page.getByTestId('sign-cancel'));
      await expectNoSidewaysScroll(page);
    });
  }
}
