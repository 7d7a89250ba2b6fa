import { ToggleButton, ToggleButtonGroup, type Key } from 'react-aria-components';

import { isLang, LANGUAGE_NAMES, LANGUAGES } from '../i18n/catalog';
import { useI18n } from '../i18n/context';

/**
 * 한국어 / English, as one group of two buttons. Keyboard: Tab reaches the
 * group, arrow keys move between the two, Enter or Space chooses.
 */
export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();

  const onSelectionChange = (keys: Set<Key>) => {
    const [next] = keys;
    if (isLang(next)) {
      setLang(next);
    }
  };

  return (
    <ToggleButtonGroup
      className="segmented"
      aria-label={t('language.label')}
      selectionMode="single"
      disallowEmptySelection
      selectedKeys={[lang]}
      onSelectionChange={onSelectionChange}
      data-testid="language-switch"
    >
      {LANGUAGES.map((code) => (
        <ToggleButton key={code} id={code} className="segmented__option" lang={code}>
          {LANGUAGE_NAMES[code]}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}
