import { memo, startTransition, useCallback, useDeferredValue, useEffect, useId, useMemo, useRef, useState } from 'react';
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
import { isListView, LIST_VIEWS, type ListView } from '../preferences';
import { usePreferences } from '../PreferencesProvider';
import {
  foldQuery,
  isPlaceFilter,
  keyMatches,
  matchesPlace,
  PLACE_FILTERS,
  placeOf,
  searchKey,
  type PlaceFilter,
} from '../search';
import { CertificateCard } from './CertificateCard';
import { SegmentedChoice } from './SegmentedChoice';
import { RefreshButton } from './RefreshButton';
import { ChevronIcon, CloseIcon, ImportIcon, SearchIcon } from './icons';
import { UnreadableRow } from './UnreadableRow';
import { type ListChecks, useListVerifications } from './useListVerifications';

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

const VIEW_LABELS = { cards: 'list.viewCards', rows: 'list.viewRows' } as const;

/**
 * Past this many, the cards off screen are neither laid out nor painted
 * (`cards--many`: CSS `content-visibility: auto`, with a size kept for each so
 * the scroll bar stays true). Chosen over a virtualised list: every card stays
 * in the document, so find-in-page, a screen reader's list navigation, the
 * focus given back to a card coming from its details and every test that
 * looks a card up keep working. React still builds them all, once per list
 * (the cards are memoised, the search deferred), and after the first frame.
 */
const MANY = 40;

/**
 * How many certificates the list's first frame draws; the rest follow at
 * once in a transition React may interrupt, so a long list is on screen
 * (and the search usable) before all of it is built.
 */
const FIRST_FRAME = 40;

/**
 * The cards of the certificates shown. Memoised: as a search is typed into a long
 * list, the screen around them is drawn at each key and the cards only when the
 * (deferred) search has changed which are shown.
 */
const Cards = memo(function Cards({
  certificates,
  many,
  checkOf,
  onOpen,
  layout,
}: {
  certificates: readonly ListedCertificate[];
  many: boolean;
  checkOf: ListChecks;
  onOpen: (certificate: ListedCertificate) => void;
  layout: ListView;
}) {
  return (
    <ul
      className={`cards${layout === 'rows' ? ' cards--rows' : ''}${many ? ' cards--many' : ''}`}
      data-testid="certificate-list"
      data-view={layout}
    >
      {certificates.map((certificate) => (
        <CertificateCard
          key={copyKey(certificate)}
          certificate={certificate}
          check={checkOf(certificate.id)}
          onOpen={onOpen}
          layout={layout}
        />
      ))}
    </ul>
  );
});

/**
 * The certificates that were found, with a search and a filter by place, then
 * the folders that could not be read, as cards or as rows (the person's
 * choice, `dojang.listView`). Once the cards are shown, their status
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
  const { listView, setListView } = usePreferences();
  const listHeadingId = useId();
  const unreadableHeadingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { certificates, unreadable } = listing;
  const checkOf = useListVerifications(listing);
  // One function for the whole life of the list, so the memoised cards are not all drawn again
  // whenever the screen around them is (a search typed, say); it calls the latest `onOpen`.
  const latestOnOpen = useRef(onOpen);
  useEffect(() => {
    latestOnOpen.current = onOpen;
  }, [onOpen]);
  const open = useCallback((certificate: ListedCertificate) => {
    latestOnOpen.current(certificate);
  }, []);

  useEffect(() => {
    if (focusKey === null) return;
    const card = document.querySelector<HTMLElement>(`[data-card-key="${CSS.escape(focusKey)}"]`);
    (card ?? headingRef.current)?.focus();
  }, [focusKey]);

  // Folded once per list and language, so a keystroke costs one substring test per certificate.
  const keys = useMemo(
    () => certificates.map((c) => searchKey(c, message(`purpose.${c.purpose}`), caName(c.ca, message))),
    [certificates, message],
  );
  const searched = (query: string) => {
    const needle = foldQuery(query);
    return certificates.filter((_, index) => keyMatches(keys[index] ?? '', needle));
  };
  // A short list follows the search in the same frame, never showing a search the list is not.
  // So does a long one when the search narrows what it shows (the new search holds the one
  // shown: fewer cards, none to build), which costs a keystroke less than letting the field
  // be drawn first and the list in a frame of its own. When it widens, the cards to build can
  // take a few hundred milliseconds: the field shows each key at once and the list follows as
  // soon as React has the time, so typing never waits for the list to be drawn.
  const deferredQuery = useDeferredValue(filter.query);
  const narrows = foldQuery(filter.query).includes(foldQuery(deferredQuery));
  const shownQuery = certificates.length > MANY && !narrows ? deferredQuery : filter.query;
  const matching = useMemo(() => {
    const needle = foldQuery(shownQuery);
    return certificates.filter((_, index) => keyMatches(keys[index] ?? '', needle));
  }, [certificates, keys, shownQuery]);
  const shown = useMemo(() => matching.filter((c) => matchesPlace(c, filter.place)), [matching, filter.place]);
  // Enough for the first frame, and for the card focus goes back to (coming from its details).
  const [drawnCount, setDrawnCount] = useState(() => {
    const focused = focusKey === null ? -1 : shown.findIndex((c) => copyKey(c) === focusKey);
    return Math.max(FIRST_FRAME, focused + 1);
  });
  const allDrawn = drawnCount >= certificates.length;
  useEffect(() => {
    if (!allDrawn) startTransition(() => setDrawnCount(Number.POSITIVE_INFINITY));
  }, [allDrawn]);
  const drawn = useMemo(() => (shown.length > drawnCount ? shown.slice(0, drawnCount) : shown), [shown, drawnCount]);
  const placesPresent = new Set(certificates.map(placeOf));
  const options = PLACE_FILTERS.filter(
    (place) => place === 'all' || place === filter.place || placesPresent.has(place),
  );
  const isFiltered = shownQuery.trim() !== '' || filter.place !== 'all';
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
              {/* Its two words say what it is; “보기” (View) is its name for screen readers. */}
              <div className="view-choice">
                <SegmentedChoice
                  value={listView}
                  options={LIST_VIEWS}
                  label={(view) => t(VIEW_LABELS[view])}
                  onChange={(next) => {
                    if (isListView(next)) setListView(next);
                  }}
                  name={{ label: t('list.viewLabel') }}
                  small
                  testId="list-view"
                  optionAttributes={(view) => ({ 'data-testid': `list-view-${view}` })}
                />
              </div>
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
              <Cards
                certificates={drawn}
                many={shown.length > MANY}
                checkOf={checkOf}
                onOpen={open}
                layout={listView}
              />
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
