import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

import {
  applyPreferences,
  loadReminders,
  loadTextSize,
  loadTheme,
  saveReminders,
  saveTextSize,
  saveTheme,
  watchSystemTheme,
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
}

const PreferencesContext = createContext<Preferences | null>(null);

/** Holds the theme, text size and reminders, remembers them and keeps <html> in step. */
export function PreferencesProvider({ children }: { children: ReactNode }) {
  const [theme, setThemeState] = useState<Theme>(loadTheme);
  const [textSize, setTextSizeState] = useState<TextSize>(loadTextSize);
  const [reminders, setRemindersState] = useState<ReminderSettings>(loadReminders);

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
    }),
    [theme, textSize, reminders],
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
