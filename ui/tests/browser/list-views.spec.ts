/**
 * The list as cards (the default) or as rows, one line per certificate, for
 * people who keep hundreds; and a list of a thousand that renders, scrolls to
 * its end and narrows as a search is typed.
 */
import type { Page } from '@playwright/test';

import { thousand, THOUSAND } from '../../test/fixtures';
import {
  card,
  countInView,
  expect,
  expectAccessible,
  expectHeaderOnOneRow,
  expectNoSidewaysScroll,
  openScenario,
  test,
  WINDOW_SIZES,
  WORDS,
} from './support';

/** Chooses the view by its name in `lang`, as a person would. */
async function chooseView(page: Page, view: 'cards' | 'rows', lang: 'ko' | 'en' = 'ko'): Promise<void> {
  const words = WORDS[lang];
  const group = page.getByRole('radiogroup', { name: words['list.viewLabel'] });
  const option = group.getByRole('radio', { name: view === 'rows' ? words['list.viewRows'] : words['list.viewCards'] });
  await option.click();
  await expect(option).toBeChecked();
  await expect(page.getByTestId('certificate-list')).toHaveAttribute('data-view', view);
}

test('the list is cards until rows are chosen; the choice outlives a restart and a row opens its details', async ({
  page,
}) => {
  await openScenario(page, 'four-places');
  const list = page.getByTestId('certificate-list');
  const group = page.getByRole('radiogroup', { name: '보기' });
  await expect(group.getByRole('radio', { name: '카드' })).toBeChecked();
  await expect(list).toHaveAttribute('data-view', 'cards');

  await chooseView(page, 'rows');
  expect(await page.evaluate(() => window.localStorage.getItem('dojang.listView'))).toBe('rows');
  await page.reload();
  await expect(list).toHaveAttribute('data-view', 'rows');
  await expect(group.getByRole('radio', { name: '목록' })).toBeChecked();

  // The same facts as a card, in the same words, and the labels still there for screen readers.
  const kim = card(page, '김철수');
  await expect(kim.getByTestId('purpose')).toContainText('개인 용도제한 (은행·보험)');
  await expect(kim.getByTestId('ca')).toHaveText('한국정보인증');
  await expect(kim.getByTestId('remaining')).toHaveText('12일 남음');
  await expect(kim.getByTestId('place')).toBeVisible();
  await expect(kim.getByTestId('validity')).toHaveText('인증 경로 문제');
  await expect(kim.getByRole('term').first()).toHaveText('만료일');
  // One line at the default size: no taller than the owner's line and a little room.
  const rowHeights = await page.getByTestId('certificate-row').evaluateAll((rows) => rows.map((row) => row.getBoundingClientRect().height));
  for (const height of rowHeights) expect(height).toBeLessThan(60);
  await expectAccessible(page);

  // The owner's button has the card's name; it opens the details, and the way back lands on it.
  await page.getByRole('button', { name: '김철수, 자세히 보기' }).click();
  await expect(page.getByTestId('details-owner')).toHaveText('김철수');
  await page.getByRole('button', { name: '목록으로' }).click();
  await expect(page.getByRole('button', { name: '김철수, 자세히 보기' })).toBeFocused();
  await expect(list).toHaveAttribute('data-view', 'rows');

  await chooseView(page, 'cards');
  await page.reload();
  await expect(list).toHaveAttribute('data-view', 'cards');
});

test('the view is chosen with the keyboard alone', async ({ page }) => {
  await openScenario(page, 'four-places');
  const cards = page.getByRole('radio', { name: '카드' });
  const rows = page.getByRole('radio', { name: '목록' });
  await cards.focus();
  await page.keyboard.press('ArrowRight');
  await expect(rows).toBeFocused();
  await page.keyboard.press('Space');
  await expect(rows).toBeChecked();
  await expect(page.getByTestId('certificate-list')).toHaveAttribute('data-view', 'rows');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Enter');
  await expect(cards).toBeChecked();
  await expect(page.getByTestId('certificate-list')).toHaveAttribute('data-view', 'cards');
});

test('in English the choice reads Cards / List', async ({ page }) => {
  await openScenario(page, 'four-places', { lang: 'en' });
  const group = page.getByRole('radiogroup', { name: 'View' });
  await expect(group.getByRole('radio')).toHaveText(['Cards', 'List']);
  await chooseView(page, 'rows', 'en');
  await expect(page.getByRole('button', { name: '김철수, Details' })).toBeVisible();
  await expectAccessible(page);
});

for (const lang of ['ko', 'en'] as const) {
  for (const size of WINDOW_SIZES) {
    // Under 62 rem the search has a row of its own (its hint read whole), which costs a row here.
    const wanted = size.width >= 1040 ? 12 : 5;
    test(`rows at ${size.width}×${size.height} in ${lang}: ${wanted} in view, nothing sideways`, async ({ page }) => {
      await page.setViewportSize(size);
      await openScenario(page, 'thousand', { lang });
      await chooseView(page, 'rows', lang);
      await expectHeaderOnOneRow(page);
      await expectNoSidewaysScroll(page);
      expect(await countInView(page.getByTestId('certificate-row'))).toBeGreaterThanOrEqual(wanted);
      await expect(page.getByRole('searchbox')).toBeInViewport({ ratio: 1 });
      await expect(page.getByTestId('list-view')).toBeInViewport({ ratio: 1 });
      // A purpose the row may cut short shows whole on hover.
      const purposes = await page
        .getByTestId('purpose')
        .evaluateAll((all) =>
          all.slice(0, 3).map((p) => [p.getAttribute('title'), p.lastChild?.textContent ?? ''] as const),
        );
      expect(purposes).toHaveLength(3);
      for (const [title, text] of purposes) expect(title).toBe(text);
    });
  }
}

for (const view of ['cards', 'rows'] as const) {
  test(`a thousand certificates as ${view}: all listed, the last reached by scrolling, a search narrows them`, async ({
    page,
  }) => {
    await openScenario(page, 'thousand');
    if (view === 'rows') await chooseView(page, 'rows');
    const rows = page.getByTestId('certificate-row');
    await expect(rows).toHaveCount(THOUSAND);
    await expect(page.getByTestId('list-count')).toHaveText(`${THOUSAND}개`);

    const last = rows.last();
    const lastOwner = thousand.certificates.at(-1)?.owner ?? '';
    await last.scrollIntoViewIfNeeded();
    await expect(last).toBeInViewport();
    await expect(last.getByTestId('owner')).toHaveText(lastOwner);
    await page.keyboard.press('End');
    await expect(last).toBeInViewport();

    // A company's name: the fixture makes every tenth certificate a firm's.
    const search = page.getByRole('searchbox', { name: '인증서 찾기' });
    const firms = thousand.certificates.filter((c) => c.owner.includes('세무회계'));
    await search.fill('세무회계');
    await expect(rows).toHaveCount(firms.length);
    await expect(page.getByTestId('list-count')).toHaveText(`${THOUSAND}개 중 ${firms.length}개`);
    await expect(page.getByTestId('owner').first()).toHaveText(firms[0]?.owner ?? '');

    // Typed one key at a time, as a person does: a number found in one owner's name alone.
    await search.fill('');
    await expect(rows).toHaveCount(THOUSAND);
    await search.pressSequentially('0777');
    await expect(page.getByTestId('owner')).toHaveText([thousand.certificates.find((c) => c.owner.endsWith(' 0777'))?.owner ?? '']);

    // By the CA's name in words.
    const signKorea = thousand.certificates.filter((c) => c.ca === 'SignKorea');
    await search.fill('코스콤');
    await expect(rows).toHaveCount(signKorea.length);
  });
}
