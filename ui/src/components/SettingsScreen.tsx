import { Suspense, use, useEffect, useId, useRef, type ReactNode } from 'react';
import { Button, SwitchButton, SwitchField } from 'react-aria-components';

import type { Result } from '../api';
import type { CertificateList } from '../bindings/CertificateList';
import { diagnosticsText } from '../diagnostics';
import { useDistribution } from '../DistributionProvider';
import { useI18n } from '../i18n/context';
import { isTextSize, isTheme, TEXT_SIZES, THEMES, type TextSize, type Theme } from '../preferences';
import { usePreferences } from '../PreferencesProvider';
import { isReminderDays, REMINDER_DAYS } from '../reminders';
import { CopyButton } from './CopyButton';
import { BackIcon } from './icons';
import { LanguageSwitch } from './LanguageSwitch';
import { SegmentedChoice } from './SegmentedChoice';
import { SupportContact } from './SupportContact';
import { UpdateCheck } from './UpdateCheck';

const THEME_LABELS = {
  system: 'settings.themeSystem',
  light: 'settings.themeLight',
  dark: 'settings.themeDark',
} as const satisfies Record<Theme, string>;

const TEXT_SIZE_LABELS = {
  normal: 'settings.textNormal',
  large: 'settings.textLarge',
  larger: 'settings.textLarger',
} as const satisfies Record<TextSize, string>;

/** Language, colours, text size, expiry reminders, the version and support, and diagnostics for support. */
export function SettingsScreen({
  onBack,
  versionRequest,
  listRequest,
}: {
  onBack: () => void;
  versionRequest: Promise<Result<string>>;
  listRequest: Promise<Result<CertificateList>>;
}) {
  const { t } = useI18n();
  const { name } = useDistribution();
  const { theme, setTheme, textSize, setTextSize, reminders, setReminders } = usePreferences();
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  return (
    <div className="settings" data-testid="settings">
      <Button className="button button--quiet back-button" onPress={onBack} data-testid="back">
        <BackIcon />
        {t('action.back')}
      </Button>
      <h2 ref={headingRef} tabIndex={-1} className="details__owner">
        {t('settings.title')}
      </h2>

      <SettingCard title={t('settings.language')}>
        {() => <LanguageSwitch />}
      </SettingCard>

      <SettingCard title={t('settings.theme')}>
        {(labelId) => (
          <SegmentedChoice
            name={{ labelledBy: labelId }}
            value={theme}
            options={THEMES}
            label={(option) => t(THEME_LABELS[option])}
            onChange={(key) => {
              if (isTheme(key)) setTheme(key);
            }}
            testId="theme"
          />
        )}
      </SettingCard>

      <SettingCard title={t('settings.textSize')}>
        {(labelId) => (
          <>
            <SegmentedChoice
              name={{ labelledBy: labelId }}
              value={textSize}
              options={TEXT_SIZES}
              label={(option) => t(TEXT_SIZE_LABELS[option])}
              onChange={(key) => {
                if (isTextSize(key)) setTextSize(key);
              }}
              testId="text-size"
            />
            <p className="settings__sample">{t('settings.textSample')}</p>
          </>
        )}
      </SettingCard>

      <SettingCard title={t('settings.reminders')}>
        {(labelId) => (
          <>
            <p className="section__note">{t('settings.remindersHint')}</p>
            <SwitchField
              className="switch"
              isSelected={reminders.enabled}
              onChange={(enabled) => setReminders({ ...reminders, enabled })}
              data-testid="reminders"
            >
              <SwitchButton className="switch__button">
                <span className="switch__track" aria-hidden="true">
                  <span className="switch__thumb" />
                </span>
                <span className="switch__label">{t('settings.remindersOn')}</span>
                <span className="switch__state" aria-hidden="true">
                  {reminders.enabled ? t('settings.on') : t('settings.off')}
                </span>
              </SwitchButton>
            </SwitchField>
            <p id={`${labelId}-days`} className="field__label settings__sublabel">
              {t('settings.reminderDays')}
            </p>
            <SegmentedChoice
              name={{ labelledBy: `${labelId}-days` }}
              value={String(reminders.days)}
              options={REMINDER_DAYS.map(String)}
              label={(option) => t('settings.reminderDaysOption', { days: option })}
              onChange={(key) => {
                const days = Number(key);
                if (isReminderDays(days)) setReminders({ ...reminders, days });
              }}
              isDisabled={!reminders.enabled}
              testId="reminder-days"
            />
          </>
        )}
      </SettingCard>

      <SettingCard title={t('settings.about')}>
        {() => (
          <>
          <dl className="facts facts--two">
            <div className="fact">
              <dt>{name}</dt>
              <dd>{t('app.subtitle')}</dd>
            </div>
            <div className="fact">
              <dt>{t('settings.version')}</dt>
              <dd data-testid="app-version">
                <Suspense fallback="…">
                  <Version request={versionRequest} />
                </Suspense>
              </dd>
            </div>
          </dl>
          <SupportContact />
          </>
        )}
      </SettingCard>

      <SettingCard title={t('update.title')}>{() => <UpdateCheck />}</SettingCard>

      <SettingCard title={t('settings.diagnostics')}>
        {() => (
          <>
            <p className="section__note">{t('settings.diagnosticsHint')}</p>
            <Suspense fallback={null}>
              <Diagnostics versionRequest={versionRequest} listRequest={listRequest} />
            </Suspense>
          </>
        )}
      </SettingCard>
    </div>
  );
}

function SettingCard({ title, children }: { title: string; children: (labelId: string) => ReactNode }) {
  const id = useId();
  return (
    <section className="card section-card" aria-labelledby={id}>
      <h3 id={id} className="card__heading">
        {title}
      </h3>
      {children(id)}
    </section>
  );
}

function Version({ request }: { request: Promise<Result<string>> }) {
  const { t } = useI18n();
  const result = use(request);
  return <>{result.ok ? result.value : t('settings.versionUnknown')}</>;
}

function Diagnostics({
  versionRequest,
  listRequest,
}: {
  versionRequest: Promise<Result<string>>;
  listRequest: Promise<Result<CertificateList>>;
}) {
  const { t, lang } = useI18n();
  const { distribution, name } = useDistribution();
  const version = use(versionRequest);
  const listing = use(listRequest);
  const text = diagnosticsText({
    version: version.ok ? version.value : 'unknown',
    lang,
    platform: navigator.userAgent,
    listing: listing.ok ? listing.value : null,
    distribution: { name, sandbox: distribution.sandbox, cas: distribution.cas.length },
  });
  return (
    <>
      <pre className="code" translate="no" data-testid="diagnostics">
        {text}
      </pre>
      <CopyButton
        text={text}
        what={t('settings.diagnostics')}
        label={t('settings.copyDiagnostics')}
        className="button"
        testId="copy-diagnostics"
      />
    </>
  );
}
