import AxeBuilder from '@axe-core/playwright';
import { expect, test as base, type Locator, type Page } from '@playwright/test';

import type { CommandName } from '../../src/bindings/commands';
import type { ErrorCode } from '../../src/bindings/ErrorCode';
import type { ErrorInfo } from '../../src/bindings/ErrorInfo';
import { en } from '../../src/i18n/en';
import { ko } from '../../src/i18n/ko';

export type Scenario = 'three-certs-one-broken' | 'four-places' | 'empty' | 'ipc-error' | 'one-place' | 'thousand';

/** The password that opens every sample key (test/fixtures.ts). */
export const SAMPLE_PASSWORD = 'sample!2580';

/** Hong's certificate (test/fixtures.ts), and its copy in this computer's NPKI folder, as the commands name it. */
export const HONG_ID = 'abcdef01'.repeat(8);
export const HONG_ON_DISK = { id: HONG_ID, store: { kind: 'npki', root: 'C:\\Users\\user\\AppData\\LocalLow\\NPKI' } };

/**
 * A test whose page fails on any console error or uncaught exception, so a
 * React warning or a broken import never passes unnoticed.
 */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (msg) => {
        if (msg.type() === 'error') {
          errors.push(msg.text());
        }
      });
      page.on('pageerror', (error) => errors.push(String(error)));
      await use(errors);
      expect(errors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

export interface ScenarioOptions {
  /** How long every mocked command takes. */
  delayMs?: number;
  /** The language to start in (remembered as if chosen before). */
  lang?: 'ko' | 'en';
  /** Errors to answer with, per command, one per call. */
  failures?: Partial<Record<CommandName, ErrorInfo[]>>;
  /** What the file dialogs answer, in order. */
  dialogAnswers?: (string | null)[];
  /** The version the native side reports; unset makes it fail. */
  version?: string;
  /** Fields of the distribution that differ from the fixture's. */
  distribution?: Record<string, unknown>;
}

/** Opens the harness with the mocked backend answering as `scenario`. */
export async function openScenario(
  page: Page,
  scenario: Scenario,
  options: ScenarioOptions = {},
): Promise<void> {
  await page.addInitScript(
    ({ scenario, delayMs, lang, failures, dialogAnswers, version, distribution }) => {
      window.__DOJANG_SCENARIO__ = scenario;
      window.__DOJANG_DISTRIBUTION__ = distribution;
      window.__DOJANG_IPC_DELAY_MS__ = delayMs;
      window.__DOJANG_FAILURES__ = failures;
      window.__DOJANG_DIALOG_ANSWERS__ = dialogAnswers;
      window.__DOJANG_APP_VERSION__ = version ?? undefined;
      if (lang !== null && window.localStorage.getItem('dojang.lang') === null) {
        window.localStorage.setItem('dojang.lang', lang);
      }
    },
    {
      scenario,
      delayMs: options.delayMs ?? 0,
      lang: options.lang ?? null,
      failures: options.failures ?? {},
      dialogAnswers: options.dialogAnswers ?? [],
      version: options.version ?? null,
      distribution: options.distribution ?? {},
    },
  );
  await page.goto('/test/harness.html');
}

/** The number of `list_certificates` calls the mocked backend has answered. */
export function ipcCalls(page: Page): Promise<number> {
  return page.evaluate(() => window.__DOJANG_IPC_CALLS__ ?? 0);
}

/** The arguments of every call of `command` the UI made, in order. */
export function callsOf(page: Page, command: CommandName | `plugin:${string}`): Promise<unknown[]> {
  return page.evaluate(
    (name) => (window.__DOJANG_CALLS__ ?? []).filter((call) => call.command === name).map((call) => call.args),
    command,
  );
}

/**
 * The commands whose arguments carry `text` (a password, a code), in order:
 * what crossed to the native side with it. Checks made while typing happen in
 * the window, so only the request that uses the secret should be here.
 */
export function commandsCarrying(page: Page, text: string): Promise<string[]> {
  return page.evaluate(
    (secret) =>
      (window.__DOJANG_CALLS__ ?? []).filter((call) => JSON.stringify(call.args).includes(secret)).map((call) => call.command),
    text,
  );
}

/** Every command the UI sent, by name, in order. */
export function commandsSent(page: Page): Promise<string[]> {
  return page.evaluate(() => (window.__DOJANG_CALLS__ ?? []).map((call) => call.command));
}

/** Queues answers for the next file dialogs. */
export async function answerDialogs(page: Page, ...answers: (string | null)[]): Promise<void> {
  await page.evaluate((queued) => {
    window.__DOJANG_DIALOG_ANSWERS__ = [...(window.__DOJANG_DIALOG_ANSWERS__ ?? []), ...queued];
  }, answers);
}

/** Queues errors for the next calls of a command. */
export async function failNext(page: Page, command: CommandName, ...codes: ErrorCode[]): Promise<void> {
  await page.evaluate(
    ({ command, codes }) => {
      const failures = (window.__DOJANG_FAILURES__ ??= {});
      failures[command] = [...(failures[command] ?? []), ...codes.map((code) => ({ code, params: { path: 'E:\\백업\\홍길동.pfx' } }))];
    },
    { command, codes },
  );
}

/** Queues one error, with its parameters, for the next call of a command. */
export async function failWith(page: Page, command: CommandName, error: ErrorInfo): Promise<void> {
  await page.evaluate(
    ({ command, error }) => {
      const failures = (window.__DOJANG_FAILURES__ ??= {});
      failures[command] = [...(failures[command] ?? []), error];
    },
    { command, error },
  );
}

/** What the page put on the clipboard, latest last. */
export function clipboard(page: Page): Promise<string[]> {
  return page.evaluate(() => window.__DOJANG_CLIPBOARD__ ?? []);
}

/** The card of the certificate owned by `owner`. */
export function card(page: Page, owner: string): Locator {
  return page.getByTestId('certificate-row').filter({ has: page.getByTestId('owner').getByText(owner, { exact: true }) });
}

/** Opens the details of `owner`'s certificate by clicking its card. */
export async function openDetails(page: Page, owner: string): Promise<void> {
  await card(page, owner).first().click();
  await expect(page.getByTestId('details-owner')).toHaveText(owner);
  await expect(page.getByTestId('status-banner')).toBeVisible();
}

/** Runs axe on the page and fails on any serious or critical violation. */
export async function expectAccessible(page: Page): Promise<void> {
  // Colours are measured as they are painted: a dialog fading in or a button's background
  // easing to the new theme would be judged half-way. Wait for every finite animation and
  // transition to end (spinners run forever and are left alone).
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getComputedTiming().iterations !== Infinity)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
  // react-aria's own live region: a pending button that goes away (the wizard moving on) leaves
  // an announcement labelled by it there for a few seconds; it is not part of our page.
  const results = await new AxeBuilder({ page }).exclude('[data-live-announcer]').analyze();
  const severe = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
  expect(severe).toEqual([]);
}

/** The two window sizes every screen must fit: the app's default, and a small laptop's. */
export const WINDOW_SIZES = [
  { width: 1040, height: 720 },
  { width: 800, height: 600 },
] as const;

/** How far the page scrolls sideways (0 when it fits the window's width). */
export function sidewaysScroll(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** Fails when the page scrolls sideways. */
export async function expectNoSidewaysScroll(page: Page): Promise<void> {
  expect(await sidewaysScroll(page), 'sideways scrolling').toBeLessThanOrEqual(0);
}

/** How many of the elements `locator` finds lie wholly inside the window, as it is scrolled now. */
export function countInView(locator: Locator): Promise<number> {
  return locator.evaluateAll(
    (elements) =>
      elements.filter((element) => {
        const box = element.getBoundingClientRect();
        return box.top >= 0 && box.left >= 0 && box.bottom <= window.innerHeight && box.right <= window.innerWidth;
      }).length,
  );
}

/** Whether the header's controls sit on one row with the product's name. */
export async function expectHeaderOnOneRow(page: Page): Promise<void> {
  const name = await page.getByTestId('product-name').boundingBox();
  const controls = await page.locator('.app-header__actions > *').evaluateAll((elements) =>
    elements.map((element) => {
      const box = element.getBoundingClientRect();
      return box.top + box.height / 2;
    }),
  );
  expect(name).not.toBeNull();
  const middle = (name?.y ?? 0) + (name?.height ?? 0) / 2;
  for (const centre of controls) expect(Math.abs(centre - middle), 'header control off the name’s row').toBeLessThan(12);
}

/** The window's words in each language, to find a control by its name whatever the language. */
export const WORDS = { ko, en } as const;

/** A registration number the sandbox CA takes, and a new password that meets every rule. */
export const REGISTRATION_NUMBER = '12345678AbCdEfGhIjKlMnOpQrS';
export const NEW_PASSWORD = 'seal#7294xq';

/** The issuance wizard's steps before the certificate is asked for. */
export type WizardStepName = 'path' | 'codes' | 'storage' | 'review';

/**
 * Opens the issuance wizard from the header and walks it on the registration
 * path, in `lang`, to the review step: the number typed, a good password
 * chosen. `atStep` runs on each step once it is shown and filled in.
 */
export async function walkWizardToReview(
  page: Page,
  lang: 'ko' | 'en' = 'ko',
  atStep: (step: WizardStepName) => Promise<void> = async () => {},
): Promise<void> {
  const words = WORDS[lang];
  await page.getByTestId('open-issue').click();
  await expect(page.getByTestId('step-path')).toBeVisible();
  await atStep('path');
  await page.getByTestId('next').click();

  const codes = page.getByTestId('step-codes');
  await codes.getByRole('textbox', { name: words['issue.registration'], exact: true }).fill(REGISTRATION_NUMBER);
  await atStep('codes');
  await page.getByTestId('next').click();

  const storage = page.getByTestId('step-storage');
  await storage.getByRole('textbox', { name: words['issue.password'], exact: true }).fill(NEW_PASSWORD);
  await storage.getByRole('textbox', { name: words['issue.confirm'], exact: true }).fill(NEW_PASSWORD);
  await expect(storage.getByTestId('rule-too-short')).toHaveAttribute('data-state', 'met');
  await atStep('storage');
  await page.getByTestId('next').click();

  await expect(page.getByTestId('step-review')).toBeVisible();
  await atStep('review');
}

/** Whether the middle of what `locator` finds is itself there to click, not under something else. */
function onTop(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return hit !== null && (hit === element || element.contains(hit));
  });
}

/** A page's control: reached by scrolling the page, then wholly in view and not covered. */
export async function expectReachable(locator: Locator): Promise<void> {
  await locator.scrollIntoViewIfNeeded();
  await expect(locator).toBeInViewport({ ratio: 1 });
  expect(await onTop(locator), 'covered by something else').toBe(true);
}

/** A control in view as the window is: wholly inside it and not covered, without scrolling the page. */
export async function expectInViewAsIs(page: Page, locator: Locator): Promise<void> {
  const scrolled = await page.evaluate(() => window.scrollY);
  await expect(locator).toBeInViewport({ ratio: 1 });
  expect(await onTop(locator), 'covered by something else').toBe(true);
  expect(await page.evaluate(() => window.scrollY), 'the page scrolled').toBe(scrolled);
}

/** Where a control is on the screen. */
export async function onScreen(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (box === null) throw new Error('not laid out');
  return { x: box.x, y: box.y };
}

/** Where a control sits on the page: a scroll (to a field given the focus) does not count as a move. */
export function onPage(locator: Locator): Promise<{ x: number; y: number }> {
  return locator.evaluate((element) => {
    const box = element.getBoundingClientRect();
    let scrolled = 0;
    for (let node = element.parentElement; node !== null; node = node.parentElement) scrolled += node.scrollTop;
    return { x: box.left, y: box.top + scrolled };
  });
}

/**
 * The control is where it was, to within a pixel (a fraction of one can come and go with the
 * layout): a click meant for it still lands on it. `where` measures it as `before` was measured,
 * once the next frame has been painted: what a change does is measured as the person sees it.
 * Measured at once, it could be caught between the change and what the page does about it
 * before painting (a dialog keeping its bottom still is told of its new size by a
 * ResizeObserver, which the browser calls just before the frame is drawn).
 */
export async function expectStill(
  locator: Locator,
  before: { x: number; y: number },
  where: (locator: Locator) => Promise<{ x: number; y: number }> = onScreen,
): Promise<void> {
  await locator.page().evaluate(
    () =>
      new Promise<void>((resolve) => {
        requestAnimationFrame(() => setTimeout(resolve));
      }),
  );
  const now = await where(locator);
  expect(Math.abs(now.x - before.x), 'moved sideways').toBeLessThan(1);
  expect(Math.abs(now.y - before.y), 'moved up or down').toBeLessThan(1);
}
