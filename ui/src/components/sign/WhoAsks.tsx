import type { Ref } from 'react';
import { CheckboxButton, CheckboxField, Text } from 'react-aria-components';

import type { SignPurpose } from '../../bindings/SignPurpose';
import type { SiteCheck } from '../../bindings/SiteCheck';
import { useI18n } from '../../i18n/context';
import { ErrorSlot } from '../dialogs/fields';
import { WarningIcon } from '../icons';

/** An unlisted site's checkbox: whether it is ticked, and what is said when signing was tried without it. */
export interface SiteConfirmation {
  confirmed: boolean;
  onChange: (confirmed: boolean) => void;
  error: string | null;
  inputRef: Ref<HTMLInputElement>;
}

/**
 * Who asks, first and large. A site the distribution lists: its name, its
 * origin beneath. Any other: a warning that it is not known, with the whole
 * origin in large type, and the box the person must tick before “서명”
 * (`confirm`; left out once the request is answered). The heading takes the
 * focus as the request opens.
 */
export function WhoAsks({
  site,
  purpose,
  headingRef,
  confirm,
}: {
  site: SiteCheck;
  purpose: SignPurpose;
  headingRef?: Ref<HTMLHeadingElement>;
  confirm?: SiteConfirmation;
}) {
  const { t } = useI18n();
  if (site.listed || confirm === undefined) {
    return (
      <div className="card sign-site" data-testid="sign-site" data-listed={site.listed}>
        <h2 ref={headingRef} tabIndex={-1} className="sign-site__name" translate="no">
          {site.name ?? site.origin}
        </h2>
        {site.name !== null && (
          <p className="sign-site__origin">
            <span className="visually-hidden">{t('sign.site.origin')}: </span>
            <span translate="no" data-testid="sign-origin">
              {site.origin}
            </span>
          </p>
        )}
        <p className="sign-site__asks">{t(`sign.asks.${purpose}`)}</p>
      </div>
    );
  }
  return (
    <div className="card sign-site sign-site--unlisted" data-testid="sign-site" data-listed={site.listed}>
      <div className="sign-site__warning">
        <WarningIcon />
        <div>
          <h2 ref={headingRef} tabIndex={-1} className="sign-site__title">
            {t('sign.unlisted.title')}
          </h2>
          <p>{t('sign.unlisted.detail')}</p>
        </div>
      </div>
      <div className="ca-warning__address">
        <p className="field__label">{t('sign.unlisted.address')}</p>
        <p className="ca-warning__host" translate="no" data-testid="sign-origin">
          {site.origin}
        </p>
      </div>
      <p className="sign-site__asks">{t(`sign.asks.${purpose}`)}</p>
      <CheckboxField
        className="checkbox sign-site__confirm"
        isSelected={confirm.confirmed}
        onChange={confirm.onChange}
        inputRef={confirm.inputRef}
        isInvalid={confirm.error !== null}
      >
        <CheckboxButton className="checkbox__button" data-testid="sign-unlisted-confirm">
          <span className="checkbox__box" aria-hidden="true">
            <svg viewBox="0 0 18 18" className="checkbox__tick">
              <polyline points="3.5 9.5 7.5 13 14.5 5" />
            </svg>
          </span>
          <span className="checkbox__label">{t('sign.unlisted.confirm')}</span>
        </CheckboxButton>
        <Text slot="description" className="checkbox__hint">
          {t('sign.unlisted.unsure')}
        </Text>
        <ErrorSlot room={[t('sign.unlisted.confirmFirst')]}>
          {confirm.error !== null && (
            <Text slot="errorMessage" className="field__error">
              {confirm.error}
            </Text>
          )}
        </ErrorSlot>
      </CheckboxField>
    </div>
  );
}
