import { Fragment, Suspense, use, useEffect, useRef, useState, type ReactNode } from 'react';
import { Button, Disclosure, DisclosurePanel, Heading } from 'react-aria-components';

import type { Result } from '../../api';
import type { CertificateDetails } from '../../bindings/CertificateDetails';
import type { CertificateList } from '../../bindings/CertificateList';
import type { Enrolled } from '../../bindings/Enrolled';
import type { ErrorInfo } from '../../bindings/ErrorInfo';
import type { ListedCertificate } from '../../bindings/ListedCertificate';
import type { SignatureRecord } from '../../bindings/SignatureRecord';
import type { Verification } from '../../bindings/Verification';
import { useAnnounce } from '../../Announcer';
import { caName } from '../../cas';
import { describeError } from '../../errors';
import { isMessageKey } from '../../i18n/catalog';
import { useI18n } from '../../i18n/context';
import { CopyButton } from '../CopyButton';
import { ErrorDetails } from '../ErrorDetails';
import { BackIcon, ChevronIcon, WarningIcon } from '../icons';
import { copyKey } from '../../places';
import { policyKey, purposeKey, textLang } from '../../policies';
import { checkAnnouncement, checkOf } from '../../trust';
import { PathText, PlaceLabel } from '../PlaceLabel';
import { AdvancedSection } from './AdvancedSection';
import { ChainSection } from './ChainSection';
import { ManageActions } from './ManageActions';
import { SectionCard } from './SectionCard';
import { NameTables } from './NameTables';
import { SignatureHistorySection } from './SignatureHistorySection';
import { StatusBanner } from './StatusBanner';
import { TrustSection } from './TrustSection';
import { useAnswer, useVerification, type ShownVerification } from './useVerification';
import { ValidityMeter } from './ValidityMeter';

/**
 * One certificate in full. The heading takes focus when the screen opens, so
 * a screen reader starts here and Tab goes on from it.
 */
export function DetailsScreen({
  certificate,
  request,
  verificationRequest,
  historyRequest,
  listRequest,
  onBack,
  onChanged,
  onDeleted,
  onRenewed,
  onReissue,
}: {
  /** The copy that was chosen in the list: its owner shows at once. */
  certificate: ListedCertificate;
  request: Promise<Result<CertificateDetails>>;
  /** Its path and status, asked in the background as the screen opened. */
  verificationRequest: Promise<Result<Verification>>;
  /** The signatures it made for sites, newest first. */
  historyRequest: Promise<Result<SignatureRecord[]>>;
  listRequest: Promise<Result<CertificateList>>;
  onBack: () => void;
  onChanged: () => void;
  onDeleted: () => void;
  /** Renewed: show the new certificate (by its ID). */
  onRenewed: (id: string) => void;
  /** Open the issuance wizard to reissue this owner's certificate. */
  onReissue: (owner: string) => void;
}) {
  const { t, message, lang, formatDateTime } = useI18n();
  const announce = useAnnounce();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const verification = useVerification(certificate.id, verificationRequest, (result) =>
    announce(checkAnnouncement(t, formatDateTime, lang, result)),
  );

  // A new screen: from its top, the cursor on its title.
  useEffect(() => {
    window.scrollTo(0, 0);
    headingRef.current?.focus();
  }, []);

  return (
    <div className="details" data-testid="details">
      <Button className="button button--quiet back-button" onPress={onBack} data-testid="back">
        <BackIcon />
        {t('action.back')}
      </Button>
      <header className="details__head">
        <h2 ref={headingRef} tabIndex={-1} className="details__owner" data-testid="details-owner">
          {certificate.owner}
        </h2>
        <p className="details__subtitle">
          {message(`purpose.${certificate.purpose}`)} · {caName(certificate.ca, message)}
        </p>
      </header>
      <Suspense
        fallback={
          <p className="loading loading--inline" role="status">
            {t('details.loading')}
          </p>
        }
      >
        <DetailsBody
          here={certificate}
          request={request}
          verification={verification}
          historyRequest={historyRequest}
          listRequest={listRequest}
          onBack={onBack}
          onChanged={onChanged}
          onDeleted={onDeleted}
          onRenewed={(enrolled: Enrolled) => onRenewed(enrolled.id)}
          onReissue={() => onReissue(certificate.owner)}
        />
      </Suspense>
    </div>
  );
}

function DetailsBody({
  here,
  request,
  verification,
  historyRequest,
  listRequest,
  onBack,
  onChanged,
  onDeleted,
  onRenewed,
  onReissue,
}: {
  here: ListedCertificate;
  request: Promise<Result<CertificateDetails>>;
  verification: ShownVerification;
  historyRequest: Promise<Result<SignatureRecord[]>>;
  listRequest: Promise<Result<CertificateList>>;
  onBack: () => void;
  onChanged: () => void;
  onDeleted: () => void;
  onRenewed: (enrolled: Enrolled) => void;
  onReissue: () => void;
}) {
  const answer = useAnswer(verification.request);
  const result = use(request);
  const listing = use(listRequest);

  if (!result.ok) return <DetailsLoadError error={result.error} onBack={onBack} />;

  const details = result.value;
  const { summary } = details;
  const copies = listing.ok ? listing.value.certificates.filter((copy) => copy.id === summary.id) : [];

  return (
    <>
      <StatusBanner summary={summary} check={checkOf(answer)} />
      <ManageActions
        summary={summary}
        here={here}
        hasIdentityData={details.identity_real_name !== null}
        copies={copies}
        verification={answer}
        onChanged={onChanged}
        onDeleted={onDeleted}
        onRenewed={onRenewed}
        onReissue={onReissue}
      />
      <TrustSection verification={verification} />
      <ValiditySection details={details} />
      <WhoSection details={details} />
      {copies.length > 0 && <PlacesSection copies={copies} here={here} />}
      <SignatureHistorySection request={historyRequest} />
      <ChainSection request={verification.request} />
      <TechnicalSection details={details} />
      <AdvancedSection details={details} />
    </>
  );
}

function Fact({ label, children, testId, wide = false }: { label: string; children: ReactNode; testId?: string; wide?: boolean }) {
  return (
    <div className={wide ? 'fact fact--wide' : 'fact'}>
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

/** A certificate whose details could not be read: why, the details to copy, the way back. */
export function DetailsLoadError({ error, onBack }: { error: ErrorInfo; onBack: () => void }) {
  const { t, lang } = useI18n();
  const described = describeError(lang, error);
  return (
    <section className="card load-error" data-testid="details-error">
      <div className="load-error__title">
        <WarningIcon />
        <h3>{t('details.failedHeading')}</h3>
      </div>
      <p className="load-error__message">{described.text}</p>
      <ErrorDetails error={described} showPath />
      <Button className="button button--primary" onPress={onBack}>
        <BackIcon />
        {t('action.back')}
      </Button>
    </section>
  );
}

export function ValiditySection({ details }: { details: CertificateDetails }) {
  const { t, formatDate } = useI18n();
  const { summary } = details;
  return (
    <SectionCard title={t('details.validity')} testId="validity-section">
      <dl className="facts facts--two">
        <Fact label={t('details.validFrom')} testId="valid-from">
          <time dateTime={summary.not_before}>{formatDate(summary.not_before)}</time>
        </Fact>
        <Fact label={t('details.validTo')} testId="valid-to">
          <time dateTime={summary.not_after}>{formatDate(summary.not_after)}</time>
        </Fact>
      </dl>
      <ValidityMeter summary={summary} />
    </SectionCard>
  );
}

export function WhoSection({ details }: { details: CertificateDetails }) {
  const { t, message } = useI18n();
  const { summary } = details;
  return (
    <SectionCard title={t('details.who')} testId="who-section">
      <dl className="facts facts--two">
        <Fact label={t('details.owner')} testId="owner-name">
          {summary.owner}
        </Fact>
        <Fact label={t('certificate.purpose')} testId="details-purpose">
          {message(purposeKey(summary.purpose, details.is_ca))}
        </Fact>
        <Fact label={t('details.ca')} testId="details-ca">
          {caName(summary.ca, message)}
          <span className="fact__aside" translate="no">
            {summary.issuer_common_name}
          </span>
        </Fact>
        <Fact label={t('details.identity')} testId="identity-data">
          {details.identity_real_name === null
            ? t('details.identityAbsent')
            : t('details.identityPresent', { name: details.identity_real_name })}
        </Fact>
      </dl>
      <NameTables subject={details.subject_attributes} issuer={details.issuer_attributes} />
    </SectionCard>
  );
}

function PlacesSection({ copies, here }: { copies: ListedCertificate[]; here: ListedCertificate }) {
  const { t } = useI18n();
  return (
    <SectionCard title={t('details.places')} testId="places-section">
      <ul className="places">
        {copies.map((copy) => (
          <li
            key={`${copy.store}:${copy.path ?? ''}`}
            className="places__item"
            aria-current={copies.length > 1 && copyKey(copy) === copyKey(here) ? 'true' : undefined}
          >
            <PlaceLabel root={copy.location} store={copy.store} />
            {copies.length > 1 && copyKey(copy) === copyKey(here) && (
              <span className="badge" data-testid="this-copy">
                {t('details.thisCopy')}
              </span>
            )}
            {copy.path !== null && <PathText path={copy.path} />}
          </li>
        ))}
      </ul>
    </SectionCard>
  );
}

/** Colon-separated upper-case hex pairs: how fingerprints and serials are read aloud. */
function hexPairs(hex: string): string {
  const even = hex.length % 2 === 1 ? `0${hex}` : hex;
  return (even.toUpperCase().match(/../g) ?? []).join(':');
}

/**
 * Colon-separated hex pairs that wrap only after a colon, never inside a pair
 * (a fingerprint is read and compared pair by pair).
 */
function HexPairs({ text }: { text: string }) {
  const pairs = text.split(':');
  const last = pairs.length - 1;
  return (
    <code className="mono mono--pairs">
      {pairs.map((pair, i) => (
        // The pairs never move: their place is their identity.
        <Fragment key={i}>
          <span className="hex-pair">{i < last ? `${pair}:` : pair}</span>
          {i < last && <wbr />}
        </Fragment>
      ))}
    </code>
  );
}

/**
 * Whether the person opened the technical section: kept while the window is
 * open, so the next certificate's details show it too.
 */
const technicalShown = { open: false };

/**
 * Serials, the key, the fingerprints, usages, policies and addresses: for
 * whoever needs them (a bank's help desk, an engineer), closed at first.
 */
export function TechnicalSection({ details }: { details: CertificateDetails }) {
  const { t, message } = useI18n();
  const [open, setOpen] = useState(technicalShown.open);
  const { summary } = details;
  const none = <span className="muted">{t('details.none')}</span>;
  return (
    <Disclosure
      className="disclosure disclosure--section card"
      isExpanded={open}
      onExpandedChange={(next) => {
        technicalShown.open = next;
        setOpen(next);
      }}
      data-testid="technical-section"
    >
      <Heading level={3} className="disclosure__heading">
        <Button slot="trigger" className="disclosure__trigger disclosure__trigger--section" data-testid="technical-toggle">
          <ChevronIcon className="disclosure__chevron" />
          {t('details.technical')}
        </Button>
      </Heading>
      <DisclosurePanel className="disclosure__panel">
        <dl className="facts facts--two">
          <Fact label={t('details.serialHex')} testId="serial-hex">
            <HexPairs text={hexPairs(summary.serial)} />
          </Fact>
          <Fact label={t('details.serialDecimal')} testId="serial-decimal">
            <code className="mono">{details.serial_decimal}</code>
          </Fact>
          <Fact label={t('details.key')} testId="details-key">
            {summary.key_algorithm}
          </Fact>
          <Fact label={t('details.signatureAlgorithm')} testId="signature-algorithm">
            <span translate="no">{details.signature_algorithm}</span>
            <span className="fact__aside" translate="no">
              {details.signature_algorithm_oid}
            </span>
          </Fact>
          <Fact label={t('details.sha256')} testId="sha256" wide>
            <span className="with-copy">
              <HexPairs text={summary.fingerprint_sha256} />
              <CopyButton text={summary.fingerprint_sha256} what={t('details.sha256')} testId="copy-sha256" />
            </span>
          </Fact>
          <Fact label={t('details.sha1')} testId="sha1" wide>
            <span className="with-copy">
              <HexPairs text={details.fingerprint_sha1} />
              <CopyButton text={details.fingerprint_sha1} what={t('details.sha1')} testId="copy-sha1" />
            </span>
          </Fact>
          <Fact label={t('details.keyUsage')} testId="key-usage" wide>
            {details.key_usage.length === 0 ? (
              none
            ) : (
              <ul className="chips">
                {details.key_usage.map((bit) => (
                  <li key={bit} className="chip">
                    {t(`keyUsage.${bit}`)}
                  </li>
                ))}
              </ul>
            )}
          </Fact>
          {details.extended_key_usage.length > 0 && (
            <Fact label={t('details.extendedKeyUsage')} testId="extended-key-usage" wide>
              <ul className="chips">
                {details.extended_key_usage.map((oid) => {
                  const key = `eku.${oid}`;
                  return (
                    <li key={oid} className="chip">
                      {isMessageKey(key) ? message(key) : <span translate="no">{oid}</span>}
                    </li>
                  );
                })}
              </ul>
            </Fact>
          )}
          <Fact label={t('details.policies')} testId="policies" wide>
            {details.policies.length === 0 ? (
              none
            ) : (
              <ul className="policies">
                {details.policies.map((policy) => (
                  <li key={policy.oid} className="policy" data-testid="policy">
                    <span className="policy__purpose">{message(policyKey(policy, details.is_ca))}</span>
                    {policy.ca !== null && <span className="fact__aside">{policy.ca}</span>}
                    <span className="fact__aside">
                      {t('details.policyOid')}: <span translate="no">{policy.oid}</span>
                    </span>
                    {policy.notice !== null && (
                      <figure className="policy__notice">
                        <figcaption className="fact__aside">{t('details.notice')}</figcaption>
                        {/* The CA's own words, as it wrote them: never translated, read in their language. */}
                        <blockquote lang={textLang(policy.notice)} translate="no" data-testid="policy-notice">
                          {policy.notice}
                        </blockquote>
                      </figure>
                    )}
                    {policy.cps_uri !== null && (
                      <span className="policy__cps">
                        <span className="fact__aside">{t('details.cps')}</span>
                        <span className="with-copy">
                          <span className="url url--link" translate="no" data-testid="policy-cps">
                            {policy.cps_uri}
                          </span>
                          <CopyButton text={policy.cps_uri} what={t('details.cps')} />
                        </span>
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </Fact>
          <Fact label={t('details.crl')} testId="crl" wide>
            <UrlList urls={details.crl_urls} none={none} />
          </Fact>
          <Fact label={t('details.ocsp')} testId="ocsp" wide>
            <UrlList urls={details.ocsp_urls} none={none} />
          </Fact>
          <Fact label={t('details.version')} testId="version">
            {details.version}
          </Fact>
          <Fact label={t('details.isCa')} testId="is-ca">
            {details.is_ca ? t('details.yes') : t('details.no')}
          </Fact>
        </dl>
      </DisclosurePanel>
    </Disclosure>
  );
}

function UrlList({ urls, none }: { urls: string[]; none: ReactNode }) {
  if (urls.length === 0) return <>{none}</>;
  return (
    <ul className="urls">
      {urls.map((url) => (
        <li key={url} className="url" translate="no">
          {url}
        </li>
      ))}
    </ul>
  );
}
