/**
 * How the window looks (colour theme and text size, applied as attributes on
 * <html> that the style sheet reads; the list as cards or rows) and the expiry reminders, remembered in
 * localStorage. Nothing secret is ever stored here.
 */
import {
  DEFAULT_REMINDER_DAYS,
  isReminderDays,
  parseLog,
  type RemindedLog,
  type ReminderSettings,
} from './reminders';

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];
export const TEXT_SIZES = ['normal', 'large', 'larger'] as const;
export type TextSize = (typeof TEXT_SIZES)[number];
/** How the list shows certificates: a card each, or one row each (many certificates). */
export const LIST_VIEWS = ['cards', 'rows'] as const;
export type ListView = (typeof LIST_VIEWS)[number];

export const THEME_STORAGE_KEY = 'dojang.theme';
export const TEXT_SIZE_STORAGE_KEY = 'dojang.textSize';
export const LIST_VIEW_STORAGE_KEY = 'dojang.listView';
export const REMINDERS_STORAGE_KEY = 'dojang.reminders';
export const REMINDER_DAYS_STORAGE_KEY = 'dojang.reminderDays';
export const REMINDED_STORAGE_KEY = 'dojang.reminded';

export function isTheme(value: unknown): value is Theme {
  return typeof value === 'string' && (THEMES as readonly string[]).includes(value);
}

export function isTextSize(value: unknown): value is TextSize {
  return typeof value === 'string' && (TEXT_SIZES as readonly string[]).includes(value);
}

export function isListView(value: unknown): value is ListView {
  return typeof value === 'string' && (LIST_VIEWS as readonly string[]).includes(value);
}

function load<T>(key: string, accept: (value: unknown) => value is T, fallback: T): T {
  try {
    const stored = window.localStorage.getItem(key);
    return accept(stored) ? stored : fallback;
  } catch {
    return fallback;
  }
}

function store(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Not remembering the choice is harmless: the window still changes.
  }
}

export const loadTheme = (): Theme => load(THEME_STORAGE_KEY, isTheme, 'system');
export const loadTextSize = (): TextSize => load(TEXT_SIZE_STORAGE_KEY, isTextSize, 'normal');
export const saveTheme = (theme: Theme): void => store(THEME_STORAGE_KEY, theme);
export const saveTextSize = (size: TextSize): void => store(TEXT_SIZE_STORAGE_KEY, size);
/** Cards unless the person chose the rows. */
export const loadListView = (): ListView => load(LIST_VIEW_STORAGE_KEY, isListView, 'cards');
export const saveListView = (view: ListView): void => store(LIST_VIEW_STORAGE_KEY, view);

/** Reminders are on unless turned off; 30 days before expiry unless chosen otherwise. */
export function loadReminders(): ReminderSettings {
  const isSwitch = (value: unknown): value is string => value === 'on' || value === 'off';
  const isDays = (value: unknown): value is string => isReminderDays(Number(value));
  const days = Number(load(REMINDER_DAYS_STORAGE_KEY, isDays, String(DEFAULT_REMINDER_DAYS)));
  return {
    enabled: load(REMINDERS_STORAGE_KEY, isSwitch, 'on') === 'on',
    days: isReminderDays(days) ? days : DEFAULT_REMINDER_DAYS,
  };
}

export function saveReminders(settings: ReminderSettings): void {
  store(REMINDERS_STORAGE_KEY, settings.enabled ? 'on' : 'off');
  store(REMINDER_DAYS_STORAGE_KEY, String(settings.days));
}

export function loadRemindedLog(): RemindedLog {
  try {
    return parseLog(window.localStorage.getItem(REMINDED_STORAGE_KEY));
  } catch {
    return {};
  }
}

export const saveRemindedLog = (log: RemindedLog): void => store(REMINDED_STORAGE_KEY, JSON.stringify(log));

const darkQuery = (): MediaQueryList => window.matchMedia('(prefers-color-scheme: dark)');

/** The theme actually shown: the computer's own for `system`. */
export function effectiveTheme(theme: Theme): 'light' | 'dark' {
  if (theme !== 'system') return theme;
  return darkQuery().matches ? 'dark' : 'light';
}

/** Puts `data-theme` (always light or dark) and `data-text-size` on <html>. */
export function applyPreferences(theme: Theme, textSize: TextSize): void {
  const root = document.documentElement;
  root.dataset.theme = effectiveTheme(theme);
  root.dataset.themeChoice = theme;
  root.dataset.textSize = textSize;
}

/** Calls `onChange` when the computer switches between light and dark. */
export function watchSystemTheme(onChange: () => void): () => void {
  const query = darkQuery();
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}
