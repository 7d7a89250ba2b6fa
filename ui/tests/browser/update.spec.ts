import { callsOf, expect, expectAccessible, openScenario, test } from './support';

async function openSettings(page: import('@playwright/test').Page): Promise<void> {
  await page.getByRole('button', { name: '설정' }).click();
  await expect(page.getByRole('heading', { name: '업데이트' })).toBeVisible();
}

test('a build without an updater says where new versions come from', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken');
  await openSettings(page);
  await page.getByTestId('update-check-button').click();
  await expect(page.getByTestId('update-status')).toHaveText(
    '이 프로그램은 자동 업데이트를 쓰지 않습니다. 새 버전은 프로그램을 받은 은행이나 인증기관에서 받으세요.',
  );
  await expect(page.getByTestId('update-install-button')).toHaveCount(0);
});

test('the latest version is said; a newer one is offered, and a failed install leaves the current one', async ({
  page,
}) => {
  await page.addInitScript(() => {
    window.__DOJANG_UPDATE__ = null;
  });
  await openScenario(page, 'three-certs-one-broken');
  await openSettings(page);
  await page.getByTestId('update-check-button').click();
  await expect(page.getByTestId('update-status')).toHaveText('지금 쓰는 버전이 최신입니다.');

  await page.evaluate(() => {
    window.__DOJANG_UPDATE__ = { version: '0.2.0', notes: '갱신 화면을 고쳤습니다.' };
  });
  await page.getByTestId('update-check-button').click();
  await expect(page.getByTestId('update-status')).toContainText('새 버전 0.2.0');
  await expect(page.getByTestId('update-notes')).toHaveText('갱신 화면을 고쳤습니다.');
  await expectAccessible(page);
  await page.getByTestId('update-install-button').click();
  await expect(page.getByTestId('update-status')).toContainText('새 버전을 설치하지 못했습니다');
  await expect(page.getByTestId('update-status')).toContainText('지금 쓰는 버전은 그대로입니다');
  expect(await callsOf(page, 'install_update')).toHaveLength(1);
});
