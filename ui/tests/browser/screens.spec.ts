/**
 * Every screen at the two window sizes, in Korean and in English: the list,
 * the empty list, a certificate's details (its technical section opened),
 * each step of the issuance wizard, the settings, and the import,
 * change-password and export dialogs. None scrolls sideways or cuts text at
 * its side, each screen's main button can be reached (a dialog's without
 * scrolling the page), and with DOJANG_SCREENSHOT_DIR set each is saved as
 * <screen>-<lang>-<width>.png for a person to look at.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import type { Locator, Page } from '@playwright/test';

import {
  expect,
  expectInViewAsIs,
  expectNoSidewaysScroll,
  expectReachable,
  openDetails,
  openScenario,
  test,
  walkWizardToReview,
  WINDOW_SIZES,
  WORDS,
} from './support';

const dir = process.env.DOJANG_SCREENSHOT_DIR;

test.beforeAll(() => {
  if (dir !== undefined) mkdirSync(dir, { recursive: true });
});

type Lang = 'ko' | 'en';

/**
 * The elements that cut what they hold at their side: wider content than
 * their box, with overflow hidden (an ellipsis on purpose is not counted).
 */
function cutSideways(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('body *'))
      .filter((element) => {
        // Text for screen readers only is clipped to a pixel on purpose.
        if (element.clientWidth <= 1 || element.closest('.visually-hidden') !== null) return false;
        const style = getComputedStyle(element);
        if (style.overflowX === 'visible' || style.textOverflow === 'ellipsis') return false;
        // What scrolls on purpose (a code block) can be scrolled to.
        if (style.overflowX === 'auto' || style.overflowX === 'scroll') return false;
        return element.scrollWidth > element.clientWidth + 1;
      })
      .map((element) => `${element.tagName.toLowerCase()}.${element.className}: ${element.textContent.slice(0, 40)}`),
  );
}

/**
 * Where a screen's main button must be: on a page, reached by scrolling
 * ('page'), or in view as the screen opens ('in-view'); in a dialog, in view
 * without scrolling the page behind it ('dialog', pictured as the window shows it).
 */
type Place = 'page' | 'in-view' | 'dialog';

/** The checks every screen passes, and its picture when pictures are wanted. */
async function screen(page: Page, name: string, lang: Lang, primary: Locator, place: Place = 'page'): Promise<void> {
  await expectNoSidewaysScroll(page);
  expect(await cutSideways(page), `text cut at its side on ${name}`).toEqual([]);
  if (place === 'page') {
    await expectReachable(primary);
    await page.evaluate(() => window.scrollTo(0, 0));
  } else {
    await expectInViewAsIs(page, primary);
  }
  if (dir !== undefined) {
    const width = page.viewportSize()?.width ?? 0;
    const path = join(dir, `${name}-${lang}-${width}.png`);
    await page.screenshot({ path, fullPage: place !== 'dialog', animations: 'disabled' });
  }
}

for (const lang of ['ko', 'en'] as const) {
  for (const size of WINDOW_SIZES) {
    const at = `at ${size.width}×${size.height} in ${lang}`;

    test(`the list, the details, the settings and the dialogs ${at}`, async ({ page }) => {
      const words = WORDS[lang];
      await page.setViewportSize(size);
      await openScenario(page, 'four-places', { lang, version: '0.1.0' });
      await expect(page.getByTestId('certificate-row')).toHaveCount(4);
      // The list's own buttons are in view as the window opens.
      await expectInViewAsIs(page, page.getByTestId('open-issue'));
      await screen(page, 'list', lang, page.getByTestId('open-import'), 'in-view');

      await page.getByTestId('open-import').click();
      const importing = page.getByRole('dialog', { name: words['import.title'] });
      await expect(importing).toBeVisible();
      await screen(page, 'import', lang, importing.getByTestId('submit'), 'dialog');
      await page.keyboard.press('Escape');
      await expect(importing).toBeHidden();

      await openDetails(page, '홍길동');
      await expectInViewAsIs(page, page.getByTestId('back'));
      // The line saying which copy the actions apply to keeps clear of their buttons.
      const note = await page.getByTestId('managed-copy').boundingBox();
      const button = await page.getByTestId('open-change-password').boundingBox();
      if (note === null || button === null) throw new Error('not laid out');
      expect(button.y - (note.y + note.height), 'space above the buttons').toBeGreaterThanOrEqual(8);
      await screen(page, 'details', lang, page.getByTestId('open-change-password'));
      await page.getByTestId('technical-toggle').click();
      await expect(page.getByTestId('technical-toggle')).toHaveAttribute('aria-expanded', 'true');
      await screen(page, 'details-technical', lang, page.getByTestId('open-change-password'));

      await page.getByTestId('open-change-password').click();
      const changing = page.getByRole('dialog', { name: words['changePassword.title'] });
      await expect(changing).toBeVisible();
      await screen(page, 'change-password', lang, changing.getByTestId('submit'), 'dialog');
      await page.keyboard.press('Escape');
      await expect(changing).toBeHidden();

      await page.getByTestId('open-export').click();
      const exporting = page.getByRole('dialog', { name: words['export.title'] });
      await expect(exporting).toBeVisible();
      await screen(page, 'export', lang, exporting.getByTestId('submit'), 'dialog');
      await page.keyboard.press('Escape');
      await expect(exporting).toBeHidden();

      await page.getByTestId('open-settings').click();
      await expect(page.getByTestId('app-version')).toHaveText('0.1.0');
      await expectInViewAsIs(page, page.getByTestId('back'));
      await screen(page, 'settings', lang, page.getByTestId('back'));
    });

    test(`the empty list ${at}`, async ({ page }) => {
      await page.setViewportSize(size);
      await openScenario(page, 'empty', { lang });
      await expect(page.getByTestId('empty-state')).toBeVisible();
      // The way to a first certificate is in view without scrolling.
      await expectInViewAsIs(page, page.getByTestId('empty-issue'));
      await screen(page, 'empty', lang, page.getByTestId('empty-issue'), 'in-view');
    });

    test(`each step of the issuance wizard ${at}`, async ({ page }) => {
      await page.setViewportSize(size);
      await openScenario(page, 'three-certs-one-broken', { lang });
      await expect(page.getByTestId('certificate-row')).toHaveCount(3);
      await walkWizardToReview(page, lang, (step) => screen(page, `issue-${step}`, lang, page.getByTestId('next')));

      await page.evaluate(() => {
        window.__DOJANG_STEP_DELAY_MS__ = 1500;
      });
      await page.getByTestId('next').click();
      const current = page.getByTestId('progress-generating-key');
      await expect(current).toHaveAttribute('data-state', 'current');
      // The progress is what the person watches: it is in view as it runs.
      await screen(page, 'issue-progress', lang, current, 'in-view');

      await expect(page.getByTestId('step-done')).toBeVisible({ timeout: 15_000 });
      await screen(page, 'issue-done', lang, page.getByTestId('done-open-details'));
    });
  }
}
