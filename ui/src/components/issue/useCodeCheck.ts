import { useEffect, useState } from 'react';

import { checkCodes } from '../../api';
import type { ErrorInfo } from '../../bindings/ErrorInfo';
import { codeFieldOf, issuePath, type CodeFieldName, type CodeValues, type IssueKind } from '../../issue';

/** How long typing must pause before the backend is asked about the codes. */
const CHECK_DELAY_MS = 150;

/** The backend's mistakes in the codes, by field. */
export type CodeMistakes = Partial<Record<CodeFieldName, ErrorInfo>>;

/**
 * The mistakes `check_codes` finds in the codes typed so far, asked once
 * typing pauses. The last answer stays until the next one arrives, so a field
 * does not flicker between keystrokes. Nothing is sent to a CA.
 */
export function useCodeCheck(kind: IssueKind, values: CodeValues): CodeMistakes {
  const [mistakes, setMistakes] = useState<CodeMistakes>({});
  const { registration, application, tempCode, idNumber } = values;

  useEffect(() => {
    let current = true;
    const timer = window.setTimeout(() => {
      void checkCodes(issuePath(kind, { registration, application, tempCode, idNumber })).then((result) => {
        if (!current || !result.ok) return;
        const byField: CodeMistakes = {};
        for (const mistake of result.value) {
          const field = codeFieldOf(mistake.code);
          if (field !== null) byField[field] ??= mistake;
        }
        setMistakes(byField);
      });
    }, CHECK_DELAY_MS);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [kind, registration, application, tempCode, idNumber]);

  return mistakes;
}
