import { useEffect, useState } from 'react';
import { Button } from 'react-aria-components';

import { useAnnounce } from '../Announcer';
import { useI18n } from '../i18n/context';
import { CheckIcon, CopyIcon } from './icons';

/** How long the button says "copied" before it says "copy" again. */
const COPIED_FOR_MS = 2000;

/**
 * Copies a text to the clipboard and says so: in the button for the eye, in
 * the window's live region for the ear. `what` names the text ("SHA-256 지문").
 */
export function CopyButton({
  text,
  what,
  testId,
  label,
  className = 'button button--small button--quiet copy-button',
}: {
  text: string;
  what: string;
  testId?: string;
  /** A visible label of its own; the accessible name is then that label. */
  label?: string;
  className?: string;
}) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    if (!copied) return undefined;
    const timer = window.setTimeout(() => setCopied(false), COPIED_FOR_MS);
    return () => window.clearTimeout(timer);
  }, [copied]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      announce(t('clipboard.copied'));
    } catch {
      announce(t('clipboard.failed'));
    }
  };

  return (
    <Button
      className={className}
      onPress={() => void copy()}
      aria-label={label ?? t('clipboard.copyWhat', { what })}
      data-testid={testId}
      data-copied={copied || undefined}
    >
      {copied ? <CheckIcon /> : <CopyIcon />}
      <span aria-hidden="true">{copied ? t('clipboard.copied') : (label ?? t('clipboard.copy'))}</span>
    </Button>
  );
}
