import type { Locator, Page } from '@playwright/test';

import {
  answerDialogs,
  callsOf,
  commandsCarrying,
  commandsSent,
  expect,
  expectAccessible,
  expectNoSidewaysScroll,
  failWith,
  openScenario,
  test,
  walkWizardToReview,
  WORDS,
} from './support';

const REGISTRATION_NUMBER = '12345678AbCdEfGhIjKlMnOpQrS';
const NEW_PASSWORD = 'seal#7294xq';
const ISSUED_ID = 'feed0001'.repeat(8);

/** Whether `l`, `I` and `W` take one width in a field's font, as they do in a monospace one. */
function evenWidths(field: Locator): Promise<boolean> {
  return field.evaluate((input) => {
    const style = getComputedStyle(input);
    const context = document.createElement('canvas').getContext('2d');
    if (context === null) return false;
    context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const widths = ['lllll', 'IIIII', 'WWWWW'].map((text) => context.measureText(text).width);
    return widths.every((width) => Math.abs(width - (widths[0] ?? 0)) < 0.5);
  });
}

/** Opens the wizard from the header and checks where the cursor starts. */
async function openWizard(page: Page): Promise<void> {
  await page.getByRole('button', { name: '인증서 발급' }).click();
  await expect(page.getByRole('heading', { level: 2, name: '인증서 발급' })).toBeFocused();
  await expect(page.getByTestId('step-path')).toBeVisible();
}

/** Fills the password step with a good password (and its confirmation). */
async function choosePassword(page: Page, password = NEW_PASSWORD): Promise<void> {
  const step = page.getByTestId('step-storage');
  await step.getByRole('textbox', { name: '인증서 암호 (새로 정하기)' }).fill(password);
  await step.getByRole('textbox', { name: '인증서 암호 다시 입력' }).fill(password);
}

/** Goes from the start to the review step on the registration path. */
async function toReview(page: Page): Promise<void> {
  await openWizard(page);
  await page.getByTestId('next').click();
  await page.getByRole('textbox', { name: '등록번호' }).fill(REGISTRATION_NUMBER);
  await page.getByTestId('next').click();
  await choosePassword(page);
  await page.getByTestId('next').click();
  await expect(page.getByTestId('step-review')).toBeVisible();
}

test('registration number: every step explained, the codes checked as typed, the exact request, progress and the new certificate', async ({
  page,
}) => {
  await openScenario(page, 'three-certs-one-broken');
  await openWizard(page);

  // Step 1: both paths, each explained; the registration number is the default.
  const pathStep = page.getByTestId('step-path');
  await expect(pathStep).toContainText('서류를 내고 직원과 마주해 본인 확인을 마친 뒤 받은 번호');
  await expect(pathStep).toContainText('발급용 임시번호 10자리');
  await expect(pathStep.getByRole('radio', { name: '등록번호 (27자리)' })).toBeChecked();
  // Plain words: the e-mail's attachment is "발급 안내 파일", not a file name.
  await expect(pathStep).toContainText('메일에 첨부된 발급 안내 파일');
  await expect(pathStep).not.toContainText('issue.html');
  await expect(page.getByTestId('wizard-steps').locator('[aria-current="step"]')).toContainText('발급 방법');
  await expectAccessible(page);
  await page.getByTestId('next').click();

  // Step 2: the cursor in the field; case-sensitivity said beside it; a wrong character shown at once.
  const codes = page.getByTestId('step-codes');
  const field = codes.getByRole('textbox', { name: '등록번호' });
  await expect(field).toBeFocused();
  await expect(codes).toContainText('대문자와 소문자를 구별하니 받은 그대로 입력하세요');
  // A case-sensitive code in a font where l and I differ, each as wide as any other letter.
  expect(await evenWidths(field)).toBe(true);
  await field.fill('12345678AbCdEfGhIjKlMnOpQr!');
  await expect(codes).toContainText("등록번호에는 영문과 숫자만 들어갑니다. '!'는 쓸 수 없습니다.");
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);

  // An unfinished number is not an error while typing, only when going on.
  await field.fill('1234 5678');
  await expect(codes.getByTestId('typed-count')).toHaveText('지금 8자 / 27자');
  await expect(field).not.toHaveAttribute('aria-invalid', 'true');
  await page.getByTestId('next').click();
  await expect(codes).toContainText('등록번호는 영문과 숫자 27자리입니다. 지금 8자리를 입력했습니다.');
  await expect(field).toBeFocused();

  // Pasted with spaces and hyphens: fine, the backend drops them, and the sentence goes at once.
  await field.fill('1234-5678 AbCdE-fGhIj KlMnO-pQrS');
  await expect(codes.getByTestId('typed-count')).toHaveText('지금 27자 / 27자');
  await expect(codes).not.toContainText('27자리입니다');
  await expect(field).not.toHaveAttribute('aria-invalid', 'true');
  await page.getByTestId('next').click();

  // Step 3: the keychain by default, the password kept to the rules.
  const storage = page.getByTestId('step-storage');
  await expect(storage.getByRole('radio', { name: '이 컴퓨터의 키체인' })).toBeChecked();
  // The app starts generating the key (the default type) as the step opens.
  await expect.poll(() => callsOf(page, 'prepare_key')).toEqual([{ keyType: 'rsa2048' }]);
  // (A password is not a code: its field keeps the ordinary font.)
  expect(await evenWidths(storage.getByRole('textbox', { name: '인증서 암호 (새로 정하기)' }))).toBe(false);
  await storage.getByRole('textbox', { name: '인증서 암호 (새로 정하기)' }).fill('short');
  await expect(storage.getByTestId('rule-too-short')).toHaveAttribute('data-state', 'unmet');
  await expectAccessible(page);
  await page.getByTestId('next').click();
  await expect(storage).toContainText('새 암호가 아래 규칙을 모두 지켜야 합니다.');
  await expect(storage).toContainText('확인을 위해 같은 암호를 한 번 더 입력하세요.');
  // Each sentence goes as soon as its field is right.
  await choosePassword(page);
  await expect(storage).not.toContainText('규칙을 모두 지켜야');
  await expect(storage).not.toContainText('한 번 더 입력하세요');
  await page.getByTestId('next').click();

  // Step 4: what will be sent, secrets only as "entered".
  const review = page.getByTestId('step-review');
  const summary = review.getByTestId('issue-summary');
  await expect(summary).toContainText('참조번호 12345678 (인가코드 19자리 입력함)');
  await expect(summary).not.toContainText('AbCdE');
  // The CA by its name; its address only behind "자세히".
  await expect(summary.getByTestId('summary-ca')).toHaveText('도장 인증센터');
  const caUrl = summary.getByTestId('summary-ca-url');
  await expect(caUrl).toBeHidden();
  await expect(summary).not.toContainText(/\/cmp/, { useInnerText: true });
  await summary.getByRole('button', { name: '자세히' }).click();
  await expect(caUrl).toBeVisible();
  await expect(caUrl).toHaveText('https://ca.dojang.test/cmp');
  await expect(summary).toContainText('이 컴퓨터의 키체인');
  await expect(summary).toContainText('RSA 2048 (권장)');
  await expectAccessible(page);

  await page.evaluate(() => {
    window.__DOJANG_STEP_DELAY_MS__ = 250;
  });
  await review.getByRole('button', { name: '발급하기' }).click();
  const progress = review.getByTestId('progress');
  await expect(progress.locator('[aria-current="step"]')).toContainText('키 만들기');
  await expect(review.getByTestId('progress-checking-codes')).toHaveAttribute('data-state', 'done');
  await expect(review.getByTestId('progress-now')).toHaveText('이 컴퓨터에서 키를 만들고 있습니다…');
  await expect(review.getByTestId('progress-now')).toHaveAttribute('aria-live', 'polite');
  await expectAccessible(page);

  // Done: the new certificate as the list shows it.
  const done = page.getByTestId('step-done');
  await expect(done.getByRole('heading', { name: '인증서를 발급했습니다' })).toBeFocused({ timeout: 10_000 });
  await expect(done.getByTestId('issued-certificate')).toContainText('이도장');
  await expect(done.getByTestId('issue-unconfirmed')).toHaveCount(0);
  await expectAccessible(page);

  expect(await callsOf(page, 'issue_certificate')).toEqual([
    {
      request: {
        ca: 'https://ca.dojang.test/cmp',
        path: { kind: 'registration', registration_number: '1234-5678 AbCdE-fGhIj KlMnO-pQrS' },
        password: NEW_PASSWORD,
        key_type: 'rsa2048',
        to: { kind: 'keychain' },
      },
      onProgress: 'channel',
    },
  ]);

  // The codes and the password were checked in the window as they were typed: each crossed
  // to the native side once, in the request.
  expect(await commandsCarrying(page, NEW_PASSWORD)).toEqual(['issue_certificate']);
  expect(await commandsCarrying(page, 'AbCdE')).toEqual(['issue_certificate']);
  expect(await commandsCarrying(page, 'short')).toEqual([]);
  const sent = await commandsSent(page);
  expect(sent).not.toContain('check_codes');
  expect(sent).not.toContain('check_password');

  await done.getByRole('button', { name: '새 인증서 자세히 보기' }).click();
  await expect(page.getByTestId('details-owner')).toHaveText('이도장');
  expect(await callsOf(page, 'certificate_details')).toEqual([{ id: ISSUED_ID }]);

  // Nothing typed outlives the wizard; nothing was stored.
  expect(await page.content()).not.toContain(NEW_PASSWORD);
  const stored = await page.evaluate(() => JSON.stringify(window.localStorage));
  expect(stored).not.toContain(NEW_PASSWORD);
  expect(stored).not.toContain('AbCdE');
});

test('issuance e-mail: issue.html opened from the file dialog fills the application and the CA; the ID number is masked', async ({
  page,
}) => {
  await openScenario(page, 'three-certs-one-broken', {
    dialogAnswers: ['/home/user/Downloads/issue.html'],
    distribution: { cas: [] },
  });
  await openWizard(page);
  await page.getByText('발급 안내 메일', { exact: true }).click();
  // A build without CAs: the address may stay empty when the e-mail's file names the CA, said plainly.
  await expect(page.getByTestId('step-path')).toContainText('안내 메일에 첨부된 발급 안내 파일이 있으면 비워 두세요.');
  await expect(page.getByTestId('step-path')).not.toContainText('issue.html');
  await page.getByTestId('next').click();

  const codes = page.getByTestId('step-codes');
  await expectAccessible(page);
  // Nothing can be typed before the file names the CA: the cursor is on the way to it.
  await expect(codes.getByRole('button', { name: '발급 안내 파일 열기…' })).toBeFocused();
  await codes.getByRole('button', { name: '발급 안내 파일 열기…' }).click();
  // A build without CAs: the invitation's CA is accepted after the warning, before any code.
  await page.getByRole('alertdialog', { name: '처음 보는 인증기관입니다' }).getByRole('button', { name: '계속' }).click();
  await expect(codes.getByTestId('invitation')).toContainText('/home/user/Downloads/issue.html');
  await expect(codes.getByRole('textbox', { name: '신청번호' })).toHaveValue('20261125001');
  await expect(codes).toContainText('신청번호와 인증기관을 불러왔습니다.');

  const temp = codes.getByRole('textbox', { name: '발급용 임시번호 (10자리)' });
  const id = codes.getByRole('textbox', { name: '주민등록번호 또는 사업자등록번호' });
  await expect(codes).toContainText('인증서 암호와는 다릅니다');
  expect(await evenWidths(temp)).toBe(true);
  await temp.fill('aB3dE6gH9j');
  await expect(temp).toHaveAttribute('type', 'password');
  await id.fill('124-81-00999');
  await expect(id).toHaveAttribute('type', 'password');
  await page.getByTestId('next').click();
  await expect(codes).toContainText('사업자등록번호가 올바르지 않습니다. 숫자를 다시 확인해 주세요.');
  await expect(id).toBeFocused();
  await id.fill('124-81-00998');
  await expect(codes).not.toContainText('사업자등록번호가 올바르지 않습니다');
  await expect(id).not.toHaveAttribute('aria-invalid', 'true');

  // Forgot the temporary code: it is not the password, and whom to ask.
  await codes.getByRole('button', { name: '발급용 임시번호가 기억나지 않나요?' }).click();
  await expect(codes.getByTestId('forgot-code')).toContainText('인증서 암호와 다른 번호');
  await expect(codes.getByTestId('forgot-code').getByTestId('support-phone')).toHaveText('1577-8787');
  await expectAccessible(page);
  await page.getByTestId('next').click();

  // A USB drive: the certificate goes into its NPKI folder.
  const storage = page.getByTestId('step-storage');
  await answerDialogs(page, 'E:\\');
  await storage.getByText('직접 고른 폴더 (예: USB 메모리)', { exact: true }).click();
  await storage.getByRole('button', { name: '폴더 고르기…' }).click();
  await expect(storage).toContainText('E:\\NPKI');
  await choosePassword(page);
  await storage.getByRole('button', { name: '고급 설정' }).click();
  await storage.getByText('ECDSA P-256', { exact: true }).click();
  // Another type chosen: the app starts a key of that type instead.
  await expect
    .poll(() => callsOf(page, 'prepare_key'))
    .toEqual([{ keyType: 'rsa2048' }, { keyType: 'p256' }]);
  // The invitation names the CA: no address to type.
  await expect(storage.getByRole('textbox', { name: '인증기관 주소 (CMP)' })).toHaveCount(0);
  await page.getByTestId('next').click();

  const review = page.getByTestId('step-review');
  await expect(review.getByTestId('issue-summary')).toContainText('신청번호 20261125001');
  await expect(review.getByTestId('issue-summary')).toContainText('ca.dojang.test');
  await expect(review.getByTestId('issue-summary')).not.toContainText('1248100998');
  await review.getByRole('button', { name: '발급하기' }).click();
  await expect(page.getByTestId('step-done')).toBeVisible();

  expect(await callsOf(page, 'read_invitation')).toEqual([{ path: '/home/user/Downloads/issue.html' }]);
  expect(await callsOf(page, 'issue_certificate')).toEqual([
    {
      request: {
        ca: 'https://ca.dojang.test/cmp',
        allow_unlisted_ca: true,
        path: { kind: 'temporary', application: '20261125001', temp_code: 'aB3dE6gH9j', id_number: '124-81-00998' },
        password: NEW_PASSWORD,
        key_type: 'p256',
        to: { kind: 'npki', root: 'E:\\NPKI' },
      },
      onProgress: 'channel',
    },
  ]);
  // Where it was kept, in plain words (the folder itself is in the details).
  await expect(page.getByTestId('issued-certificate')).toContainText('USB 메모리 (E:)');
});

test('issue.html dropped on the list opens the wizard on the e-mail path; the application number can be typed too', async ({
  page,
}) => {
  await openScenario(page, 'empty');
  await expect(page.getByTestId('empty-state')).toContainText('지금 바로 발급받을 수 있습니다');
  const position = { x: 100, y: 100 };
  await page.evaluate(
    (pos) => window.__DOJANG_EMIT__?.('tauri://drag-enter', { paths: ['C:\\Users\\hong\\Downloads\\issue.html'], position: pos }),
    position,
  );
  await expect(page.getByTestId('drop-overlay')).toContainText('여기에 놓으면 발급 안내 파일을 엽니다');
  await page.evaluate(
    (pos) => window.__DOJANG_EMIT__?.('tauri://drag-drop', { paths: ['C:\\Users\\hong\\Downloads\\issue.html'], position: pos }),
    position,
  );
  const codes = page.getByTestId('step-codes');
  await expect(codes.getByRole('textbox', { name: '신청번호' })).toHaveValue('20261125001');
  await expect(codes.getByTestId('invitation')).toContainText('issue.html');
  // The file filled the application number: the cursor waits in the next field.
  await expect(codes.getByRole('textbox', { name: '발급용 임시번호 (10자리)' })).toBeFocused();

  // A file that is not an invitation: said, and the number can still be typed.
  await page.evaluate(
    (pos) => window.__DOJANG_EMIT__?.('tauri://drag-drop', { paths: ['C:\\Users\\hong\\memo.htm'], position: pos }),
    position,
  );
  await expect(codes.getByTestId('invitation')).toContainText('이 파일에는 발급 안내 링크가 없습니다.');
  await codes.getByRole('textbox', { name: '신청번호' }).fill('2026 1125 002');
  await expect(codes.getByRole('textbox', { name: '신청번호' })).toHaveValue('2026 1125 002');
});

test('the empty state leads to issuance', async ({ page }) => {
  await openScenario(page, 'empty');
  await page.getByRole('button', { name: '인증서 발급받기' }).click();
  await expect(page.getByRole('heading', { level: 2, name: '인증서 발급' })).toBeFocused();
});

test('a CA refusal is explained with the next step and the support contact, and what was typed stays for a retry', async ({
  page,
}) => {
  await openScenario(page, 'three-certs-one-broken');
  await toReview(page);
  await failWith(page, 'issue_certificate', { code: 'ca-too-many-attempts', params: { detail: 'too-many-attempts' } });
  await page.getByRole('button', { name: '발급하기' }).click();

  const failure = page.getByTestId('issue-failure');
  await expect(failure).toContainText('발급하지 못했습니다');
  await expect(failure).toContainText('잘못된 번호를 5번 입력해 신청이 잠겼습니다. 고객센터에 문의해 주세요.');
  await expect(failure.getByTestId('support-phone')).toHaveText('1577-8787');
  await expect(failure.getByTestId('support-url')).toHaveText('https://www.dojang.test/support');
  await expect(page.getByTestId('progress-contacting-ca')).toHaveAttribute('data-state', 'stopped');
  await expect(page.getByTestId('progress-receiving-certificate')).toHaveAttribute('data-state', 'pending');
  await expectAccessible(page);

  // A wrong code: back to the numbers, which are still there.
  await failWith(page, 'issue_certificate', { code: 'ca-wrong-code', params: { detail: 'wrong-code' } });
  await page.getByRole('button', { name: '발급하기' }).click();
  await expect(failure).toContainText('번호가 올바르지 않습니다. 대소문자를 구별하니');
  await failure.getByRole('button', { name: '번호 다시 입력하기' }).click();
  const codes = page.getByTestId('step-codes');
  const registration = codes.getByRole('textbox', { name: '등록번호' });
  await expect(registration).toHaveValue(REGISTRATION_NUMBER);
  await expect(codes.getByTestId('form-alert')).toContainText('번호가 올바르지 않습니다.');
  // The cursor in the number, all of it selected: typing it again replaces it, and the refusal goes.
  await expect(registration).toBeFocused();
  const before = await page.getByTestId('next').boundingBox();
  await page.keyboard.type(REGISTRATION_NUMBER);
  await expect(registration).toHaveValue(REGISTRATION_NUMBER);
  await expect(codes.getByTestId('form-alert')).toHaveCount(0);
  // Gone, it leaves its room: the button the person is about to press has not moved.
  expect(await page.getByTestId('next').boundingBox()).toEqual(before);
  await page.getByTestId('next').click();
  await expect(page.getByTestId('step-storage').getByRole('textbox', { name: '인증서 암호 (새로 정하기)' })).toHaveValue(
    NEW_PASSWORD,
  );
  await page.getByTestId('next').click();
  await page.getByRole('button', { name: '발급하기' }).click();
  await expect(page.getByTestId('step-done')).toBeVisible();
  expect(await callsOf(page, 'issue_certificate')).toHaveLength(3);
});

test('already issued leads to the list; an unreachable CA offers a retry; bad request gives details to copy', async ({
  page,
}) => {
  await openScenario(page, 'three-certs-one-broken');
  await toReview(page);
  const failure = page.getByTestId('issue-failure');

  await failWith(page, 'issue_certificate', { code: 'ca-unreachable', params: { detail: 'connection refused' } });
  await page.getByRole('button', { name: '발급하기' }).click();
  await expect(failure).toContainText('인증기관에 연결할 수 없습니다.');
  await expect(page.getByRole('button', { name: '다시 시도' })).toBeVisible();

  await failWith(page, 'issue_certificate', { code: 'ca-bad-request', params: { detail: 'rejection; failInfo: badMessageCheck' } });
  await page.getByRole('button', { name: '다시 시도' }).click();
  await expect(failure).toContainText('아래 기술 정보를 복사해 고객센터에 알려 주세요.');
  // The CA's own words are behind "기술 정보", for support; the sentence comes first.
  const detail = failure.getByText('rejection; failInfo: badMessageCheck');
  await expect(detail).toBeHidden();
  await failure.getByRole('button', { name: '기술 정보', exact: true }).click();
  await expect(detail).toBeVisible();
  await failure.getByRole('button', { name: '기술 정보 복사' }).click();
  await expect.poll(() => page.evaluate(() => window.__DOJANG_CLIPBOARD__?.at(-1))).toContain('code: ca-bad-request');

  await failWith(page, 'issue_certificate', { code: 'ca-already-issued', params: { detail: 'already-issued' } });
  await page.getByRole('button', { name: '발급하기' }).click();
  await expect(failure).toContainText('이 번호로는 이미 인증서가 발급되었습니다.');
  await failure.getByRole('button', { name: '인증서 목록 보기' }).click();
  await expect(page.getByTestId('certificate-row')).toHaveCount(3);
});

test('an unconfirmed issuance is said calmly; a password the backend refuses leads back to it', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken');
  await toReview(page);
  await failWith(page, 'issue_certificate', { code: 'password-sequential', params: {} });
  await page.getByRole('button', { name: '발급하기' }).click();
  await page.getByTestId('issue-failure').getByRole('button', { name: '저장할 곳과 암호 고치기' }).click();
  const password = page.getByTestId('step-storage').getByRole('textbox', { name: '인증서 암호 (새로 정하기)' });
  await expect(password).toBeFocused();
  await expect(password).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('step-storage')).toContainText('새 암호에 연속된 글자를 3개 이상 쓸 수 없습니다.');
  await choosePassword(page);
  await page.getByTestId('next').click();

  await page.evaluate(() => {
    window.__DOJANG_UNCONFIRMED__ = true;
  });
  await page.getByRole('button', { name: '발급하기' }).click();
  const unconfirmed = page.getByTestId('issue-unconfirmed');
  await expect(unconfirmed).toContainText('인증서는 저장되었고 그대로 쓸 수 있습니다.');
  await expect(page.getByTestId('issued-certificate')).toContainText('이도장');
});

test('keyboard only: the whole wizard, Enter going on from each field', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken');
  await expect(page.getByTestId('certificate-row')).toHaveCount(3);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: '인증서 발급' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: '인증서 발급' })).toBeFocused();

  // Step 1: Tab to the choice, arrows between the two, Tab on to "다음".
  const registration = page.getByRole('radio', { name: '등록번호 (27자리)' });
  await page.keyboard.press('Tab');
  await expect(registration).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: '발급 안내 메일' })).toBeChecked();
  await page.keyboard.press('ArrowUp');
  await expect(registration).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('no-mail').getByRole('button')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('next')).toBeFocused();
  await page.keyboard.press('Enter');

  // Step 2: the field has the cursor, so typing goes straight in; Enter goes on.
  await expect(page.getByRole('textbox', { name: '등록번호' })).toBeFocused();
  await page.keyboard.type(REGISTRATION_NUMBER);
  await page.keyboard.press('Enter');

  // Step 3: keychain chosen; Tab to the password; Enter from the confirmation goes on.
  await expect(page.getByRole('heading', { level: 3, name: /3단계/ })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('radio', { name: '이 컴퓨터의 키체인' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('textbox', { name: '인증서 암호 (새로 정하기)' })).toBeFocused();
  await page.keyboard.type(NEW_PASSWORD);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('textbox', { name: '인증서 암호 다시 입력' })).toBeFocused();
  await page.keyboard.type(NEW_PASSWORD);
  await page.keyboard.press('Enter');

  // Step 4: Tab reaches the CA's "자세히", "이전", then "발급하기".
  await expect(page.getByRole('heading', { level: 3, name: /4단계/ })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('summary-ca-details').getByRole('button', { name: '자세히' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('previous')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: '발급하기' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: '인증서를 발급했습니다' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: '이도장, 자세히 보기' })).toBeFocused();
  expect(await callsOf(page, 'issue_certificate')).toHaveLength(1);
});

test('Enter that commits a Hangul syllable does not go on', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken');
  await openWizard(page);
  await page.getByTestId('next').click();
  const field = page.getByRole('textbox', { name: '등록번호' });
  await field.fill(REGISTRATION_NUMBER);
  for (const isComposing of [true, false]) {
    await field.evaluate((input, composing) => {
      input.dispatchEvent(
        new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', keyCode: 229, isComposing: composing, bubbles: true, cancelable: true }),
      );
    }, isComposing);
  }
  await page.waitForTimeout(300);
  await expect(page.getByTestId('step-codes')).toBeVisible();
  await field.press('Enter');
  await expect(page.getByTestId('step-storage')).toBeVisible();
});

test('the wizard reads in English', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken', { lang: 'en' });
  await page.getByRole('button', { name: 'Get a certificate' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Get a certificate' })).toBeFocused();
  await expect(page.getByTestId('step-path')).toContainText('A registration number (27 characters)');
  await expect(page.getByTestId('step-path')).toContainText('the issuance file attached to it');
  await expect(page.getByTestId('step-path')).not.toContainText('issue.html');
  await page.getByTestId('next').click();
  await expect(page.getByTestId('step-codes')).toContainText('Upper and lower case differ');
  await expectAccessible(page);
  await page.getByRole('textbox', { name: 'Registration number' }).fill(REGISTRATION_NUMBER);
  await page.getByTestId('next').click();

  // The new password in plain words, its rules "met" or "not met yet".
  const storage = page.getByTestId('step-storage');
  await storage.getByRole('textbox', { name: 'New password for the certificate' }).fill('abc');
  // Its confirmation is asked for in the same words.
  await expect(storage.getByRole('textbox', { name: 'New password again', exact: true })).toBeVisible();
  await expect(storage).not.toContainText('Certificate password again');
  await expect(storage.getByTestId('rule-too-short')).toContainText('not met yet');
  await expect(storage.getByTestId('rule-needs-letter')).toHaveAttribute('data-state', 'met');
  await expect(storage.getByTestId('rule-needs-letter').locator('.rule__state')).toHaveText('met');
  await expect(storage.getByTestId('password-rules')).not.toContainText('kept');
  await page.getByTestId('next').click();
  await expect(storage).toContainText('The new password must meet all the rules below.');
  await expectAccessible(page);
});

test('a CA known by a short name is shown by the name people know', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken', {
    distribution: { cas: [{ name: 'yessign', cmp_url: 'https://ca.dojang.test/cmp' }] },
  });
  await toReview(page);
  const summary = page.getByTestId('issue-summary');
  await expect(summary.getByTestId('summary-ca')).toHaveText('금융결제원');
  await expect(summary.getByTestId('summary-ca-url')).toBeHidden();
  await expectAccessible(page);
});

test('a CA the distribution names in Korean is named in English in an English window', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken', {
    distribution: { cas: [{ name: '금융결제원', cmp_url: 'https://ca.dojang.test/cmp' }] },
  });
  await toReview(page);
  const summary = page.getByTestId('issue-summary');
  await expect(summary.getByTestId('summary-ca')).toHaveText('금융결제원');
  await page.getByRole('banner').getByRole('radio', { name: 'English' }).click();
  await expect(summary.getByTestId('summary-ca')).toHaveText('KFTC (yessign)');
  await expectAccessible(page);
});

test('the wizard in dark mode, with a refusal and the progress, has no serious axe violation', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openScenario(page, 'three-certs-one-broken', { distribution: { sandbox: true } });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await toReview(page);
  await failWith(page, 'issue_certificate', { code: 'ca-application-expired', params: { detail: 'application-expired' } });
  await page.getByRole('button', { name: '발급하기' }).click();
  await expect(page.getByTestId('issue-failure')).toContainText('신청 후 30일이 지나 신청이 자동으로 취소되었습니다.');
  await expectAccessible(page);
});

/** Where a control sits on the page (not on the screen: a scroll does not count as a move). */
async function placeOf(locator: import('@playwright/test').Locator): Promise<{ x: number; y: number }> {
  return locator.evaluate((element) => {
    const box = element.getBoundingClientRect();
    let scrolled = 0;
    for (let node = element.parentElement; node !== null; node = node.parentElement) scrolled += node.scrollTop;
    return { x: Math.round(box.left), y: Math.round(box.top + scrolled) };
  });
}

test('an error under a field that comes and goes does not move the button below', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken');
  await openWizard(page);
  await page.getByTestId('next').click();

  // The codes: a character that can never be right shows its error at once, and it goes once fixed.
  const codes = page.getByTestId('step-codes');
  const field = codes.getByRole('textbox', { name: '등록번호' });
  const next = page.getByTestId('next');
  await field.fill('12345678AbCdEfGhIjKl');
  const before = await placeOf(next);
  await field.fill('12345678AbCdEfGhIjKl!');
  await expect(codes).toContainText("'!'는 쓸 수 없습니다.");
  expect(await placeOf(next)).toEqual(before);
  await field.fill('12345678AbCdEfGhIjKlMnOpQrS');
  await expect(field).not.toHaveAttribute('aria-invalid', 'true');
  expect(await placeOf(next)).toEqual(before);
  await next.click();

  // The new password: an empty confirmation said, then typed.
  const storage = page.getByTestId('step-storage');
  await storage.getByRole('textbox', { name: '인증서 암호 (새로 정하기)' }).fill('seal#7294xq');
  const confirm = storage.getByRole('textbox', { name: '인증서 암호 다시 입력' });
  const beforeStorage = await placeOf(next);
  await next.click();
  await expect(confirm).toHaveAttribute('aria-invalid', 'true');
  expect(await placeOf(next)).toEqual(beforeStorage);
  await confirm.fill('seal#7294xq');
  await expect(confirm).not.toHaveAttribute('aria-invalid', 'true');
  expect(await placeOf(next)).toEqual(beforeStorage);
});

/** How many lines each of the kept-together runs (`Unbroken`) inside `scope` takes, with its text. */
function unbrokenRuns(scope: Locator): Promise<{ text: string; lines: number }[]> {
  return scope.locator('.unbroken').evaluateAll((runs) =>
    runs.map((run) => ({
      text: run.textContent,
      lines: new Set(Array.from(run.getClientRects()).map((rect) => Math.round(rect.top))).size,
    })),
  );
}

for (const lang of ['ko', 'en'] as const) {
  test(`at 800×600 in ${lang} a count never parts from its unit, nor a short note in brackets from itself`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: 800, height: 600 });
    await openScenario(page, 'three-certs-one-broken', { lang });
    await expect(page.getByTestId('certificate-row')).toHaveCount(3);
    let path: { text: string; lines: number }[] = [];
    await walkWizardToReview(page, lang, async (step) => {
      if (step === 'path') path = await unbrokenRuns(page.getByTestId('step-path'));
    });
    expect(path).toContainEqual({ text: lang === 'ko' ? '(27자리)' : '(27 characters)', lines: 1 });
    expect(path.every((run) => run.lines === 1), JSON.stringify(path)).toBe(true);

    const summary = page.getByTestId('issue-summary');
    const runs = await unbrokenRuns(summary);
    // “(19-character” once read “(19-” at a line's end and “character …” below it.
    expect(runs).toContainEqual({ text: lang === 'ko' ? '(인가코드 19자리 입력함)' : '(19-character', lines: 1 });
    expect(runs.every((run) => run.lines === 1), JSON.stringify(runs)).toBe(true);
    await expect(summary).toContainText(
      lang === 'ko'
        ? '참조번호 12345678 (인가코드 19자리 입력함)'
        : 'Reference number 12345678 (19-character authorization code entered)',
    );
    await expectNoSidewaysScroll(page);
  });
}

for (const lang of ['ko', 'en'] as const) {
  test(`in ${lang} the issuance file is called so wherever it is meant, never by its file name`, async ({ page }) => {
    const words = WORDS[lang];
    await openScenario(page, 'three-certs-one-broken', { lang, dialogAnswers: [null] });
    await expect(page.getByTestId('certificate-row')).toHaveCount(3);
    const body = page.locator('body');

    // A file of another kind dropped on the list: what it says names the file in plain words.
    await page.evaluate(() =>
      window.__DOJANG_EMIT__?.('tauri://drag-drop', { paths: ['/home/user/a.txt'], position: { x: 100, y: 100 } }),
    );
    await expect(page.getByTestId('announcer')).toHaveText(words['import.dropOnlyPfx']);
    await expect(page.getByTestId('announcer')).toContainText(lang === 'ko' ? '발급 안내 파일' : 'issuance files');
    await expect(page.getByTestId('announcer')).not.toContainText('issue.html');

    // The e-mail path's file step: its hint, its button and the file dialog's title and filter.
    await page.getByTestId('open-issue').click();
    await page.getByText(words['issue.path.temporary'], { exact: true }).click();
    await page.getByTestId('next').click();
    const codes = page.getByTestId('step-codes');
    await expect(codes).toContainText(words['issue.invitationHint']);
    await expect(body).not.toContainText('issue.html', { useInnerText: true });
    await codes.getByRole('button', { name: words['issue.openInvitation'] }).click();
    await expect.poll(() => callsOf(page, 'plugin:dialog|open')).toHaveLength(1);
    const [asked] = await callsOf(page, 'plugin:dialog|open');
    expect(asked).toEqual({
      options: {
        title: words['issue.invitationDialogTitle'],
        multiple: false,
        directory: false,
        filters: [{ name: words['issue.invitationFilter'], extensions: ['html', 'htm'] }],
      },
    });
    expect(JSON.stringify(asked)).not.toContain('issue.html');
    await expect(body).not.toContainText('issue.html', { useInnerText: true });
    await expectAccessible(page);
  });
}
