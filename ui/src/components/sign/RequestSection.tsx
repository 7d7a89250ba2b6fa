import { Fragment, useId } from 'react';

import type { SignSession } from '../../bindings/SignSession';
import type { SignedView } from '../../bindings/SignedView';
import { useI18n } from '../../i18n/context';
import { FLAG_WORDS, hexGroups, PURPOSE_WORDS, textRuns } from '../../sign';
import { WarningIcon } from '../icons';

/**
 * What the site asks, to be read before signing: the purpose; the text in a
 * bordered block, as plain text with its line breaks (never as HTML: a tag
 * shows as the characters it is), the names the backend gave hidden and
 * reordering characters marked where they stand, and a note for each thing
 * found in it; what exactly is signed; whether the site also learns the
 * identity data; until when the site waits, in this computer's time.
 */
export function RequestSection({ session }: { session: SignSession }) {
  const { t, message, formatDateTime } = useI18n();
  const headingId = useId();
  const textLabelId = useId();
  return (
    <section className="card section-card sign-request" aria-labelledby={headingId}>
      <h3 id={headingId} className="card__heading">
        {t('sign.what')}
      </h3>
      <dl className="facts facts--two">
        <div className="fact">
          <dt>{t('sign.purpose')}</dt>
          <dd data-testid="sign-purpose">{message(PURPOSE_WORDS[session.purpose])}</dd>
        </div>
        <div className="fact">
          <dt>{t('sign.expires')}</dt>
          <dd data-testid="sign-expires">
            <time dateTime={session.expires}>{t('sign.expiresAt', { time: formatDateTime(session.expires) })}</time>
          </dd>
        </div>
      </dl>
      <p id={textLabelId} className="field__label sign-request__label">
        {t('sign.text')}
      </p>
      {/* The site's words as characters: React writes them as text, so no tag in them is ever drawn. */}
      <div className="sign-text" aria-labelledby={textLabelId} role="group" translate="no" data-testid="sign-text">
        {textRuns(session.text).map((run, index) =>
          run.named ? (
            // The runs never move: their place in the text is their identity.
            <mark key={index} className="sign-text__named">
              {run.text}
            </mark>
          ) : (
            <Fragment key={index}>{run.text}</Fragment>
          ),
        )}
      </div>
      {session.flags.length > 0 && (
        <ul className="sign-flags">
          {session.flags.map((flag) => (
            <li key={flag} className="notice notice--warn" data-testid="sign-flag" data-flag={flag}>
              <WarningIcon />
              <span>{message(FLAG_WORDS[flag])}</span>
            </li>
          ))}
        </ul>
      )}
      <dl className="facts">
        <div className="fact fact--wide">
          <dt>{t('sign.signs')}</dt>
          <dd data-testid="sign-signs" data-kind={session.signs.kind}>
            <SignedWords signs={session.signs} />
          </dd>
        </div>
        {session.identity && (
          <div className="fact fact--wide">
            <dt>{t('sign.identity')}</dt>
            <dd data-testid="sign-identity">{t('sign.identityDetail')}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}

/** What the signature covers, in words, with the SHA-256 a site can show beside it. */
function SignedWords({ signs }: { signs: SignedView }) {
  const { t, lang } = useI18n();
  if (signs.kind === 'text') return <>{t('sign.signs.text')}</>;
  const bytes = signs.kind === 'data' ? new Intl.NumberFormat(lang).format(signs.bytes) : '';
  return (
    <>
      {signs.kind === 'data' ? t('sign.signs.data', { bytes }) : t('sign.signs.document')}
      <span className="sign-hash">
        <span className="fact__aside">{t('sign.sha256')}</span>{' '}
        <code className="mono sign-hash__value" translate="no">
          {hexGroups(signs.sha256).map((group, index) => (
            // The groups never move: their place is their identity.
            <Fragment key={index}>
              {group}
              <wbr />
            </Fragment>
          ))}
        </code>
      </span>
      {signs.kind === 'document' && <span className="sign-hash__hint">{t('sign.signs.documentHint')}</span>}
    </>
  );
}
