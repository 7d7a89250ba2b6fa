import { expect, expectAccessible, ipcCalls, openScenario, test } from './support';

test('with no certificate, explains what to do and where we looked', async ({ page }) => {
  await openScenario(page, 'empty');

  const empty = page.getByTestId('empty-state');
  await expect(empty).toBeVisible();
  await expect(empty.getByRole('heading', { level: 2 })).toHaveText(
    '아직 이 컴퓨터에 인증서가 없습니다',
  );
  await expect(empty).toContainText('등록번호');
  await expect(empty).toContainText('NPKI 폴더');

  const searched = empty.getByTestId('searched-roots').getByRole('listitem');
  await expect(searched).toHaveCount(2);
  await expect(searched.nth(0)).toContainText('이 컴퓨터');
  await expect(searched.nth(0)).toContainText('C:\\Users\\user\\AppData\\LocalLow\\NPKI');
  await expect(searched.nth(1)).toContainText('USB 메모리 (E:)');
  await expect(searched.nth(1)).toContainText('E:\\NPKI');

  await expect(page.getByTestId('certificate-row')).toHaveCount(0);
  await expect(page.getByTestId('unreadable-row')).toHaveCount(0);
  await expectAccessible(page);

  // "Press refresh below" once a USB stick is plugged in: the button is there.
  await expect(empty).toContainText('아래의 ‘새로 고침’ 버튼');
  const calls = await ipcCalls(page);
  await empty.getByRole('button', { name: '새로 고침' }).click();
  await expect.poll(() => ipcCalls(page)).toBe(calls + 1);

  await page.getByRole('radio', { name: 'English' }).click();
  await expect(empty.getByRole('heading', { level: 2 })).toHaveText(
    'There are no certificates on this computer yet',
  );
  await expect(empty).toContainText('Folders searched');
  await expect(searched.nth(1)).toContainText('USB drive (E:)');
  await expectAccessible(page);
});
