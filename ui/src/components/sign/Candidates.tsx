import { useId } from 'react';
import { RadioButton, RadioField, RadioGroup, Text } from 'react-aria-components';

import type { ListedCertificate } from '../../bindings/ListedCertificate';
import type { SignCandidate } from '../../bindings/SignCandidate';
import type { Unfit } from '../../bindings/Unfit';
import { caName } from '../../cas';
import { useI18n } from '../../i18n/context';
import { copyKey } from '../../places';
import { UNFIT_WORDS } from '../../sign';
import { BlockedIcon } from '../icons';
import { PlaceLabel } from '../PlaceLabel';

/** Who issued it, until when, and where it is kept: the words of a card in the list. */
function CertificateFacts({ listed }: { listed: ListedCertificate }) {
  const { t, message, formatDate } = useI18n();
  return (
    <span className="sign-candidate__facts">
      <span>{caName(listed.ca, message)}</span>
      <span>
        <span className="visually-hidden">{t('certificate.expiry')}: </span>
        <time dateTime={listed.not_after}>{t('sign.certificateUntil', { date: formatDate(listed.not_after) })}</time>
      </span>
      <PlaceLabel root={listed.location} store={listed.store} />
    </span>
  );
}

/**
 * The certificates that can answer, as a radio group named by the heading
 * above it (the whole card answers a click): the owner and purpose as the
 * choice's name, who issued it, until when and where it is kept beneath.
 */
export function CandidateChoice({
  fit,
  value,
  onChange,
  isDisabled,
  labelledBy,
}: {
  fit: readonly SignCandidate[];
  value: string | null;
  onChange: (key: string) => void;
  isDisabled: boolean;
  labelledBy: string;
}) {
  const { message } = useI18n();
  return (
    <RadioGroup
      className="field choices"
      value={value}
      onChange={onChange}
      isDisabled={isDisabled}
      aria-labelledby={labelledBy}
      data-testid="sign-candidates"
    >
      {fit.map(({ listed }) => (
        <RadioField key={copyKey(listed)} value={copyKey(listed)} className="choice sign-candidate">
          <RadioButton className="choice__button" data-testid="sign-candidate" data-id={listed.id}>
            <span className="choice__mark" aria-hidden="true" />
            <span className="sign-candidate__who">
              <span className="choice__label">{listed.owner}</span>
              <span className="sign-candidate__purpose">{message(`purpose.${listed.purpose}`)}</span>
            </span>
          </RadioButton>
          <Text slot="description" className="choice__hint">
            <CertificateFacts listed={listed} />
          </Text>
        </RadioField>
      ))}
    </RadioGroup>
  );
}

/** The certificates that cannot answer: not choices, each with its reason in words. */
export function UnfitList({ unfit }: { unfit: readonly (SignCandidate & { unfit: Unfit })[] }) {
  const { t, message } = useI18n();
  const headingId = useId();
  return (
    <div className="sign-unfit">
      <p id={headingId} className="field__label">
        {t('sign.unfit.heading')}
      </p>
      <ul className="sign-unfit__list" aria-labelledby={headingId}>
        {unfit.map(({ listed, unfit: why }) => (
          <li key={copyKey(listed)} className="sign-candidate sign-candidate--unfit" data-testid="sign-unfit" data-unfit={why}>
            <span className="sign-candidate__who">
              <span className="choice__label">{listed.owner}</span>
              <span className="sign-candidate__purpose">{message(`purpose.${listed.purpose}`)}</span>
            </span>
            <span className="sign-candidate__reason">
              <BlockedIcon />
              {message(UNFIT_WORDS[why])}
            </span>
            <CertificateFacts listed={listed} />
          </li>
        ))}
      </ul>
    </div>
  );
}
