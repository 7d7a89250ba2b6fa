import { useEffect, useId, useRef } from 'react';
import {
  Button,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  SearchField,
  Select,
  SelectValue,
} from 'react-aria-components';

import { useAnnounce } from '../Announcer';
import type { CertificateList as Listing } from '../bindings/CertificateList';
import type { ListedCertificate } from '../bindings/ListedCertificate';
import { caName } from '../cas';
import { useI18n } from '../i18n/context';
import { copyKey } from '../places';
import { isPlaceFilter, matchesPlace, matchesQuery, PLACE_FILTERS, placeOf, type PlaceFilter } from '../search';
import { CertificateCard } from './CertificateCard';
import { RefreshButton } from './RefreshButton';
import { ChevronIcon, CloseIcon, ImportIcon, SearchIcon } from './icons';
import { UnreadableRow } from './UnreadableRow';
import { useListVerifications } from './useListVerifications';

/** What the list is narrowed to: a search and a place. */
export interface ListFilter {
  query: string;
  place: PlaceFilter;
}

const PLACE_LABELS = {
  all: 'list.filterAll',
  keychain: 'place.keychain',
  disk: 'place.disk',
  removable: 'place.removable',
  extra: 'place.extra',
} as const;

/**
 * The certificates that were found, with a search and a filter by place, then
 * the folders that could not be read. Once the cards are shown, their status
 * is asked in the background and each card gets its badge when it comes.
 */
export function CertificateList({
  listing,
  filter,
  onFilterChange,
  onOpen,
  onImport,
  onRefresh,
  isRefreshing,
  focusKey,
}: {
  listing: Listing;
  filter: ListFilter;
  onFilterChange: (filter: ListFilter) => void;
  onOpen: (certificate: ListedCertificate) => void;
  onImport: () => void;
  /** Reads the certificates again (after plugging in a USB stick, say). */
  onRefresh: () => void;
  isRefreshing: boolean;
  /**
   * What to give focus to when the list appears: a card's key (coming back
   * from its details), `heading` (coming back from elsewhere), or nothing.
   */
  focusKey: string | null;
}) {
  const { t, message } = useI18n();
  const announce = useAnnounce();
  const listHeadingId = useId();
  const unreadableHeadingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { certificates, unreadable } = listing;
  const checkOf = useListVerifications(listing);

  useEffect(() => {
    if (focusKey === null) return;
    const card = document.querySelector<HTMLElement>(`[data-card-key="${CSS.escape(focusKey)}"]`);
    (card ?? headingRef.current)?.focus();
  }, [focusKey]);

  const purposeOf = (certificate: ListedCertificate) => message(`purpose.${certificate.purpose}`);
  const searched = (query: string) =>
    certificates.filter((c) => matchesQuery(c, query, purposeOf(c), caName(c.ca, message)));
  const matching = searched(filter.query);
  const shown = matching.filter((c) => matchesPlace(c, filter.place));
  const placesPresent = new Set(certificates.map(placeOf));
  const options = PLACE_FILTERS.filter(
    (place) => place === 'all' || place === filter.place || placesPresent.has(place),
  );
  const isFiltered = filter.query.trim() !== '' || filter.place !== 'all';
  // With a single place there is nothing to choose: the filter is not shown, nor named in the hint.
  const placeFilterShown = options.length > 2;

  const change = (next: ListFilter) => {
    onFilterChange(next);
    const count = searched(next.query).filter((c) => matchesPlace(c, next.place)).length;
    announce(t('list.shownAnnouncement', { count }));
  };

  return (
    <>
      <section className="section" aria-labelledby={listHeadingId}>
        <div className="section__top">
          <h2 id={listHeadingId} ref={headingRef} tabIndex={-1} className="section__heading">
            {t('list.heading')}{' '}
            <span className="count" data-testid="list-count">
              {isFiltered
                ? t('list.countFiltered', { shown: shown.length, total: certificates.length })
                : t('list.count', { count: certificates.length })}
            </span>
          </h2>
          <div className="section__actions">
            <RefreshButton onRefresh={onRefresh} isRefreshing={isRefreshing} />
            <Button className="button button--primary" onPress={onImport} data-testid="open-import">
              <ImportIcon />
              {t('action.import')}
            </Button>
          </div>
        </div>

        {certificates.length === 0 ? (
          <p className="section__note">{t('list.noneReadable')}</p>
        ) : (
          <>
            <div className="toolbar" data-testid="list-toolbar">
              <SearchField
                className="search"
                value={filter.query}
                onChange={(query) => change({ ...filter, query })}
                data-testid="search"
              >
                <Label className="field__label">{t('list.searchLabel')}</Label>
                <div className="search__row">
                  <SearchIcon />
                  <Input className="search__input" placeholder={t('list.searchPlaceholder')} />
                  <Button className="icon-button search__clear">
                    <CloseIcon />
                  </Button>
                </div>
              </SearchField>
              {placeFilterShown && (
                <Select
                  className="place-filter"
                  value={filter.place}
                  onChange={(place) => {
                    if (isPlaceFilter(place)) change({ ...filter, place });
                  }}
                  data-testid="place-filter"
                >
                  <Label className="field__label">{t('list.filterLabel')}</Label>
                  <Button className="select__button" data-testid="place-filter-button">
                    <SelectValue className="select__value" />
                    <ChevronIcon className="select__chevron" />
                  </Button>
                  <Popover className="select__popover">
                    <ListBox className="select__list">
                      {options.map((place) => {
                        const count = matching.filter((c) => matchesPlace(c, place)).length;
                        const label = t(PLACE_LABELS[place]);
                        return (
                          <ListBoxItem
                            key={place}
                            id={place}
                            textValue={label}
                            className="select__option"
                            data-testid={`filter-${place}`}
                          >
                            {label}
                            <span className="filter-chip__count">{t('list.optionCount', { count })}</span>
                          </ListBoxItem>
                        );
                      })}
                    </ListBox>
                  </Popover>
                </Select>
              )}
            </div>

            {shown.length === 0 ? (
              <div className="card no-match" data-testid="no-match">
                <p className="no-match__title">{t('list.noMatch')}</p>
                <p className="section__note" data-testid="no-match-hint">
                  {placeFilterShown ? t('list.noMatchHint') : t('list.noMatchHintSearch')}
                </p>
                <Button className="button" onPress={() => change({ query: '', place: 'all' })}>
                  {t('list.showAll')}
                </Button>
              </div>
            ) : (
              <ul className="cards" data-testid="certificate-list">
                {shown.map((certificate) => (
                  <CertificateCard
                    key={copyKey(certificate)}
                    certificate={certificate}
                    check={checkOf(certificate.id)}
                    onOpen={onOpen}
                  />
                ))}
              </ul>
            )}
          </>
        )}
      </section>

      {unreadable.length > 0 && (
        <section className="section" aria-labelledby={unreadableHeadingId}>
          <h2 id={unreadableHeadingId} className="section__heading">
            {t('unreadable.heading')}{' '}
            <span className="count">{t('list.count', { count: unreadable.length })}</span>
          </h2>
          <p className="section__note">{t('unreadable.hint')}</p>
          <ul className="cards">
            {unreadable.map((entry) => (
              <UnreadableRow key={`${entry.path}:${entry.error.code}`} entry={entry} />
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
