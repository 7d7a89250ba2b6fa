import { expect, ipcCalls, openScenario, test } from './support';

test('the language switch and refresh work with the keyboard alone', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken');
  await expect(page.getByTestId('certificate-row')).toHaveCount(3);

  const refresh = page.getByRole('button', { name: '새로 고침' });
  const korean = page.getByRole('radio', { name: '한국어' });
  const english = page.getByRole('radio', { name: 'English' });

  // Tab from the top reaches issuance first, then settings and the language switch; the list's
  // own refresh comes after them.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: '인증서 발급' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: '설정' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(korean).toBeFocused();

  // Arrow to English, choose it with Enter.
  await page.keyboard.press('ArrowRight');
  await expect(english).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(english).toBeChecked();

  // Back to Korean with Space.
  await page.keyboard.press('ArrowLeft');
  await expect(korean).toBeFocused();
  await page.keyboard.press('Space');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  await expect(korean).toBeChecked();

  // Tab on to the list's refresh; Enter and Space both refresh.
  await page.keyboard.press('Tab');
  await expect(refresh).toBeFocused();
  const before = await ipcCalls(page);
  await page.keyboard.press('Enter');
  await expect.poll(() => ipcCalls(page)).toBe(before + 1);
  await expect(refresh).toHaveText('새로 고침');
  await page.keyboard.press('Space');
  await expect.poll(() => ipcCalls(page)).toBe(before + 2);
  await expect(page.getByTestId('certificate-row')).toHaveCount(3);
});

test('focus is visible on the controls', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken');
  await expect(page.getByTestId('certificate-row')).toHaveCount(3);
  await page.keyboard.press('Tab');
  const issue = page.getByRole('button', { name: '인증서 발급' });
  await expect(issue).toBeFocused();
  const outline = await issue.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).toBe('solid');
});
