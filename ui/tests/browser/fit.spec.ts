/**
 * The window as a first-time customer meets it, at the app's default size
 * (1040×720) and a small laptop's (800×600), in Korean and in English:
 * nothing scrolls sideways, the header keeps to one row, and the list shows
 * several certificates without scrolling. A dialog taller than the window
 * scrolls its body between its title and its buttons, which stay in view.
 */
import { readFileSync } from 'node:fs';

import type { Locator, Page } from '@playwright/test';

import type { ErrorCode } from '../../src/bindings/ErrorCode';
import { PASSWORD_RULE_CODES } from '../../src/checks';
import type { ErrorSentences } from '../../src/i18n/errorCatalog';
import {
  countInView,
  expect,
  expectAccessible,
  expectHeaderOnOneRow,
  expectNoSidewaysScroll,
  expectStill,
  onPage,
  onScreen,
  openDetails,
  openScenario,
  SAMPLE_PASSWORD,
  test,
  WINDOW_SIZES,
  WORDS as CATALOG,
} from './support';

/** The labels the tests below find controls by, in each language. */
function labelsIn(lang: 'ko' | 'en') {
  const words = CATALOG[lang];
  return {
    identityPassword: words['identity.password'],
    idNumber: words['identity.idNumber'],
    current: words['changePassword.current'],
    newPassword: words['changePassword.new'],
    confirm: words['changePassword.confirm'],
    emailPath: words['issue.path.temporary'],
    openInvitation: words['issue.openInvitation'],
    application: words['issue.application'],
    tempCode: words['issue.tempCode'],
    wizardIdNumber: words['issue.idNumber'],
  };
}

/** The catalog's sentence for every error code, as the window bundles it (`errorCatalog.ts`). */
const ERROR_SENTENCES = JSON.parse(
  readFileSync(new URL('../../../crates/dojang-core/data/errors.json', import.meta.url), 'utf8'),
) as Record<'ko' | 'en', ErrorSentences>;

for (const lang of ['ko', 'en'] as const) {
  for (const size of WINDOW_SIZES) {
    const wanted = size.width >= 1040 ? 3 : 2;
    test(`the list at ${size.width}×${size.height} in ${lang}: one header row, ${wanted} whole cards in view`, async ({
      page,
    }) => {
      await page.setViewportSize(size);
      // Four places: the keychain, this computer, a USB drive and another folder, the longest words.
      await openScenario(page, 'four-places', { lang });
      const cards = page.getByTestId('certificate-row');
      await expect(cards).toHaveCount(4);
      await expectHeaderOnOneRow(page);
      await expectNoSidewaysScroll(page);
      expect(await countInView(cards)).toBeGreaterThanOrEqual(wanted);
      // The search and the choice of place are in view with them.
      await expect(page.getByRole('searchbox')).toBeInViewport({ ratio: 1 });
      await expect(page.getByTestId('place-filter-button')).toBeInViewport({ ratio: 1 });
      // What the search looks in is read whole in its empty box, and the box keeps its name.
      await expect(page.getByRole('searchbox', { name: lang === 'ko' ? '인증서 찾기' : 'Search' })).toHaveCount(1);
      const room = await page.getByRole('searchbox').evaluate((input: HTMLInputElement) => {
        const style = getComputedStyle(input);
        const context = document.createElement('canvas').getContext('2d');
        if (context === null) throw new Error('no canvas');
        context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const content = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        return content - context.measureText(input.placeholder).width;
      });
      expect(room, 'the placeholder cut').toBeGreaterThanOrEqual(0);
      await expectAccessible(page);
    });
  }
}

/** The part of a dialog that scrolls: its title above and its buttons below stay put. */
async function expectFullyShownInDialog(dialog: Locator, target: Locator): Promise<void> {
  await target.focus();
  await expect(target).toBeInViewport({ ratio: 1 });
  const box = await target.boundingBox();
  const head = await dialog.locator('.dialog__head').boundingBox();
  const actions = await dialog.locator('.dialog__actions').boundingBox();
  if (box === null || head === null || actions === null) throw new Error('not laid out');
  expect(box.y, 'below the title').toBeGreaterThanOrEqual(head.y + head.height - 1);
  expect(box.y + box.height, 'above the buttons').toBeLessThanOrEqual(actions.y + 1);
  await expect(dialog.getByRole('heading').first()).toBeInViewport({ ratio: 1 });
  await expect(dialog.getByTestId('submit')).toBeInViewport({ ratio: 1 });
}

/**
 * What helps with a dialog's fields is in view as it opens, not pushed below its buttons by the
 * lines kept for errors: wholly between its title and its buttons, the dialog not scrolled.
 */
async function expectHelpInFirstView(dialog: Locator, help: Locator): Promise<void> {
  expect(await dialog.evaluate((element) => element.closest('.modal')?.scrollTop ?? 0), 'the dialog scrolled').toBe(0);
  const count = await help.count();
  expect(count, 'no help text found').toBeGreaterThan(0);
  const head = await dialog.locator('.dialog__head').boundingBox();
  const actions = await dialog.locator('.dialog__actions').boundingBox();
  if (head === null || actions === null) throw new Error('not laid out');
  for (let i = 0; i < count; i += 1) {
    const box = await help.nth(i).boundingBox();
    if (box === null) throw new Error('help not laid out');
    const text = await help.nth(i).textContent();
    expect(box.y, `“${text}” below the title`).toBeGreaterThanOrEqual(head.y + head.height - 1);
    expect(box.y + box.height, `“${text}” above the buttons`).toBeLessThanOrEqual(actions.y + 1);
  }
}

/** Neither the window nor the dialog scrolls sideways. */
async function expectDialogFitsSideways(page: Page, dialog: Locator): Promise<void> {
  await expectNoSidewaysScroll(page);
  const overflow = await dialog.evaluate((element) => {
    const modal = element.closest('.modal') ?? element;
    return modal.scrollWidth - modal.clientWidth;
  });
  expect(overflow, 'the dialog scrolling sideways').toBeLessThanOrEqual(0);
  // The dialog's frame (what scrolls inside it aside) lies within the window.
  const box = await dialog.locator('xpath=ancestor::*[contains(@class, "modal")][1]').boundingBox();
  const viewport = page.viewportSize();
  if (box === null || viewport === null) throw new Error('not laid out');
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
  // The title and the buttons, which stay while the body scrolls under them, cover the dialog
  // edge to edge: nothing scrolled under them (a focused field's ring, say) shows beside them.
  const edges = await dialog.evaluate((element) => {
    const frame = element.getBoundingClientRect();
    return Array.from(element.querySelectorAll('.dialog__head, .dialog__actions'), (sticky) => {
      const r = sticky.getBoundingClientRect();
      return { left: r.left - frame.left, right: frame.right - r.right };
    });
  });
  expect(edges.length).toBeGreaterThanOrEqual(2);
  for (const edge of edges) expect(edge).toEqual({ left: 0, right: 0 });
}

const WORDS = {
  ko: {
    changePassword: ['암호 변경', '인증서 암호 변경', '새 암호 다시 입력'],
    export: ['PFX로 내보내기', 'PFX 파일로 내보내기', 'PFX 파일 암호 다시 입력', '저장할 곳 고르기…'],
    import: ['인증서 가져오기', '인증서 가져오기', '인증서 암호 다시 입력'],
  },
  en: {
    changePassword: ['Change password', 'Change the certificate password', 'New password again'],
    export: ['Export as PFX', 'Export as a PFX file', 'New PFX file password again', 'Choose where to save…'],
    import: ['Import a certificate', 'Import a certificate', 'New password again'],
  },
} as const;

for (const lang of ['ko', 'en'] as const) {
  test(`the dialogs at 800×600 in ${lang}: the help in view as they open, the body scrolls, the title and the buttons stay`, async ({ page }) => {
    const words = WORDS[lang];
    await page.setViewportSize({ width: 800, height: 600 });
    await openScenario(page, 'three-certs-one-broken', { lang });
    await expect(page.getByTestId('certificate-row')).toHaveCount(3);

    await page.getByRole('button', { name: words.import[0], exact: true }).first().click();
    const importing = page.getByRole('dialog', { name: words.import[1] });
    // What each kind of import is.
    await expectHelpInFirstView(importing, importing.getByTestId('import-kind').locator('.choice__hint'));
    await expectDialogFitsSideways(page, importing);
    await expectFullyShownInDialog(importing, importing.getByRole('textbox', { name: words.import[2] }));
    await expectAccessible(page);
    await page.keyboard.press('Escape');
    await expect(importing).toBeHidden();

    await openDetails(page, '홍길동');
    await page.getByRole('button', { name: words.changePassword[0], exact: true }).click();
    const changing = page.getByRole('dialog', { name: words.changePassword[1] });
    // The rules of the new password begin in view: their heading and the first of them.
    await expectHelpInFirstView(changing, changing.locator('.rules__heading, [data-testid="rule-too-short"]'));
    await expectDialogFitsSideways(page, changing);
    await expectFullyShownInDialog(changing, changing.getByRole('textbox', { name: words.changePassword[2] }));
    await page.keyboard.press('Escape');
    await expect(changing).toBeHidden();

    await page.getByRole('button', { name: words.export[0], exact: true }).click();
    const exporting = page.getByRole('dialog', { name: words.export[1] });
    // What the file's password is for, under its field, whole.
    await expectHelpInFirstView(exporting, exporting.locator('.field__hint'));
    await expectDialogFitsSideways(page, exporting);
    await expectFullyShownInDialog(exporting, exporting.getByRole('textbox', { name: words.export[2] }));
    await expectFullyShownInDialog(exporting, exporting.getByRole('button', { name: words.export[3] }));
    await expectAccessible(page);
    await page.keyboard.press('Escape');
    await expect(exporting).toBeHidden();

    // The identity check: how to type the number, under its field.
    await page.getByTestId('open-identity').click();
    const identity = page.getByTestId('identity-dialog');
    await expectHelpInFirstView(identity, identity.locator('.field__hint'));
    await page.keyboard.press('Escape');

    // Renewal and revocation: what they do and what they cannot undo, above their fields.
    await page.getByTestId('back').click();
    await openDetails(page, '김철수');
    await page.getByTestId('renew-now').click();
    const renewing = page.getByTestId('renew-dialog');
    await expectHelpInFirstView(renewing, renewing.locator('.dialog__intro'));
    await page.keyboard.press('Escape');
    await page.getByTestId('open-revoke').click();
    const revoking = page.getByTestId('revoke-dialog');
    await expectHelpInFirstView(revoking, revoking.locator('.notice'));
  });
}

/**
 * Every sentence an error under a field can say in the dialogs and the wizard, as the window
 * says it (its own words) or as the catalog does (the backend's, and the window's checks of the
 * codes): the longest is the one to try.
 */
const FIELD_ERRORS: readonly ErrorCode[] = [
  'wrong-password',
  'pfx-wrong-password',
  'id-number-malformed',
  'business-number-check-digit',
  ...Object.values(PASSWORD_RULE_CODES),
  'registration-number-length',
  'registration-number-character',
  'reference-number-not-digits',
  'application-number-malformed',
  'temporary-code-length',
  'temporary-code-character',
  'ca-url-malformed',
  'ca-url-insecure',
];

function longestFieldError(lang: 'ko' | 'en'): ErrorCode {
  const length = (code: ErrorCode) => ERROR_SENTENCES[lang][code].length;
  return [...FIELD_ERRORS].sort((a, b) => length(b) - length(a))[0] ?? 'internal';
}

/** How many lines a block of text takes. */
function linesOf(locator: Locator): Promise<number> {
  return locator.evaluate((element) => {
    const lineHeight = parseFloat(getComputedStyle(element).lineHeight);
    return Math.round(element.getBoundingClientRect().height / lineHeight);
  });
}

for (const lang of ['ko', 'en'] as const) {
  test(`at 800×600 in ${lang} the longest error under a field moves no button as it comes and goes`, async ({ page }) => {
    const words = labelsIn(lang);
    const longest = longestFieldError(lang);
    // The ID number's: the field it belongs to is in a dialog and in the wizard.
    expect(longest).toBe('id-number-malformed');
    const sentence = ERROR_SENTENCES[lang][longest];
    await page.setViewportSize({ width: 800, height: 600 });
    await openScenario(page, 'three-certs-one-broken', { lang, dialogAnswers: ['/home/user/Downloads/issue.html'] });
    await openDetails(page, '홍길동');

    // A short dialog, centred: it grows upward, its buttons stay.
    await page.getByTestId('open-identity').click();
    const identity = page.getByTestId('identity-dialog');
    await identity.getByRole('textbox', { name: words.identityPassword }).fill(SAMPLE_PASSWORD);
    const idNumber = identity.getByRole('textbox', { name: words.idNumber });
    await idNumber.fill('123');
    const check = identity.getByTestId('submit');
    const before = await onScreen(check);
    await check.click();
    const error = identity.locator('.field__error');
    await expect(error).toHaveText(sentence);
    expect(await linesOf(error), 'the message takes more than the line kept for it').toBeGreaterThanOrEqual(2);
    await expectStill(check, before);
    await idNumber.fill('900101-1234567');
    await expect(error).toHaveCount(0);
    await expectStill(check, before);
    await expectAccessible(page);
    await page.keyboard.press('Escape');

    // A dialog as tall as the window: its body scrolls, its buttons stay.
    await page.getByTestId('open-change-password').click();
    const changing = page.getByTestId('change-password-dialog');
    const current = changing.getByRole('textbox', { name: words.current });
    await current.fill('wrong-password-1');
    await changing.getByRole('textbox', { name: words.newPassword, exact: true }).fill('seal#7294xq');
    await changing.getByRole('textbox', { name: words.confirm }).fill('seal#7294xq');
    const change = changing.getByTestId('submit');
    const beforeChange = await onScreen(change);
    await change.click();
    await expect(changing.locator('.field__error')).toHaveText(ERROR_SENTENCES[lang]['wrong-password']);
    await expectStill(change, beforeChange);
    await current.fill(SAMPLE_PASSWORD);
    await expect(changing.locator('.field__error')).toHaveCount(0);
    await expectStill(change, beforeChange);
    await page.keyboard.press('Escape');

    // The wizard: the line kept under the ID number holds its longest sentence.
    await page.getByTestId('open-issue').click();
    await page.getByText(words.emailPath, { exact: true }).click();
    await page.getByTestId('next').click();
    const codes = page.getByTestId('step-codes');
    await codes.getByRole('button', { name: words.openInvitation }).click();
    await expect(codes.getByRole('textbox', { name: words.application })).toHaveValue('20261125001');
    await codes.getByRole('textbox', { name: words.tempCode }).fill('aB3dE6gH9j');
    const wizardId = codes.getByRole('textbox', { name: words.wizardIdNumber });
    await wizardId.fill('123');
    const next = page.getByTestId('next');
    const beforeNext = await onPage(next);
    await next.click();
    const wizardError = codes.locator('.field__error');
    await expect(wizardError).toHaveText(sentence);
    expect(await linesOf(wizardError)).toBeGreaterThanOrEqual(2);
    await expect(wizardId).toBeFocused();
    await expectStill(next, beforeNext, onPage);
    await wizardId.fill('124-81-00998');
    await expect(wizardError).toHaveCount(0);
    await expectStill(next, beforeNext, onPage);
    await expectAccessible(page);
  });
}
