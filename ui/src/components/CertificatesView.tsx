import { use } from 'react';

import type { Result } from '../api';
import type { CertificateList as Listing } from '../bindings/CertificateList';
import { CertificateList } from './CertificateList';
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
}: {
  request: Promise<Result<Listing>>;
  onRetry: () => void;
  isRetrying: boolean;
}) {
  const result = use(request);

  if (!result.ok) {
    return <LoadError error={result.error} onRetry={onRetry} isRetrying={isRetrying} />;
  }
  const listing = result.value;
  if (listing.certificates.length === 0 && listing.unreadable.length === 0) {
    return <EmptyState searchedRoots={listing.searched_roots} />;
  }
  return <CertificateList listing={listing} />;
}
