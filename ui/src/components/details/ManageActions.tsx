import { useEffect, useId, useState } from 'react';
import { Button } from 'react-aria-components';

import { useAnnounce } from '../../Announcer';
import type { CertificateSummary } from '../../bindings/CertificateSummary';
import type { Enrolled } from '../../bindings/Enrolled';
import type { ListedCertificate } from '../../bindings/ListedCertificate';
import type { Stored } from '../../bindings/Stored';
import type { Verification } from '../../bindings/Verification';
import type { Result } from '../../api';
import { useI18n } from '../../i18n/context';
import { copyOf, copyPlaceWords } from '../../places';
import { useReveal } from '../../reveal';
import { renewalState } from '../../validity';
import { ChangePasswordDialog } from '../dialogs/ChangePasswordDialog';
import { CopyToDialog } from '../dialogs/CopyToDialog';
import { DeleteDialog } from '../dialogs/DeleteDialog';
import type { DestinationKind } from '../dialogs/DestinationField';
import { ExportPfxDialog } from '../dialogs/ExportPfxDialog';
import { IdentityDialog } from '../dialogs/IdentityDialog';
import { RenewDialog } from '../dialogs/RenewDialog';
import { RevokeDialog } from '../dialogs/RevokeDialog';
import {
  BlockedIcon,
  CheckIcon,
  ClockIcon,
  CopyIcon,
  ExportIcon,
  IssueIcon,
  KeyIcon,
  PersonCheckIcon,
  RefreshIcon,
  TrashIcon,
} from '../icons';
import { PathText } from '../PlaceLabel';

type Open = 'password' | 'export' | 'copy' | 'identity' | 'delete' | 'renew' | 'revoke' | null;

/** A finished job, shown under the buttons until the next one. */
interface Done {
  text: string;
  path: string | null;
}

/**
 * The jobs a person can do with one certificate, each in its own dialog: on
 * this computer (change the password, export, copy, identity check, delete)
 * and with the CA (renew, reissue, revoke). Renewal is offered first when its
 * window is open; only what can work is offered (an expired or revoked
 * certificate can only be reissued).
 */
export function ManageActions({
  summary,
  here,
  hasIdentityData,
  copies,
  verification,
  onChanged,
  onDeleted,
  onRenewed,
  onReissue,
}: {
  summary: CertificateSummary;
  /** The copy opened from the list: every job here acts on it. */
  here: ListedCertificate;
  hasIdentityData: boolean;
  /** Every copy of the certificate, in every store. */
  copies: ListedCertificate[];
  /** What its CA answered of it, once it answered: a revocation leaves only the reissue. */
  verification?: Result<Verification> | undefined;
  /** The stores changed (a copy was made): the list should be read again. */
  onChanged: () => void;
  onDeleted: () => void;
  /** Renewed: the new certificate replaced this one. */
  onRenewed: (enrolled: Enrolled) => void;
  /** Opens the issuance wizard for a reissue. */
  onReissue: () => void;
}) {
  const { t, message } = useI18n();
  const announce = useAnnounce();
  const headingId = useId();
  const caHeadingId = useId();
  const [open, setOpen] = useState<Open>(null);
  const [done, setDone] = useState<Done | null>(null);
  const close = () => setOpen(null);
  const { owner } = summary;
  const copy = copyOf(here);
  const place = copyPlaceWords(here, copies, (key) => message(key));
  const renewal = renewalState(summary);
  // What was done is brought into view when the dialog closes (and said aloud).
  const doneRef = useReveal<HTMLDivElement>(done);
  const revokedHere = renewal.kind === 'revoked';
  // A certificate its CA said is revoked (itself or a CA above it) can be neither renewed nor revoked again.
  const revokedByCa = !revokedHere && verification?.ok === true && verification.value.verdict === 'revoked';
  const revoked = revokedHere || revokedByCa;
  // An expired certificate can be neither renewed nor revoked: only a reissue gives a new one.
  const expired = renewal.kind === 'expired';

  // Revoking removes the button that had focus (the screen now says it is revoked):
  // focus goes to what was done instead of getting lost.
  useEffect(() => {
    if (revokedHere) doneRef.current?.focus();
  }, [revokedHere, doneRef]);

  const finish = (text: string, path: string | null = null) => {
    setOpen(null);
    setDone({ text, path });
    announce(text);
  };

  const currentPlaces: DestinationKind[] = copies.flatMap((copy): DestinationKind[] =>
    copy.store === 'keychain' ? ['keychain'] : copy.location?.kind === 'disk' ? ['disk'] : [],
  );

  return (
    <section className="card section-card" aria-labelledby={headingId} data-testid="manage">
      <h3 id={headingId} className="card__heading">
        {t('details.manage')}
      </h3>
      {copies.length > 1 && (
        <p className="muted manage__copy" data-testid="managed-copy">
          {t('manage.thisCopy', { place })}
        </p>
      )}
      {renewal.kind === 'due' && !revoked && (
        <div className="notice notice--warn renew-due" data-testid="renew-due">
          <ClockIcon />
          <p>
            {renewal.daysLeft <= 0 ? t('manage.renewLastDay') : t('manage.renewDue', { days: renewal.daysLeft })}
          </p>
          <Button className="button button--primary" onPress={() => setOpen('renew')} data-testid="renew-now">
            <RefreshIcon />
            {t('manage.renewNow')}
          </Button>
        </div>
      )}
      <div className="actions">
        <Button className="button" onPress={() => setOpen('password')} data-testid="open-change-password">
          <KeyIcon />
          {t('action.changePassword')}
        </Button>
        <Button className="button" onPress={() => setOpen('export')} data-testid="open-export">
          <ExportIcon />
          {t('action.exportPfx')}
        </Button>
        <Button className="button" onPress={() => setOpen('copy')} data-testid="open-copy">
          <CopyIcon />
          {t('action.copyTo')}
        </Button>
        <Button className="button" onPress={() => setOpen('identity')} data-testid="open-identity">
          <PersonCheckIcon />
          {t('action.verifyIdentity')}
        </Button>
        <Button className="button button--danger-quiet" onPress={() => setOpen('delete')} data-testid="open-delete">
          <TrashIcon />
          {t('action.delete')}
        </Button>
      </div>
      <h4 id={caHeadingId} className="subheading">
        {t('manage.caActions')}
      </h4>
      <p className="section__note">{t('manage.caActionsHint')}</p>
      {expired && (
        <p className="section__note" data-testid="expired-only-reissue">
          {t('manage.expiredOnlyReissue')}
        </p>
      )}
      {revokedByCa && !expired && (
        <p className="section__note" data-testid="revoked-only-reissue">
          {t('manage.revokedOnlyReissue')}
        </p>
      )}
      <div className="actions" role="group" aria-labelledby={caHeadingId}>
        {!revoked && !expired && (
          <Button className="button" onPress={() => setOpen('renew')} data-testid="open-renew">
            <RefreshIcon />
            {t('action.renew')}
          </Button>
        )}
        <Button className="button" onPress={onReissue} data-testid="open-reissue">
          <IssueIcon />
          {t('action.reissue')}
        </Button>
        {!revoked && !expired && (
          <Button className="button button--danger-quiet" onPress={() => setOpen('revoke')} data-testid="open-revoke">
            <BlockedIcon />
            {t('action.revoke')}
          </Button>
        )}
      </div>
      {done !== null && (
        <div className="notice notice--ok" data-testid="done-notice" ref={doneRef} tabIndex={-1}>
          <CheckIcon />
          <div>
            <p>{done.text}</p>
            {done.path !== null && <PathText path={done.path} />}
          </div>
        </div>
      )}

      <ChangePasswordDialog
        isOpen={open === 'password'}
        onClose={close}
        onDone={() => finish(t('changePassword.done'))}
        copy={copy}
        owner={owner}
      />
      <ExportPfxDialog
        isOpen={open === 'export'}
        onClose={close}
        onDone={(path) => finish(t('export.done'), path)}
        copy={copy}
        owner={owner}
      />
      <CopyToDialog
        isOpen={open === 'copy'}
        onClose={close}
        onDone={(stored: Stored) => {
          finish(t('copyTo.done'), stored.path);
          onChanged();
        }}
        copy={copy}
        currentPlaces={currentPlaces}
      />
      <IdentityDialog isOpen={open === 'identity'} onClose={close} copy={copy} hasIdentityData={hasIdentityData} />
      <DeleteDialog
        isOpen={open === 'delete'}
        onClose={close}
        onDone={() => {
          setOpen(null);
          onDeleted();
        }}
        onBackup={() => setOpen('export')}
        copy={copy}
        owner={owner}
        copies={copies.length}
        place={place}
      />
      <RenewDialog
        isOpen={open === 'renew'}
        onClose={close}
        onRenewed={(enrolled) => {
          setOpen(null);
          onRenewed(enrolled);
        }}
        summary={summary}
        copy={copy}
      />
      <RevokeDialog
        isOpen={open === 'revoke'}
        onClose={close}
        onDone={() => {
          finish(t('revoke.done'));
          onChanged();
        }}
        copy={copy}
        owner={owner}
      />
    </section>
  );
}
