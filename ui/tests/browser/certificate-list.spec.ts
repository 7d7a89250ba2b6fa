import { expect, expectAccessible, openScenario, test } from './support';

test.describe('certificate list (Korean, the default)', () => {
  test.beforeEach(async ({ page }) => {
    await openScenario(page, 'three-certs-one-broken');
  });

  test('shows every certificate with its owner, purpose, CA, place and status in plain words', async ({ page }) => {
    await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('도장');
    await expect(page.getByText('공동인증서 관리')).toBeVisible();

    const rows = page.getByTestId('certificate-row');
    await expect(rows).toHaveCount(3);
    await expect(page.getByTestId('owner')).toHaveText(['(주)도장 테스트', '김철수', '홍길동']);

    const hong = rows.filter({ has: page.getByRole('heading', { name: '홍길동' }) });
    await expect(hong.getByTestId('purpose')).toContainText('개인 범용');
    await expect(hong.getByTestId('ca')).toHaveText('금융결제원');
    await expect(hong.getByTestId('validity')).toHaveText('사용 가능');
    await expect(hong.getByTestId('expiry')).toContainText('2027년 1월 12일');
    await expect(hong.getByTestId('remaining')).toHaveText('412일 남음');
    await expect(hong.getByTestId('place')).toHaveText('이 컴퓨터');
    // The NPKI folder, with its DN, and the key are for the details: a card says it in words.
    await expect(hong.getByTestId('path')).toHaveCount(0);
    await expect(hong).not.toContainText('cn=');
    await expect(hong).not.toContainText('RSA');

    const kim = rows.filter({ has: page.getByRole('heading', { name: '김철수' }) });
    await expect(kim.getByTestId('purpose')).toContainText('개인 용도제한 (은행·보험)');
    // Its issuer cannot be found in the sample: one verdict, the path's, the days left by the date.
    await expect(kim.getByTestId('validity')).toHaveText('인증 경로 문제');
    await expect(kim.getByTestId('remaining')).toHaveText('12일 남음');
    await expect(kim.getByTestId('ca')).toHaveText('한국정보인증');
    await expect(kim.getByTestId('place')).toHaveText('USB 메모리 (E:)');

    const corporate = rows.filter({ has: page.getByRole('heading', { name: '(주)도장 테스트' }) });
    await expect(corporate.getByTestId('purpose')).toContainText('법인 범용');
    await expect(corporate.getByTestId('validity')).toHaveText('만료됨 (45일 지남)');
    await expect(corporate.getByTestId('remaining')).toHaveCount(0);
    await expect(corporate.getByTestId('place')).toHaveText('‘인증서 백업’ 폴더');
  });

  test('uses a real list with a heading per certificate', async ({ page }) => {
    const list = page.getByRole('list').filter({ has: page.getByTestId('certificate-row') });
    await expect(list.getByRole('listitem')).toHaveCount(3);
    await expect(page.getByRole('heading', { level: 2, name: /내 인증서/ })).toContainText('3개');
    await expect(page.getByRole('heading', { level: 3, name: '김철수' })).toBeVisible();
  });

  test('shows the unreadable folder as its own row, beside the readable ones', async ({ page }) => {
    const row = page.getByTestId('unreadable-row');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(
      '인증서 파일이 잘려 있습니다. 복사가 끝까지 되지 않았을 수 있습니다.',
    );
    await expect(row.getByTestId('place')).toHaveText('USB 메모리 (E:)');
    await expect(row.getByTestId('path').first()).toContainText('E:\\NPKI\\yessign\\USER');
    await expect(page.getByTestId('certificate-row')).toHaveCount(3);
  });

  test('has no serious accessibility problem', async ({ page }) => {
    await expect(page.getByTestId('certificate-row')).toHaveCount(3);
    await expectAccessible(page);
  });

  test('has no serious accessibility problem in dark mode', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect(page.getByTestId('certificate-row')).toHaveCount(3);
    await expectAccessible(page);
  });

  test('fits a 640px wide window without sideways scrolling', async ({ page }) => {
    await page.setViewportSize({ width: 640, height: 720 });
    await expect(page.getByTestId('certificate-row')).toHaveCount(3);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible(page);
  });

  test('refresh asks the backend again and keeps the list on screen', async ({ page }) => {
    await expect(page.getByTestId('certificate-row')).toHaveCount(3);
    const before = await page.evaluate(() => window.__DOJANG_IPC_CALLS__ ?? 0);
    await page.getByRole('button', { name: '새로 고침' }).click();
    await expect.poll(() => page.evaluate(() => window.__DOJANG_IPC_CALLS__ ?? 0)).toBe(before + 1);
    await expect(page.getByTestId('certificate-row')).toHaveCount(3);
  });
});

test('shows a loading state while the backend is searching', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken', { delayMs: 800 });
  await expect(page.getByTestId('loading')).toHaveText('이 컴퓨터에서 인증서를 찾고 있습니다…');
  await expect(page.getByTestId('loading')).toHaveRole('status');
  await expect(page.getByTestId('certificate-row')).toHaveCount(3);
  await expect(page.getByTestId('loading')).toHaveCount(0);

  // A refresh keeps the current list and marks the button as busy instead.
  const refresh = page.getByTestId('refresh');
  await refresh.click();
  await expect(refresh).toHaveAttribute('aria-disabled', 'true');
  await expect(refresh).toContainText('찾는 중…');
  await expect(page.getByTestId('certificate-row')).toHaveCount(3);
  await expect(refresh).toHaveText('새로 고침');
  await expect(refresh).not.toHaveAttribute('aria-disabled', 'true');
});
