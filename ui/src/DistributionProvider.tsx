import { createContext, use, useContext, useEffect, useMemo, type ReactNode } from 'react';

import type { Result } from './api';
import type { Distribution } from './bindings/Distribution';
import { DistributionErrorScreen } from './components/DistributionErrorScreen';
import { applyAccent, isDistributionError, productName, UNBRANDED } from './distribution';
import { useI18n } from './i18n/context';

export interface Branding {
  distribution: Distribution;
  /** The product's name in the current language. */
  name: string;
}

const DistributionContext = createContext<Branding | null>(null);

/**
 * Waits for the distribution (suspending), then brands the window with it: the
 * accent colour as CSS custom properties, the product name in the title. A
 * distribution file that is there but unreadable or invalid stops the app with
 * a full-window explanation; any other failure (an older backend) leaves the
 * window unbranded.
 */
export function DistributionProvider({
  request,
  children,
}: {
  request: Promise<Result<Distribution>>;
  children: ReactNode;
}) {
  const { lang, t } = useI18n();
  const result = use(request);
  const broken = !result.ok && isDistributionError(result.error.code);
  const distribution = result.ok ? result.value : UNBRANDED;
  const name = productName(distribution, lang, t('app.name'));
  const branding = useMemo(() => ({ distribution, name }), [distribution, name]);

  useEffect(() => {
    document.title = t('app.documentTitle', { name });
  }, [name, t]);

  useEffect(() => applyAccent(distribution.accent_color), [distribution.accent_color]);

  if (broken) {
    return <DistributionErrorScreen error={result.error} />;
  }
  return <DistributionContext value={branding}>{children}</DistributionContext>;
}

/** The distribution and the product's name. Must be used under `<DistributionProvider>`. */
export function useDistribution(): Branding {
  const branding = useContext(DistributionContext);
  if (branding === null) {
    throw new Error('useDistribution() needs a <DistributionProvider> above it');
  }
  return branding;
}
