/**
 * Signing for a site: what the window shows of the signatures made, on each
 * certificate's details.
 */
import { callsOf, expect, expectAccessible, HONG_ID, openDetails, openScenario, test } from './support';

test('the details list the certificate’s recent signatures, or say there are none', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken');
  await openDetails(page, '홍길동');
  const history = page.getByTestId('signature-history');
  await expect(history.getByRole('heading', { level: 3 })).toHaveText('최근 서명');
  const records = history.getByTestId('history-record');
  await expect(records).toHaveCount(2);
  await expect(records.nth(0)).toContainText('도장은행');
  await expect(records.nth(0)).toContainText('https://bank.dojang.test');
  await expect(records.nth(0)).toContainText('2025년 11월 24일 14:12');
  await expect(records.nth(0).getByTestId('history-purpose')).toHaveText('로그인');
  await expect(records.nth(1)).toContainText('https://shop.example.com:8443');
  await expect(records.nth(1).getByTestId('history-purpose')).toHaveText('서명');
  await expect(history).toContainText('서명한 내용은 남기지 않습니다');
  expect(await callsOf(page, 'signature_history')).toEqual([{ id: HONG_ID }]);
  await expectAccessible(page);

  await page.getByTestId('back').click();
  await openDetails(page, '김철수');
  await expect(page.getByTestId('signature-history').getByTestId('history-empty')).toHaveText(
    '이 인증서로 사이트에 서명한 적이 없습니다.',
  );
  await expect(page.getByTestId('signature-history').getByTestId('history-record')).toHaveCount(0);
});

test('in English and in dark mode, the recent signatures read plainly with no serious accessibility problem', async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openScenario(page, 'three-certs-one-broken', { lang: 'en' });
  await openDetails(page, '홍길동');
  const history = page.getByTestId('signature-history');
  await expect(history.getByRole('heading', { level: 3 })).toHaveText('Recent signatures');
  await expect(history.getByTestId('history-purpose')).toHaveText(['Log in', 'Sign']);
  await expect(history.getByTestId('history-record').first()).toContainText('November 24, 2025 at 14:12');
  await expectAccessible(page);
});
