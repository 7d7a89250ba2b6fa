import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

import {
  applyPreferences,
  loadTextSize,
  loadTheme,
  saveTextSize,
  saveTheme,
  watchSystemTheme,
  type TextSize,
  type Theme,
} from './preferences';

export interface Preferences {
  theme: Theme;
  setTheme: (theme: Theme) => void;
  textSize: TextSize;
  setTextSize: (size: TextSize) => void;
}

const PreferencesContext = createContext<Preferences | null>(null);

/** Holds the theme and text size, remembers them and keeps <html> in step. */
export function PreferencesProvider({ children }: { children: ReactNode }) {
  const [theme, setThemeState] = useState<Theme>(loadTheme);
  const [textSize, setTextSizeState] = useState<TextSize>(loadTextSize);

  useEffect(() => {
    applyPreferences(theme, textSize);
    if (theme !== 'system') return undefined;
    return watchSystemTheme(() => applyPreferences(theme, textSize));
  }, [theme, textSize]);

  const value = useMemo<Preferences>(
    () => ({
      theme,
      textSize,
      setTheme: (next) => {
        saveTheme(next);
        setThemeState(next);
      },
      setTextSize: (next) => {
        saveTextSize(next);
        setTextSizeState(next);
      },
    }),
    [theme, textSize],
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
