import { isLang, LANGUAGE_NAMES, LANGUAGES } from '../i18n/catalog';
import { useI18n } from '../i18n/context';
import { SegmentedChoice } from './SegmentedChoice';

/**
 * 한국어 / English, as one group of two buttons, each in its own language. Keyboard: Tab
 * reaches the group, arrow keys move between the two, Enter or Space chooses.
 */
export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <SegmentedChoice
      value={lang}
      options={LANGUAGES}
      label={(code) => LANGUAGE_NAMES[code]}
      onChange={(next) => {
        if (isLang(next)) setLang(next);
      }}
      name={{ label: t('language.label') }}
      testId="language-switch"
      optionAttributes={(code) => ({ lang: code })}
    />
  );
}
