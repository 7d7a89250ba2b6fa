import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

import {
  applyPreferences,
  loadListView,
  loadReminders,
  loadTextSize,
  loadTheme,
  saveListView,
  saveReminders,
  saveTextSize,
  saveTheme,
  watchSystemTheme,
  type ListView,
  type TextSize,
  type Theme,
} from './preferences';
import type { ReminderSettings } from './reminders';

export interface Preferences {
  theme: Theme;
  setTheme: (theme: Theme) => void;
  textSize: TextSize;
  setTextSize: (size: TextSize) => void;
  reminders: ReminderSettings;
  setReminders: (settings: ReminderSettings) => void;
  listView: ListView;
  setListView: (view: ListView) => void;
}

const PreferencesContext = createContext<Preferences | null>(null);

/** Holds the theme, text size, reminders and the list's view, remembers them and keeps <html> in step. */
export function PreferencesProvider({ children }: { children: ReactNode }) {
  const [theme, setThemeState] = useState<Theme>(loadTheme);
  const [textSize, setTextSizeState] = useState<TextSize>(loadTextSize);
  const [reminders, setRemindersState] = useState<ReminderSettings>(loadReminders);
  const [listView, setListViewState] = useState<ListView>(loadListView);

  useEffect(() => {
    applyPreferences(theme, textSize);
    if (theme !== 'system') return undefined;
    return watchSystemTheme(() => applyPreferences(theme, textSize));
  }, [theme, textSize]);

  const value = useMemo<Preferences>(
    () => ({
      theme,
      textSize,
      reminders,
      listView,
      setTheme: (next) => {
        saveTheme(next);
        setThemeState(next);
      },
      setTextSize: (next) => {
        saveTextSize(next);
        setTextSizeState(next);
      },
      setReminders: (next) => {
        saveReminders(next);
        setRemindersState(next);
      },
      setListView: (next) => {
        saveListView(next);
        setListViewState(next);
      },
    }),
    [theme, textSize, reminders, listView],
  );

  return <PreferencesContext value={value}>{children}</PreferencesContext>;
}

export function usePreferences(): Preferences {
  const preferences = useContext(PreferencesContext);
  if (preferences === null) {
    throw new Error('usePreferences() needs a <PreferencesProvider> above it');
  }
  return preferences;
}
