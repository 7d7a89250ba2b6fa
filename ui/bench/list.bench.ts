/**
 * How the list of a thousand certificates behaves, in each view, in Chromium
 * against the production build (see playwright.config.ts here): from the
 * list's data arriving to the list painted (the app's own timeline marks,
 * `list-data` and `list-painted`) and to every certificate drawn (the list's
 * first frame draws a screenful, the rest follows), from a search typed to the list showing
 * its result, and the long tasks (over 50 ms) while the window is scrolled to
 * the end. Prints one line per view:
 *
 *   RESULT list_1000 view=cards painted_ms=… all_drawn_ms=… filter_ms=… long_tasks=… long_task_ms=…
 *
 * A benchmark, not a test: it asserts that things happened, never how fast.
 */
import { expect, test, type Page } from '@playwright/test';

import { THOUSAND } from '../test/fixtures';

const RUNS = 5;

/** Searches each typed into an empty field, each narrowing the thousand. */
const QUERIES = ['김', '이민', '세무회계', 'kica', '코스콤', '0777', '한국전자', '박', '서연', 'yessign'];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 === 1 ? sorted[middle] : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  return Math.round((value ?? Number.NaN) * 10) / 10;
}

declare global {
  interface Window {
    /** When the bench saw every certificate in the document, then painted. */
    __BENCH_ALL_DRAWN__?: number;
  }
}

async function open(page: Page, view: 'cards' | 'rows'): Promise<void> {
  await page.addInitScript(
    ({ chosen, total }) => {
      window.__DOJANG_SCENARIO__ = 'thousand';
      window.localStorage.setItem('dojang.listView', chosen);
      const observer = new MutationObserver(() => {
        if (document.querySelectorAll('[data-testid="certificate-row"]').length < total) return;
        observer.disconnect();
        requestAnimationFrame(() =>
          setTimeout(() => {
            window.__BENCH_ALL_DRAWN__ = performance.now();
          }),
        );
      });
      observer.observe(document, { childList: true, subtree: true });
    },
    { chosen: view, total: THOUSAND },
  );
  await page.goto('/test/harness.html');
  await expect(page.getByTestId('certificate-row')).toHaveCount(THOUSAND);
}

/** From `list-data` to `list-painted`, as the window marked them (the list's first frame). */
async function paintedMs(page: Page): Promise<number> {
  await page.waitForFunction(() => window.__DOJANG_TIMELINE__?.some((mark) => mark.phase === 'list-painted'));
  return page.evaluate(() => {
    const at = (phase: string) => window.__DOJANG_TIMELINE__?.find((mark) => mark.phase === phase)?.at ?? Number.NaN;
    return at('list-painted') - at('list-data');
  });
}

/**
 * From `list-data` to every certificate in the document and painted: the
 * rest of the list, built after the first frame. Opened with this watch
 * installed before the page's own scripts run.
 */
async function allDrawnMs(page: Page): Promise<number> {
  await page.waitForFunction(() => window.__BENCH_ALL_DRAWN__ !== undefined);
  return page.evaluate(() => {
    const listData = window.__DOJANG_TIMELINE__?.find((mark) => mark.phase === 'list-data')?.at ?? Number.NaN;
    return (window.__BENCH_ALL_DRAWN__ ?? Number.NaN) - listData;
  });
}

/**
 * Types each query into the empty search as one keystroke would (the input
 * event React listens to), then waits for the count above the list to change
 * and the next frame to be painted; the field is emptied again between,
 * untimed.
 */
async function filterMs(page: Page): Promise<number[]> {
  return page.evaluate(async (queries) => {
    const input = document.querySelector<HTMLInputElement>('input[type="search"]');
    const count = document.querySelector('[data-testid="list-count"]');
    if (input === null || count === null) throw new Error('no search or count');
    // React follows the input event; the value goes through the element's own setter, as typing does.
    const descriptor = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value');
    const setValue = (text: string) => {
      descriptor?.set?.call(input, text);
    };
    const painted = () =>
      new Promise<void>((resolve) => {
        requestAnimationFrame(() => setTimeout(resolve));
      });
    const changed = (before: string) =>
      new Promise<void>((resolve) => {
        if (count.textContent !== before) {
          resolve();
          return;
        }
        const observer = new MutationObserver(() => {
          if (count.textContent !== before) {
            observer.disconnect();
            resolve();
          }
        });
        observer.observe(count, { childList: true, characterData: true, subtree: true });
      });
    const type = async (text: string) => {
      const before = count.textContent;
      const start = performance.now();
      setValue(text);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await changed(before);
      await painted();
      return performance.now() - start;
    };
    const times: number[] = [];
    input.focus();
    for (const query of queries) {
      times.push(await type(query));
      await type('');
    }
    return times;
  }, QUERIES);
}

/** Scrolls a window's height at a time to the end, counting the long tasks meanwhile. */
async function scrollLongTasks(page: Page): Promise<{ count: number; ms: number }> {
  return page.evaluate(async () => {
    const tasks: number[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push(entry.duration);
    });
    observer.observe({ type: 'longtask' });
    const frame = () =>
      new Promise<void>((resolve) => {
        requestAnimationFrame(() => resolve());
      });
    const end = () => document.documentElement.scrollHeight - window.innerHeight;
    while (window.scrollY < end() - 1) {
      window.scrollBy(0, window.innerHeight);
      await frame();
      await frame();
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    observer.disconnect();
    return { count: tasks.length, ms: Math.round(tasks.reduce((sum, duration) => sum + duration, 0)) };
  });
}

for (const view of ['cards', 'rows'] as const) {
  test(`a thousand certificates as ${view}`, async ({ browser }) => {
    const painted: number[] = [];
    const allDrawn: number[] = [];
    const filtered: number[] = [];
    let longTasks = { count: 0, ms: 0 };
    for (let run = 0; run < RUNS; run += 1) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await open(page, view);
      painted.push(await paintedMs(page));
      allDrawn.push(await allDrawnMs(page));
      if (run === 0) {
        longTasks = await scrollLongTasks(page);
        await expect(page.getByTestId('certificate-row').last()).toBeInViewport();
        await page.evaluate(() => {
          window.scrollTo(0, 0);
        });
      }
      filtered.push(...(await filterMs(page)));
      await context.close();
    }
    console.log(
      `RESULT list_1000 view=${view} painted_ms=${median(painted)} all_drawn_ms=${median(allDrawn)} filter_ms=${median(filtered)} long_tasks=${longTasks.count} long_task_ms=${longTasks.ms} runs=${RUNS}`,
    );
  });
}
