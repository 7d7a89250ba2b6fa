import { expect, expectAccessible, ipcCalls, openScenario, test } from './support';

test('when the backend fails, says why and lets the user try again', async ({ page }) => {
  await openScenario(page, 'ipc-error');

  const failure = page.getByTestId('load-error');
  await expect(failure).toBeVisible();
  await expect(failure.getByRole('heading', { level: 2 })).toHaveText(
    '인증서 목록을 불러오지 못했습니다',
  );
  await expect(failure).toContainText(
    '폴더를 열 수 없습니다. 이 폴더를 읽을 권한이 없을 수 있습니다.',
  );
  await expect(failure).toContainText('C:\\Users\\user\\AppData\\LocalLow\\NPKI');
  await expect(failure).toContainText('Access is denied. (os error 5)');
  await expect(page.getByTestId('certificate-row')).toHaveCount(0);
  expect(await ipcCalls(page)).toBe(1);
  await expectAccessible(page);

  await failure.getByRole('button', { name: '다시 시도' }).click();

  await expect(page.getByTestId('certificate-row')).toHaveCount(3);
  await expect(page.getByTestId('load-error')).toHaveCount(0);
  expect(await ipcCalls(page)).toBe(2);
});

test('the error reads in English too', async ({ page }) => {
  await page.addInitScript(() => window.localStorage.setItem('dojang.lang', 'en'));
  await openScenario(page, 'ipc-error');
  const failure = page.getByTestId('load-error');
  await expect(failure.getByRole('heading', { level: 2 })).toHaveText(
    'The certificate list could not be loaded',
  );
  await expect(failure).toContainText('The folder could not be opened.');
  await expect(failure.getByRole('button', { name: 'Try again' })).toBeVisible();
  await expectAccessible(page);
});
