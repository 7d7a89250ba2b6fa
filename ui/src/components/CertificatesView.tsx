import { use, useEffect } from 'react';

import type { Result } from '../api';
import type { CertificateList as Listing } from '../bindings/CertificateList';
import type { ListedCertificate } from '../bindings/ListedCertificate';
import { markAfterPaint } from '../timeline';
import { CertificateList, type ListFilter } from './CertificateList';
import { EmptyState } from './EmptyState';
import { LoadError } from './LoadError';

/**
 * What the last `list_certificates` call found. Suspends while it runs, so
 * the surrounding `<Suspense>` shows the loading state.
 */
export function CertificatesView({
  request,
  onRetry,
  isRetrying,
  filter,
  onFilterChange,
  onOpen,
  onImport,
  onIssue,
  focusKey,
}: {
  request: Promise<Result<Listing>>;
  /** Reads the list again: a retry after a failure, or the list's refresh button. */
  onRetry: () => void;
  isRetrying: boolean;
  filter: ListFilter;
  onFilterChange: (filter: ListFilter) => void;
  onOpen: (certificate: ListedCertificate) => void;
  onImport: () => void;
  onIssue: () => void;
  focusKey: string | null;
}) {
  const result = use(request);
  // The first list shown with its data (or what stands for it) ends the cold start.
  useEffect(() => markAfterPaint('list-painted'), []);

  if (!result.ok) {
    return <LoadError error={result.error} onRetry={onRetry} isRetrying={isRetrying} />;
  }
  const listing = result.value;
  if (listing.certificates.length === 0 && listing.unreadable.length === 0) {
    return (
      <EmptyState
        searchedRoots={listing.searched_roots}
        onImport={onImport}
        onIssue={onIssue}
        onRefresh={onRetry}
        isRefreshing={isRetrying}
      />
    );
  }
  return (
    <CertificateList
      listing={listing}
      filter={filter}
      onFilterChange={onFilterChange}
      onOpen={onOpen}
      onImport={onImport}
      onRefresh={onRetry}
      isRefreshing={isRetrying}
      focusKey={focusKey}
    />
  );
}
