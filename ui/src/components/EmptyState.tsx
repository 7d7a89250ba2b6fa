import { useId } from 'react';
import { Button } from 'react-aria-components';

import type { NpkiRoot } from '../bindings/NpkiRoot';
import { useI18n } from '../i18n/context';
import { FolderIcon, ImportIcon, IssueIcon } from './icons';
import { PathText, PlaceLabel } from './PlaceLabel';
import { RefreshButton } from './RefreshButton';

/** No certificate yet: what one is, how to get one or bring one in, and where we looked. */
export function EmptyState({
  searchedRoots,
  onImport,
  onIssue,
  onRefresh,
  isRefreshing,
}: {
  searchedRoots: NpkiRoot[];
  onImport: () => void;
  onIssue: () => void;
  /** Looks again, once a USB stick is plugged in or a folder copied. */
  onRefresh: () => void;
  isRefreshing: boolean;
}) {
  const { t } = useI18n();
  const headingId = useId();

  return (
    <section className="card empty" aria-labelledby={headingId} data-testid="empty-state">
      <div className="empty__illustration">
        <FolderIcon />
      </div>
      <h2 id={headingId} className="empty__heading">
        {t('empty.heading')}
      </h2>
      <p className="empty__lead">{t('empty.whatIs')}</p>

      <h3 className="empty__subheading">{t('empty.howToGetHeading')}</h3>
      <p>{t('empty.howToGet')}</p>
      <p>{t('empty.issue')}</p>
      <Button className="button button--primary empty__action" onPress={onIssue} data-testid="empty-issue">
        <IssueIcon />
        {t('empty.issueAction')}
      </Button>

      <h3 className="empty__subheading">{t('empty.copyHeading')}</h3>
      <p>{t('empty.copy')}</p>
      <p>{t('empty.import')}</p>
      <div className="actions empty__action">
        <RefreshButton onRefresh={onRefresh} isRefreshing={isRefreshing} />
        <Button className="button" onPress={onImport} data-testid="open-import">
          <ImportIcon />
          {t('action.import')}
        </Button>
      </div>

      <h3 className="empty__subheading">{t('empty.searchedHeading')}</h3>
      {searchedRoots.length === 0 ? (
        <p className="section__note">{t('empty.searchedNone')}</p>
      ) : (
        <ul className="searched" data-testid="searched-roots">
          {searchedRoots.map((root) => (
            <li key={root.path} className="searched__item">
              <PlaceLabel root={root} />
              <PathText path={root.path} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
