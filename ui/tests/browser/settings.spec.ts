import { clipboard, expect, expectAccessible, openScenario, test } from './support';

test('settings: colours, text size and language are kept; about; diagnostics without personal data', async ({
  page,
}) => {
  await openScenario(page, 'four-places', { version: '0.1.0' });
  await expect(page.getByTestId('certificate-row')).toHaveCount(4);
  await page.getByRole('button', { name: '설정' }).click();
  await expect(page.getByRole('heading', { level: 2, name: '설정' })).toBeFocused();
  await expect(page.getByTestId('app-version')).toHaveText('0.1.0');
  await expectAccessible(page);

  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-theme', 'light');
  await page.getByRole('radio', { name: '어둡게' }).click();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await expectAccessible(page);

  await page.getByRole('radio', { name: '아주 크게' }).click();
  await expect(html).toHaveAttribute('data-text-size', 'larger');
  expect(await html.evaluate((el) => getComputedStyle(el).fontSize)).toBe('24px');

  await page.getByRole('button', { name: '진단 정보 복사' }).click();
  await expect(page.getByTestId('announcer')).toHaveText('복사했습니다');
  const [diagnostics] = await clipboard(page);
  expect(diagnostics).toContain('Dojang 0.1.0');
  expect(diagnostics).toContain('language: ko');
  expect(diagnostics).toContain(`platform: ${await page.evaluate(() => navigator.userAgent)}`);
  expect(diagnostics).toContain('keychain: 1');
  expect(diagnostics).toContain('npki on removable drives: 1');
  expect(diagnostics).toContain('distribution: 도장, sandbox: no, CAs: 1');
  for (const secret of ['홍길동', '김철수', 'abcdef01', 'NPKI\\', 'yessign']) {
    expect(diagnostics).not.toContain(secret);
  }

  await page.reload();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await expect(html).toHaveAttribute('data-text-size', 'larger');
  expect(await page.evaluate(() => [localStorage.getItem('dojang.theme'), localStorage.getItem('dojang.textSize')])).toEqual([
    'dark',
    'larger',
  ]);

  // "Same as the computer" follows the computer.
  await page.getByRole('button', { name: '설정' }).click();
  await page.getByRole('radio', { name: '컴퓨터 설정 따르기' }).click();
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(html).toHaveAttribute('data-theme', 'light');

  await page.getByRole('button', { name: '목록으로' }).click();
  await expect(page.getByRole('heading', { level: 2, name: /내 인증서/ })).toBeFocused();
});

test('settings in English, when the version cannot be read', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken', { lang: 'en' });
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Settings' })).toBeVisible();
  await expect(page.getByTestId('app-version')).toHaveText('Unknown');
  await expect(page.getByRole('radiogroup', { name: 'Text size' })).toBeVisible();
  await expect(page.getByTestId('diagnostics')).toContainText('Dojang unknown');
  await expect(page.getByTestId('diagnostics')).toContainText('language: en');
  await expectAccessible(page);
});
