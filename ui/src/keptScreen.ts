/**
 * The first screen kept from the last start. The app's scripts take about 70 ms
 * to load and draw the list (a third of the window's whole start); the list they
 * drew last time is kept, and the next start shows it at once, before they have
 * loaded, when everything it was drawn from is the same: the certificates as the
 * backend lists them now, the distribution, the language, theme, text size and
 * list view, the day (the days left), and this build of the window. Anything
 * else, and nothing is shown until the app draws its own.
 *
 * The kept screen is only a picture: `inert` until the app's first screen
 * replaces it (React's first commit clears the container), so nothing on it can
 * be clicked or focused, and without the test ids, so no test finds it. It holds
 * what the list shows (names, issuers, dates), never a secret.
 *
 * The first script (`firstScreen.ts`) asks for the list and the distribution as
 * the page begins to load and leaves the requests here for the app to take
 * (`takeEarlyRequest`), so the backend is asked once.
 */

import { LANG_STORAGE_KEY } from './i18n/storage';
import { LIST_VIEW_STORAGE_KEY } from './preferences';

/** Where the kept screen is remembered. */
export const KEPT_SCREEN_STORAGE_KEY = 'dojang.keptScreen';
/** The performance mark the first script makes when it has shown a kept screen. */
export const KEPT_SCREEN_SHOWN = 'dojang-kept-screen-shown';
/** A longer list is not kept: its screen would be large to store and read back. */
export const LONGEST_KEPT_LIST = 40;

/** The commands the first script sends before the app has loaded. */
export type EarlyCommand = 'list_certificates' | 'distribution';

declare global {
  interface Window {
    /** The requests the first script sent, until the app takes them. */
    __DOJANG_EARLY__?: Partial<Record<EarlyCommand, Promise<unknown>>>;
  }
  /** This build of the window (vite.config.ts): a kept screen from another is not shown. */
  const __DOJANG_BUILD__: string | undefined;
}

/** Leaves the first script's request for `command`, for the app to take. */
export function leaveEarlyRequest(command: EarlyCommand, request: Promise<unknown>): void {
  window.__DOJANG_EARLY__ = { ...window.__DOJANG_EARLY__, [command]: request };
}

/** The first script's request for `command`, once: the next call asks anew. */
export function takeEarlyRequest(command: string): Promise<unknown> | undefined {
  const early = window.__DOJANG_EARLY__;
  if (early === undefined || !(command in early)) return undefined;
  const request = early[command as EarlyCommand];
  window.__DOJANG_EARLY__ = Object.fromEntries(Object.entries(early).filter(([name]) => name !== command));
  return request;
}

interface Kept {
  inputs: string;
  html: string;
}

function stored(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

/**
 * Everything the first screen is drawn from, as one string: two starts that
 * agree on it draw the same screen. The preferences are read as the first
 * script applied them to `<html>`, and as stored.
 */
export function screenInputs(listing: unknown, distribution: unknown, today: Date): string {
  const html = document.documentElement.dataset;
  return JSON.stringify({
    build: typeof __DOJANG_BUILD__ === 'string' ? __DOJANG_BUILD__ : 'unbuilt',
    listing,
    distribution,
    theme: html.theme,
    textSize: html.textSize,
    os: html.os,
    lang: stored(LANG_STORAGE_KEY),
    view: stored(LIST_VIEW_STORAGE_KEY),
    languages: navigator.languages,
    day: [today.getFullYear(), today.getMonth(), today.getDate()],
  });
}

/** Whether `listing` is one a screen is kept for. */
function keepable(listing: unknown): boolean {
  if (typeof listing !== 'object' || listing === null) return false;
  const { certificates, unreadable } = listing as { certificates?: unknown; unreadable?: unknown };
  return (
    Array.isArray(certificates) &&
    Array.isArray(unreadable) &&
    certificates.length + unreadable.length <= LONGEST_KEPT_LIST
  );
}

/** `root`'s markup as kept: without the test ids, so only the app's own screen is found. */
export function keptMarkup(root: HTMLElement): string {
  const copy = root.cloneNode(true) as HTMLElement;
  for (const element of copy.querySelectorAll('[data-testid]')) element.removeAttribute('data-testid');
  return copy.innerHTML;
}

/** Keeps the screen `root` shows, drawn from `listing` and `distribution`, for the next start. */
export function keepScreen(root: HTMLElement, listing: unknown, distribution: unknown, today: Date): void {
  try {
    if (!keepable(listing)) {
      window.localStorage.removeItem(KEPT_SCREEN_STORAGE_KEY);
      return;
    }
    const kept: Kept = { inputs: screenInputs(listing, distribution, today), html: keptMarkup(root) };
    window.localStorage.setItem(KEPT_SCREEN_STORAGE_KEY, JSON.stringify(kept));
  } catch {
    // Not keeping it only means the next start draws the list itself.
  }
}

/** The screen kept from the last start, if there is one. */
export function keptScreen(): Kept | null {
  const text = stored(KEPT_SCREEN_STORAGE_KEY);
  if (text === null) return null;
  try {
    const kept = JSON.parse(text) as Partial<Kept>;
    return typeof kept.html === 'string' && typeof kept.inputs === 'string'
      ? { html: kept.html, inputs: kept.inputs }
      : null;
  } catch {
    return null;
  }
}

/** Whether `kept` was drawn from exactly these inputs. */
export function drawnFrom(kept: Kept, listing: unknown, distribution: unknown, today: Date): boolean {
  return keepable(listing) && kept.inputs === screenInputs(listing, distribution, today);
}

/**
 * Whether `kept` could be what this start draws: everything it was drawn from
 * but the data (still on its way) is as it is now.
 */
export function couldShow(kept: Kept, today: Date): boolean {
  try {
    const { listing, distribution } = JSON.parse(kept.inputs) as { listing?: unknown; distribution?: unknown };
    return drawnFrom(kept, listing, distribution, today);
  } catch {
    return false;
  }
}

/**
 * Puts `html` in `root`, inert and hidden, so that the window lays it out
 * while the data it must match is on its way; false if the app has drawn
 * there already.
 */
export function prepareKeptScreen(root: HTMLElement, html: string): boolean {
  if (root.firstChild !== null) return false;
  root.inert = true;
  root.style.visibility = 'hidden';
  root.innerHTML = html;
  return true;
}

/** Shows the prepared screen: its data is confirmed. */
export function revealKeptScreen(root: HTMLElement): void {
  root.style.visibility = '';
}

/** Takes the prepared screen away unseen (its data differs), unless the app has drawn since. */
export function dropKeptScreen(root: HTMLElement): void {
  if (!root.inert) return;
  root.replaceChildren();
  releaseKeptScreen(root);
}

/** The app's own screen has replaced the kept one: `root` answers again. */
export function releaseKeptScreen(root: HTMLElement): void {
  root.inert = false;
  root.style.visibility = '';
}
