import { expect, expectAccessible, openScenario, test } from './support';

test('switching to English changes the words and survives a reload', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken');
  await expect(page.getByTestId('certificate-row')).toHaveCount(3);

  const english = page.getByRole('radio', { name: 'English' });
  await expect(page.getByRole('radio', { name: '한국어' })).toBeChecked();
  await english.click();
  await expect(english).toBeChecked();

  const check = async () => {
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dojang');
    await expect(page.getByText('Joint certificate manager')).toBeVisible();
    await expect(page.getByRole('radio', { name: 'English' })).toBeChecked();
    // Owners' names are data: they stay as issued.
    await expect(page.getByTestId('owner')).toHaveText(['(주)도장 테스트', '김철수', '홍길동']);

    const rows = page.getByTestId('certificate-row');
    const hong = rows.filter({ has: page.getByRole('heading', { name: '홍길동' }) });
    await expect(hong.getByTestId('purpose')).toContainText('Personal, all purposes');
    await expect(hong.getByTestId('expiry')).toContainText('January 12, 2027');
    await expect(hong.getByTestId('remaining')).toHaveText('412 days left');
    await expect(hong.getByTestId('place')).toHaveText('This computer');

    const kim = rows.filter({ has: page.getByRole('heading', { name: '김철수' }) });
    await expect(kim.getByTestId('validity')).toHaveText('Path problem');
    await expect(kim.getByTestId('remaining')).toHaveText('12 days left');

    const corporate = rows.filter({ has: page.getByRole('heading', { name: '(주)도장 테스트' }) });
    await expect(corporate.getByTestId('validity')).toHaveText('Expired (45 days ago)');

    await expect(page.getByTestId('unreadable-row')).toContainText(
      'The certificate file is cut short. It may not have been copied completely.',
    );
    await expect(page.getByText('개인 범용')).toHaveCount(0);
    await expect(page.getByText('곧 만료')).toHaveCount(0);
  };

  await check();
  expect(await page.evaluate(() => window.localStorage.getItem('dojang.lang'))).toBe('en');
  await expectAccessible(page);

  await page.reload();
  await check();

  await page.getByRole('radio', { name: '한국어' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  await expect(page.getByText('개인 범용')).toBeVisible();
});
