import type { Page } from '@playwright/test';

import { answerDialogs, callsOf, expect, expectAccessible, failWith, openScenario, test } from './support';

const REGISTRATION_NUMBER = '12345678AbCdEfGhIjKlMnOpQrS';
const NEW_PASSWORD = 'seal#7294xq';

/** What Rust queues when the app is opened with files or links. */
async function openedWith(page: Page, requests: unknown[]): Promise<void> {
  await page.addInitScript((queued) => {
    window.__DOJANG_OPEN_REQUESTS__ = queued as typeof window.__DOJANG_OPEN_REQUESTS__;
  }, requests);
}

/** What every issue.html says from now on. */
async function invitationSays(page: Page, ca: string, application: string): Promise<void> {
  await page.evaluate((invitation) => {
    window.__DOJANG_INVITATION__ = invitation;
  }, { ca, application });
}

/**
 * Drops a file on the window, once no dialog is left on screen (the window ignores drops
 * while one is open, and a dialog just closed may still be leaving).
 */
async function dropInvitation(page: Page, path: string): Promise<void> {
  await expect(page.locator('.modal-overlay')).toHaveCount(0);
  await page.evaluate((paths) => window.__DOJANG_EMIT__?.('tauri://drag-drop', { paths, position: { x: 100, y: 100 } }), [path]);
}

/** From the storage step to a failed issuance, with a good password. */
async function finishIssuanceExpectingFailure(page: Page): Promise<void> {
  const storage = page.getByTestId('step-storage');
  await storage.getByRole('textbox', { name: '인증서 암호 (새로 정하기)' }).fill(NEW_PASSWORD);
  await storage.getByRole('textbox', { name: '인증서 암호 다시 입력' }).fill(NEW_PASSWORD);
  await page.getByTestId('next').click();
  await page.getByRole('button', { name: '발급하기' }).click();
  await expect(page.getByTestId('issue-failure')).toBeVisible();
}

/** From the storage step to the end, with a good password. */
async function finishIssuance(page: Page): Promise<void> {
  const storage = page.getByTestId('step-storage');
  await storage.getByRole('textbox', { name: '인증서 암호 (새로 정하기)' }).fill(NEW_PASSWORD);
  await storage.getByRole('textbox', { name: '인증서 암호 다시 입력' }).fill(NEW_PASSWORD);
  await page.getByTestId('next').click();
  await page.getByRole('button', { name: '발급하기' }).click();
  await expect(page.getByTestId('step-done')).toBeVisible();
}

test('a build without CAs asks for the address first, checks it, and warns before the codes: cancel goes nowhere, continue sends the consent', async ({
  page,
}) => {
  await openScenario(page, 'three-certs-one-broken', { distribution: { cas: [] } });
  await page.getByRole('button', { name: '인증서 발급' }).click();
  const pathStep = page.getByTestId('step-path');
  const address = pathStep.getByRole('textbox', { name: '인증기관 주소 (CMP)' });
  await expect(pathStep).toContainText('이 프로그램에는 인증기관 주소가 들어 있지 않습니다.');
  await expectAccessible(page);

  // Nothing typed, then plain HTTP: said on the field, and the codes stay closed.
  await page.getByTestId('next').click();
  await expect(pathStep).toContainText('인증기관 주소를 입력해 주세요.');
  await expect(address).toBeFocused();
  await address.fill('http://ca.example/cmp');
  await page.getByTestId('next').click();
  await expect(pathStep).toContainText('보안 연결(HTTPS)이 아닌 인증기관 주소는 쓰지 않습니다.');
  await expect(address).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('step-codes')).toHaveCount(0);

  // A well-formed address: the blocking warning, its host in full, the cursor on "취소".
  await address.fill('https://CA.Example:443/cmp');
  await page.getByTestId('next').click();
  const warning = page.getByRole('alertdialog', { name: '처음 보는 인증기관입니다' });
  await expect(warning).toBeVisible();
  await expect(warning.getByTestId('ca-warning-host')).toHaveText('ca.example');
  await expect(warning.getByTestId('ca-warning-url')).toHaveText('https://ca.example/cmp');
  await expect(warning).toContainText('입력한 인증기관 주소');
  await expect(warning).toContainText('이 인증기관은 이 프로그램이 알고 있는 곳이 아닙니다.');
  await expect(warning).toContainText('은행이나 인증기관이 이 주소를 알려 준 경우에만 계속하세요.');
  await expect(warning.getByRole('button', { name: '취소' })).toBeFocused();
  // Focus stays inside while it is open.
  for (let i = 0; i < 4; i += 1) {
    await page.keyboard.press('Tab');
    expect(await warning.evaluate((dialog) => dialog.contains(document.activeElement))).toBe(true);
  }
  await expectAccessible(page);

  // "취소" and Escape leave the person where they were, with nothing sent.
  await warning.getByRole('button', { name: '취소' }).click();
  await expect(warning).toBeHidden();
  await expect(pathStep).toBeVisible();
  await expect(page.getByTestId('step-codes')).toHaveCount(0);
  await page.getByTestId('next').click();
  await expect(warning).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(warning).toBeHidden();
  await expect(page.getByTestId('step-codes')).toHaveCount(0);
  expect(await callsOf(page, 'issue_certificate')).toEqual([]);

  // "계속": the codes step opens.
  await page.getByTestId('next').click();
  await warning.getByRole('button', { name: '계속' }).click();
  await expect(page.getByRole('textbox', { name: '등록번호' })).toBeFocused();

  // Back and on again with the same address: it was accepted already.
  await page.getByTestId('previous').click();
  await expect(address).toHaveValue('https://CA.Example:443/cmp');
  await page.getByTestId('next').click();
  await expect(warning).toBeHidden();
  await page.getByRole('textbox', { name: '등록번호' }).fill(REGISTRATION_NUMBER);
  await page.getByTestId('next').click();
  const storage = page.getByTestId('step-storage');
  await expect(storage.getByRole('textbox', { name: '인증기관 주소 (CMP)' })).toHaveCount(0);
  await storage.getByRole('textbox', { name: '인증서 암호 (새로 정하기)' }).fill(NEW_PASSWORD);
  await storage.getByRole('textbox', { name: '인증서 암호 다시 입력' }).fill(NEW_PASSWORD);
  await page.getByTestId('next').click();

  // The review names the CA by its host, and says it was accepted after the warning.
  const summary = page.getByTestId('issue-summary');
  await expect(summary.getByTestId('summary-ca')).toHaveText('ca.example');
  await expect(summary.getByTestId('summary-ca-unlisted')).toContainText('이 프로그램이 모르는 인증기관입니다.');
  await page.getByRole('button', { name: '발급하기' }).click();
  await expect(page.getByTestId('step-done')).toBeVisible();

  expect(await callsOf(page, 'check_ca')).toEqual([
    { url: 'http://ca.example/cmp' },
    { url: 'https://CA.Example:443/cmp' },
    { url: 'https://CA.Example:443/cmp' },
    { url: 'https://CA.Example:443/cmp' },
  ]);
  expect(await callsOf(page, 'issue_certificate')).toEqual([
    {
      request: {
        ca: 'https://ca.example/cmp',
        allow_unlisted_ca: true,
        path: { kind: 'registration', registration_number: REGISTRATION_NUMBER },
        password: NEW_PASSWORD,
        key_type: 'rsa2048',
        to: { kind: 'keychain' },
      },
      onProgress: 'channel',
    },
  ]);
});

test('a build without CAs: another address typed after the warning needs the warning again', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken', { distribution: { cas: [] } });
  await page.getByRole('button', { name: '인증서 발급' }).click();
  const address = page.getByRole('textbox', { name: '인증기관 주소 (CMP)' });
  await address.fill('https://ca.example/cmp');
  await page.getByTestId('next').click();
  const warning = page.getByRole('alertdialog');
  await warning.getByRole('button', { name: '계속' }).click();
  await expect(page.getByTestId('step-codes')).toBeVisible();
  await page.getByTestId('previous').click();
  await address.fill('https://ca.example.attacker.test/cmp');
  await page.getByTestId('next').click();
  await expect(warning.getByTestId('ca-warning-host')).toHaveText('ca.example.attacker.test');
  await warning.getByRole('button', { name: '취소' }).click();
  await expect(page.getByTestId('step-path')).toBeVisible();
  await expect(page.getByTestId('step-codes')).toHaveCount(0);
});

test('a build without CAs: an address the backend refuses at issuance is corrected on the first step', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken', { distribution: { cas: [] } });
  await page.getByRole('button', { name: '인증서 발급' }).click();
  const address = page.getByRole('textbox', { name: '인증기관 주소 (CMP)' });
  await address.fill('https://ca.example/cmp');
  await page.getByTestId('next').click();
  await page.getByRole('alertdialog').getByRole('button', { name: '계속' }).click();
  await page.getByRole('textbox', { name: '등록번호' }).fill(REGISTRATION_NUMBER);
  await page.getByTestId('next').click();
  await failWith(page, 'issue_certificate', { code: 'ca-not-listed', params: { host: 'ca.example', url: 'https://ca.example/cmp' } });
  await finishIssuanceExpectingFailure(page);
  const failure = page.getByTestId('issue-failure');
  await expect(failure).toContainText('‘ca.example’은(는) 이 프로그램에 등록된 인증기관이 아닙니다.');
  await failure.getByRole('button', { name: '인증기관 주소 고치기' }).click();
  await expect(address).toBeFocused();
  await expect(address).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('step-path')).toContainText('안전을 위해 이곳으로는 번호를 보내지 않습니다.');
});

test('a build without CAs: a link naming a CA is warned about before any code can be typed; cancelled, the codes stay closed', async ({
  page,
}) => {
  await openedWith(page, [
    {
      kind: 'invitation',
      source: 'dojang://issue?ca=https%3A%2F%2Fca.example%2Fcmp&application=20261125777',
      invitation: { ca: 'https://ca.example/cmp', application: '20261125777' },
      ca: { url: 'https://ca.example/cmp', host: 'ca.example', name: null, listed: false },
    },
  ]);
  await openScenario(page, 'three-certs-one-broken', { distribution: { cas: [] } });
  const warning = page.getByRole('alertdialog', { name: '처음 보는 인증기관입니다' });
  await expect(warning.getByTestId('ca-warning-host')).toHaveText('ca.example');
  await expect(warning).toContainText('발급 안내에 적힌 인증기관 주소');
  await expectAccessible(page);
  await warning.getByRole('button', { name: '취소' }).click();

  // Nothing to type until a CA is accepted: only the way to an invitation.
  const codes = page.getByTestId('step-codes');
  await expect(codes.getByTestId('codes-locked')).toContainText('먼저 발급 안내 파일을 열어 주세요.');
  await expect(codes.getByRole('textbox')).toHaveCount(0);
  await page.getByTestId('next').click();
  await expect(codes.getByTestId('invitation')).toContainText('먼저 발급 안내 파일을 열어 주세요.');
  await expect(page.getByTestId('step-storage')).toHaveCount(0);
  await expectAccessible(page);

  // A dropped issue.html: its own warning, and after "계속" the numbers can be typed.
  await dropInvitation(page, '/home/user/Downloads/issue.html');
  await expect(warning.getByTestId('ca-warning-host')).toHaveText('ca.dojang.test');
  await warning.getByRole('button', { name: '계속' }).click();
  await expect(codes.getByRole('textbox', { name: '신청번호' })).toHaveValue('20261125001');
  await codes.getByRole('textbox', { name: '발급용 임시번호 (10자리)' }).fill('aB3dE6gH9j');
  await codes.getByRole('textbox', { name: '주민등록번호 또는 사업자등록번호' }).fill('124-81-00998');
  await page.getByTestId('next').click();
  await finishIssuance(page);

  const [call] = (await callsOf(page, 'issue_certificate')) as { request: Record<string, unknown> }[];
  expect(call?.request).toMatchObject({ ca: 'https://ca.dojang.test/cmp', allow_unlisted_ca: true });
  expect(await callsOf(page, 'read_invitation')).toEqual([{ path: '/home/user/Downloads/issue.html' }]);
});

test('a branded build refuses an invitation naming another CA: its host on the invitation field, and no code can be sent', async ({
  page,
}) => {
  // A link refused by the native side opens the wizard with its sentence.
  await openedWith(page, [
    {
      kind: 'failed',
      what: 'dojang://issue?ca=https%3A%2F%2Fphish.example%2Fcmp&application=20261125999',
      error: { code: 'ca-not-listed', params: { host: 'phish.example', url: 'https://phish.example/cmp' } },
    },
  ]);
  await openScenario(page, 'three-certs-one-broken', { dialogAnswers: ['/home/user/Downloads/issue.html'] });
  const codes = page.getByTestId('step-codes');
  const invitation = codes.getByTestId('invitation');
  await expect(invitation).toContainText('‘phish.example’은(는) 이 프로그램에 등록된 인증기관이 아닙니다.');
  await expect(codes.getByTestId('codes-locked')).toContainText('이 발급 안내로는 번호를 보낼 수 없습니다.');
  await expect(codes.getByRole('textbox')).toHaveCount(0);
  await page.getByTestId('next').click();
  await expect(page.getByTestId('step-storage')).toHaveCount(0);
  await expectAccessible(page);

  // An issue.html naming another CA: refused the same way, without any warning to accept.
  await invitationSays(page, 'https://evil.example/cmp', '20261125998');
  await codes.getByRole('button', { name: '발급 안내 파일 열기…' }).click();
  await expect(invitation).toContainText('‘evil.example’은(는) 이 프로그램에 등록된 인증기관이 아닙니다.');
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await expect(codes.getByRole('textbox')).toHaveCount(0);
  await dropInvitation(page, '/home/user/Downloads/issue.html');
  await expect(invitation).toContainText('evil.example');
  await expect(codes.getByRole('textbox')).toHaveCount(0);
  expect(await callsOf(page, 'issue_certificate')).toEqual([]);

  // The bank's own invitation selects the listed CA, and the codes can be typed again.
  await invitationSays(page, 'https://ca.dojang.test/cmp', '20261125001');
  await answerDialogs(page, '/home/user/Downloads/bank/issue.html');
  await codes.getByRole('button', { name: '발급 안내 파일 열기…' }).click();
  await expect(codes.getByRole('textbox', { name: '신청번호' })).toHaveValue('20261125001');
  await expect(invitation).not.toContainText('evil.example');
  await codes.getByRole('textbox', { name: '발급용 임시번호 (10자리)' }).fill('aB3dE6gH9j');
  await codes.getByRole('textbox', { name: '주민등록번호 또는 사업자등록번호' }).fill('124-81-00998');
  await page.getByTestId('next').click();
  await page.getByTestId('step-storage').getByRole('textbox', { name: '인증서 암호 (새로 정하기)' }).fill(NEW_PASSWORD);
  await page.getByTestId('step-storage').getByRole('textbox', { name: '인증서 암호 다시 입력' }).fill(NEW_PASSWORD);
  await page.getByTestId('next').click();
  await expect(page.getByTestId('summary-ca')).toHaveText('도장 인증센터');
  await expect(page.getByTestId('summary-ca-unlisted')).toHaveCount(0);
  await page.getByRole('button', { name: '발급하기' }).click();
  await expect(page.getByTestId('step-done')).toBeVisible();
  const [call] = (await callsOf(page, 'issue_certificate')) as { request: Record<string, unknown> }[];
  expect(call?.request.ca).toBe('https://ca.dojang.test/cmp');
  expect(call?.request).not.toHaveProperty('allow_unlisted_ca');
});

test('the warning reads in English', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken', { distribution: { cas: [] }, lang: 'en' });
  await page.getByRole('button', { name: 'Get a certificate' }).click();
  await page.getByRole('textbox', { name: 'CA address (CMP)' }).fill('https://ca.example/cmp');
  await page.getByTestId('next').click();
  const warning = page.getByRole('alertdialog', { name: 'A CA this program does not know' });
  await expect(warning).toContainText('Continue only if your bank or CA told you this address.');
  await expect(warning.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await expect(warning.getByRole('button', { name: 'Continue' })).toBeVisible();
  await expectAccessible(page);
});

/** A dojang: link opened with the running app, as Rust queues it. */
async function linkArrives(page: Page, application: string, ca: { url: string; host: string; name: string | null; listed: boolean }): Promise<void> {
  await page.evaluate(
    ({ application, ca }) => {
      window.__DOJANG_OPEN_REQUESTS__ = [
        {
          kind: 'invitation',
          source: `dojang://issue?ca=${encodeURIComponent(ca.url)}&application=${application}`,
          invitation: { ca: ca.url, application },
          ca,
        },
      ];
      return window.__DOJANG_EMIT__?.('open-requests', null);
    },
    { application, ca },
  );
}

const LISTED = { url: 'https://ca.dojang.test/cmp', host: 'ca.dojang.test', name: '도장 인증센터', listed: true };

test('a new invitation while codes or a password are typed asks first: keeping changes nothing, switching clears the secrets', async ({
  page,
}) => {
  await openScenario(page, 'empty');
  await expect(page.getByTestId('empty-state')).toBeVisible();
  // Nothing typed yet: a dropped invitation is simply taken.
  await dropInvitation(page, '/home/user/Downloads/issue.html');
  const codes = page.getByTestId('step-codes');
  const application = codes.getByRole('textbox', { name: '신청번호' });
  const temp = codes.getByRole('textbox', { name: '발급용 임시번호 (10자리)' });
  const id = codes.getByRole('textbox', { name: '주민등록번호 또는 사업자등록번호' });
  await expect(application).toHaveValue('20261125001');
  await temp.fill('aB3dE6gH9j');
  await id.fill('124-81-00998');

  // A link now: the question, with the new CA's host; the cursor on "그대로 두기".
  await linkArrives(page, '20261125777', LISTED);
  const question = page.getByRole('alertdialog', { name: '새 발급 안내' });
  await expect(question).toContainText(
    '새 발급 안내가 왔습니다 (ca.dojang.test). 바꾸시겠습니까? 바꾸면 입력한 번호와 암호는 지워집니다.',
  );
  await expect(question.getByRole('button', { name: '그대로 두기' })).toBeFocused();
  await expectAccessible(page);

  // Keep: everything as it was, the link ignored.
  await question.getByRole('button', { name: '그대로 두기' }).click();
  await expect(question).toBeHidden();
  await expect(application).toHaveValue('20261125001');
  await expect(temp).toHaveValue('aB3dE6gH9j');
  await expect(id).toHaveValue('124-81-00998');
  await expect(codes.getByTestId('invitation')).toContainText('/home/user/Downloads/issue.html');

  // On to the password; a dropped file asks too, and Escape keeps.
  await page.getByTestId('next').click();
  const storage = page.getByTestId('step-storage');
  await storage.getByRole('textbox', { name: '인증서 암호 (새로 정하기)' }).fill(NEW_PASSWORD);
  await storage.getByRole('textbox', { name: '인증서 암호 다시 입력' }).fill(NEW_PASSWORD);
  await invitationSays(page, 'https://ca.dojang.test/cmp', '20261125555');
  await dropInvitation(page, '/home/user/Downloads/new/issue.html');
  await expect(question).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(question).toBeHidden();
  await expect(storage.getByRole('textbox', { name: '인증서 암호 (새로 정하기)' })).toHaveValue(NEW_PASSWORD);

  // Switch: the numbers and the passwords are wiped, and the new invitation taken.
  await dropInvitation(page, '/home/user/Downloads/new/issue.html');
  await question.getByRole('button', { name: '바꾸기' }).click();
  await expect(question).toBeHidden();
  await expect(application).toHaveValue('20261125555');
  await expect(temp).toHaveValue('');
  await expect(id).toHaveValue('');
  await expect(codes.getByTestId('invitation')).toContainText('/home/user/Downloads/new/issue.html');
  await temp.fill('aB3dE6gH9j');
  await id.fill('900101-1234567');
  await page.getByTestId('next').click();
  await expect(storage.getByRole('textbox', { name: '인증서 암호 (새로 정하기)' })).toHaveValue('');
  await expect(storage.getByRole('textbox', { name: '인증서 암호 다시 입력' })).toHaveValue('');
  await finishIssuance(page);
  const [call] = (await callsOf(page, 'issue_certificate')) as { request: Record<string, unknown> }[];
  expect(call?.request).toMatchObject({
    ca: 'https://ca.dojang.test/cmp',
    path: { kind: 'temporary', application: '20261125555', temp_code: 'aB3dE6gH9j', id_number: '900101-1234567' },
  });
});

test("a build without CAs: switching to a link's invitation still needs its warning; an unusable one while typing changes nothing", async ({
  page,
}) => {
  await openScenario(page, 'three-certs-one-broken', { distribution: { cas: [] } });
  await page.getByRole('button', { name: '인증서 발급' }).click();
  await page.getByRole('textbox', { name: '인증기관 주소 (CMP)' }).fill('https://ca.example/cmp');
  await page.getByTestId('next').click();
  const warning = page.getByRole('alertdialog', { name: '처음 보는 인증기관입니다' });
  await warning.getByRole('button', { name: '계속' }).click();
  const registration = page.getByRole('textbox', { name: '등록번호' });
  await registration.fill(REGISTRATION_NUMBER);

  // A file that is no invitation, while typing: said, and nothing changes.
  await dropInvitation(page, '/home/user/Downloads/memo.htm');
  await expect(page.getByTestId('link-problem')).toContainText('새로 온 발급 안내는 쓸 수 없어 입력한 내용을 그대로 두었습니다.');
  await expect(page.getByTestId('link-problem')).toContainText('이 파일에는 발급 안내 링크가 없습니다.');
  await expect(registration).toHaveValue(REGISTRATION_NUMBER);

  // A link naming another CA: asked first, then its own warning.
  await linkArrives(page, '20261125777', { url: 'https://other.example/cmp', host: 'other.example', name: null, listed: false });
  const question = page.getByRole('alertdialog', { name: '새 발급 안내' });
  await expect(question).toContainText('(other.example)');
  await question.getByRole('button', { name: '바꾸기' }).click();
  await expect(warning.getByTestId('ca-warning-host')).toHaveText('other.example');
  await warning.getByRole('button', { name: '계속' }).click();
  const codes = page.getByTestId('step-codes');
  await expect(codes.getByRole('textbox', { name: '신청번호' })).toHaveValue('20261125777');
  await codes.getByRole('textbox', { name: '발급용 임시번호 (10자리)' }).fill('aB3dE6gH9j');
  await codes.getByRole('textbox', { name: '주민등록번호 또는 사업자등록번호' }).fill('124-81-00998');
  await page.getByTestId('next').click();
  await finishIssuance(page);
  const [call] = (await callsOf(page, 'issue_certificate')) as { request: Record<string, unknown> }[];
  expect(call?.request).toMatchObject({ ca: 'https://other.example/cmp', allow_unlisted_ca: true });
  // The registration number typed before the switch is gone.
  expect(JSON.stringify(call)).not.toContain('AbCdE');
});
