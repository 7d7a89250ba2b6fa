import { answerDialogs, expect, expectAccessible, openScenario, SAMPLE_PASSWORD, test } from './support';

test('search by owner, CA or purpose, filter by place, and say when nothing matches', async ({ page }) => {
  await openScenario(page, 'four-places');
  const rows = page.getByTestId('certificate-row');
  const count = page.getByTestId('list-count');
  await expect(rows).toHaveCount(4);
  await expect(count).toHaveText('4개');

  const search = page.getByRole('searchbox', { name: '인증서 찾기' });
  await search.fill('홍길');
  await expect(rows).toHaveCount(2);
  await expect(count).toHaveText('4개 중 2개');
  await expect(page.getByTestId('announcer')).toHaveText('인증서 2개가 보입니다.');

  await search.fill('kica');
  await expect(page.getByTestId('owner')).toHaveText(['김철수']);
  await search.fill('은행');
  await expect(page.getByTestId('owner')).toHaveText(['김철수']);
  await search.fill('법인');
  await expect(page.getByTestId('owner')).toHaveText(['(주)도장 테스트']);

  // Each place says how many of the matches it holds; the choice sits beside the search.
  await search.fill('');
  const filter = page.getByRole('button', { name: /저장 위치/ });
  await expect(filter).toContainText('모든 곳4개');
  await filter.click();
  const places = page.getByRole('listbox');
  await expect(places.getByRole('option')).toHaveCount(5);
  await expect(page.getByTestId('filter-keychain')).toContainText('이 컴퓨터의 키체인1개');
  await expectAccessible(page);
  await places.getByRole('option', { name: 'USB 메모리' }).click();
  await expect(page.getByTestId('owner')).toHaveText(['김철수']);
  await expect(count).toHaveText('4개 중 1개');
  await expect(filter).toContainText('USB 메모리1개');
  await expectAccessible(page);

  await search.fill('홍길동');
  await expect(filter).toContainText('USB 메모리0개');
  await expect(rows).toHaveCount(0);
  const noMatch = page.getByTestId('no-match');
  await expect(noMatch).toContainText('찾는 조건에 맞는 인증서가 없습니다.');
  await expect(noMatch.getByTestId('no-match-hint')).toHaveText('검색어를 지우거나 저장 위치를 ‘모든 곳’으로 바꿔 보세요.');
  await expect(page.getByTestId('unreadable-row')).toHaveCount(1);
  await noMatch.getByRole('button', { name: '모두 보기' }).click();
  await expect(rows).toHaveCount(4);
  await expect(search).toHaveValue('');
  await expect(filter).toContainText('모든 곳4개');

  // The keyboard alone: the list of places opens with the arrow keys.
  await filter.focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('listbox')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('listbox')).toHaveCount(0);
});

test('with one place, no place to choose, and the hint when nothing matches speaks of the search alone', async ({ page }) => {
  await openScenario(page, 'one-place');
  await expect(page.getByTestId('certificate-row')).toHaveCount(1);
  await expect(page.getByTestId('place-filter')).toHaveCount(0);
  await page.getByRole('searchbox', { name: '인증서 찾기' }).fill('김철수');
  const hint = page.getByTestId('no-match').getByTestId('no-match-hint');
  await expect(hint).toHaveText('검색어를 지우거나 다르게 써 보세요.');
  await expect(page.getByTestId('no-match')).not.toContainText('저장 위치');
  await expectAccessible(page);

  await page.getByRole('radio', { name: 'English' }).click();
  await expect(hint).toHaveText('Clear the search, or try other words.');
});

test('the search survives a visit to the details', async ({ page }) => {
  await openScenario(page, 'four-places');
  await page.getByRole('searchbox', { name: '인증서 찾기' }).fill('김철수');
  await page.getByTestId('certificate-row').click();
  await page.getByRole('button', { name: '목록으로' }).click();
  await expect(page.getByRole('searchbox', { name: '인증서 찾기' })).toHaveValue('김철수');
  await expect(page.getByTestId('certificate-row')).toHaveCount(1);
});

test('a search does not hide a certificate just issued: the list comes back whole', async ({ page }) => {
  await openScenario(page, 'three-certs-one-broken');
  const rows = page.getByTestId('certificate-row');
  await expect(rows).toHaveCount(3);
  const search = page.getByRole('searchbox', { name: '인증서 찾기' });
  await search.fill('김철수');
  await expect(rows).toHaveCount(1);
  await expect(page.getByTestId('list-count')).toHaveText('3개 중 1개');

  await page.getByRole('button', { name: '인증서 발급' }).click();
  await page.getByTestId('next').click();
  await page.getByRole('textbox', { name: '등록번호' }).fill('12345678AbCdEfGhIjKlMnOpQrS');
  await page.getByTestId('next').click();
  await page.getByRole('textbox', { name: '인증서 암호 (새로 정하기)' }).fill('seal#7294xq');
  await page.getByRole('textbox', { name: '인증서 암호 다시 입력' }).fill('seal#7294xq');
  await page.getByTestId('next').click();
  await page.getByRole('button', { name: '발급하기' }).click();
  await expect(page.getByTestId('step-done')).toBeVisible();
  await page.getByTestId('back').click();

  await expect(search).toHaveValue('');
  await expect(rows).toHaveCount(4);
  await expect(page.getByTestId('list-count')).toHaveText('4개');
  await expect(page.getByTestId('owner')).toContainText(['이도장']);

  // The same after an import.
  await search.fill('김철수');
  await expect(rows).toHaveCount(1);
  await page.getByRole('button', { name: '인증서 가져오기' }).click();
  const dialog = page.getByRole('dialog', { name: '인증서 가져오기' });
  await answerDialogs(page, 'C:\\Users\\user\\Downloads\\홍길동.p12');
  await dialog.getByRole('button', { name: '파일 고르기…' }).click();
  await dialog.getByRole('textbox', { name: 'PFX 파일 암호' }).fill(SAMPLE_PASSWORD);
  await dialog.getByRole('textbox', { name: '인증서 암호 (새로 정하기)' }).fill('usb!Pass9753');
  await dialog.getByRole('textbox', { name: '인증서 암호 다시 입력' }).fill('usb!Pass9753');
  await dialog.getByRole('button', { name: '가져오기' }).click();
  await expect(dialog).toBeHidden();
  await expect(search).toHaveValue('');
  await expect(page.getByTestId('list-count')).not.toContainText('중');
});
