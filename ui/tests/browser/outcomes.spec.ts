/**
 * Every outcome (a failure, a job done, progress) comes into view and is
 * announced, even in a small window where it happens below the fold.
 */
import {
  answerDialogs,
  expect,
  expectAccessible,
  failNext,
  openDetails,
  openScenario,
  SAMPLE_PASSWORD,
  test,
} from './support';

const SMALL = { width: 800, height: 600 };

test.beforeEach(async ({ page }) => {
  await page.setViewportSize(SMALL);
});

test('an issuance the CA refuses: its progress, then why, in view and focused', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken');
  await page.getByRole('button', { name: '인증서 발급' }).click();
  await page.getByTestId('next').click();
  await page.getByRole('textbox', { name: '등록번호' }).fill('12345678AbCdEfGhIjKlMnOpQrS');
  await page.getByTestId('next').click();
  await page.getByRole('textbox', { name: '인증서 암호 (새로 정하기)' }).fill('seal#7294xq');
  await page.getByRole('textbox', { name: '인증서 암호 다시 입력' }).fill('seal#7294xq');
  await page.getByTestId('next').click();
  await page.evaluate(() => {
    window.__DOJANG_STEP_DELAY_MS__ = 1000;
    window.__DOJANG_FAILURES__ = { issue_certificate: [{ code: 'ca-too-many-attempts', params: { detail: 'too-many-attempts' } }] };
  });
  await page.getByRole('button', { name: '발급하기' }).click();

  // The steps as they happen, where the person can see them.
  await expect(page.getByTestId('progress-contacting-ca')).toHaveAttribute('data-state', 'current');
  await expect(page.getByTestId('progress')).toBeInViewport({ ratio: 1 });

  const failure = page.getByTestId('issue-failure');
  await expect(failure).toBeVisible();
  await expect(failure).toBeInViewport();
  await expect(failure).toBeFocused();
  await expect(failure).toHaveRole('alert');
  await expect(failure.getByTestId('issue-failure-text')).toBeInViewport({ ratio: 1 });
  await expectAccessible(page);
});

test('a changed password and an export: what was done, in view and said aloud', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken');
  await openDetails(page, '홍길동');
  // Scrolled down to the bottom first, as a person reading the details would be.
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.getByRole('button', { name: '암호 변경' }).click();
  const dialog = page.getByRole('dialog', { name: '인증서 암호 변경' });
  await dialog.getByRole('textbox', { name: '현재 인증서 암호' }).fill(SAMPLE_PASSWORD);
  await dialog.getByRole('textbox', { name: '새 암호', exact: true }).fill('seal#7294xq');
  await dialog.getByRole('textbox', { name: '새 암호 다시 입력' }).fill('seal#7294xq');
  await dialog.getByRole('button', { name: '암호 바꾸기' }).click();
  await expect(dialog).toBeHidden();
  const done = page.getByTestId('done-notice');
  await expect(done).toHaveText('인증서 암호를 바꿨습니다.');
  await expect(done).toBeInViewport({ ratio: 1 });
  await expect(page.getByTestId('announcer')).toHaveText('인증서 암호를 바꿨습니다.');

  // A failure inside a dialog is brought into view within it.
  await page.getByRole('button', { name: 'PFX로 내보내기' }).click();
  const exporting = page.getByRole('dialog', { name: 'PFX 파일로 내보내기' });
  await exporting.getByRole('textbox', { name: '인증서 암호' }).fill(SAMPLE_PASSWORD);
  await exporting.getByRole('textbox', { name: 'PFX 파일 암호 (새로 정하기)' }).fill('pfx!pass2580');
  await exporting.getByRole('textbox', { name: 'PFX 파일 암호 다시 입력' }).fill('pfx!pass2580');
  await answerDialogs(page, 'E:\\백업\\홍길동.pfx');
  await exporting.getByRole('button', { name: '저장할 곳 고르기…' }).click();
  await failNext(page, 'export_pfx', 'disk-full');
  await exporting.getByRole('button', { name: '내보내기' }).click();
  const alert = exporting.getByTestId('form-alert');
  await expect(alert).toContainText('저장 공간이 부족합니다.');
  await expect(alert).toBeInViewport({ ratio: 1 });

  await exporting.getByRole('button', { name: '내보내기' }).click();
  await expect(exporting).toBeHidden();
  await expect(done).toContainText('PFX 파일로 내보냈습니다.');
  await expect(done).toBeInViewport({ ratio: 1 });
  await expectAccessible(page);
});

test('an import, from the bottom of a long list: the notice in view above the list', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken');
  await expect(page.getByTestId('certificate-row')).toHaveCount(3);
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.getByRole('button', { name: '인증서 가져오기' }).click();
  const dialog = page.getByRole('dialog', { name: '인증서 가져오기' });
  await answerDialogs(page, 'D:\\backup\\hong.pfx');
  await dialog.getByRole('button', { name: '파일 고르기…' }).click();
  await dialog.getByRole('textbox', { name: 'PFX 파일 암호' }).fill(SAMPLE_PASSWORD);
  await dialog.getByRole('textbox', { name: '인증서 암호 (새로 정하기)' }).fill('seal#7294xq');
  await dialog.getByRole('textbox', { name: '인증서 암호 다시 입력' }).fill('seal#7294xq');
  await dialog.getByRole('button', { name: '가져오기' }).click();
  await expect(dialog).toBeHidden();
  const notice = page.getByTestId('app-notice');
  await expect(notice).toHaveText('인증서를 가져왔습니다.');
  await expect(notice).toBeInViewport({ ratio: 1 });
  await expect(page.getByTestId('announcer')).toHaveText('인증서를 가져왔습니다.');
});
