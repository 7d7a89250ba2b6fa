import { useEffect, useMemo, useState } from 'react';

import { verifyCertificates, type Result } from '../api';
import type { CertificateList } from '../bindings/CertificateList';
import type { Verification } from '../bindings/Verification';
import type { Check } from '../trust';

/** Each certificate's verification, by ID. */
export type VerificationsById = ReadonlyMap<string, Verification>;

/** Answers in the order they came, so the newer of two answers about a certificate wins. */
let sequence = 0;

/** What one list's call answered (nothing, when it failed), and when. */
interface ListAnswer {
  byId: VerificationsById;
  seq: number;
}

/** Each listed certificate's check, by ID. */
export type ListChecks = (id: string) => Check;

/**
 * One `verify_certificates` call per list read: coming back to the same list
 * (from the details) or rendering it twice never asks again; a refresh,
 * which reads a new list, does.
 */
const asked = new WeakMap<CertificateList, Promise<Result<Verification[]>>>();
/** The answers already had, so a list shown again has its badges at once. */
const answered = new WeakMap<CertificateList, ListAnswer>();
/** What the details screen learned since (opening it, "check now"), by certificate ID. */
const learned = new Map<string, { verification: Verification; seq: number }>();

/**
 * Tells the list what the details screen found, so a certificate checked
 * there (found revoked, say) reads the same when the person comes back. A
 * later list answer about it wins again.
 */
export function noteVerification(verification: Verification): void {
  sequence += 1;
  learned.set(verification.id, { verification, seq: sequence });
}

function ask(listing: CertificateList): Promise<Result<Verification[]>> {
  let request = asked.get(listing);
  if (request === undefined) {
    const ids = [...new Set(listing.certificates.map((certificate) => certificate.id))];
    request = verifyCertificates(ids);
    asked.set(listing, request);
  }
  return request;
}

/** The newest answer about each certificate: the list's, or a later one from the details. */
function newest(answer: ListAnswer | null): VerificationsById {
  const byId = new Map(answer?.byId ?? []);
  for (const [id, note] of learned) {
    if (answer === null || note.seq > answer.seq) byId.set(id, note.verification);
  }
  return byId;
}

/**
 * The list's checks (a list not read has none), asked once the cards are on screen (never before: the
 * list does not wait for any CA). Until the answer comes a card's check is
 * under way; the previous list's answers stay meanwhile. A call that fails
 * leaves each certificate's check failed (its card then says its status
 * could not be checked, as its details would), with no message of its own;
 * what the details found since wins.
 */
export function useListVerifications(listing: CertificateList | null): ListChecks {
  const [answer, setAnswer] = useState<ListAnswer | null>(() => (listing === null ? null : (answered.get(listing) ?? null)));

  useEffect(() => {
    if (listing === null || listing.certificates.length === 0) return undefined;
    let current = true;
    void ask(listing).then((result) => {
      let known = answered.get(listing);
      if (known === undefined) {
        sequence += 1;
        known = {
          byId: result.ok ? new Map(result.value.map((verification) => [verification.id, verification])) : new Map(),
          seq: sequence,
        };
        answered.set(listing, known);
      }
      if (current) setAnswer(known);
    });
    return () => {
      current = false;
    };
  }, [listing]);

  // This list's answer once it came, else the previous list's while this one is asked. The same
  // function as long as nothing new is known, so the cards drawn with it are not drawn again.
  const known = listing === null ? undefined : answered.get(listing);
  const shown = known ?? answer;
  const learnedUpTo = sequence;
  return useMemo(() => {
    const byId = newest(shown);
    return (id: string) => byId.get(id) ?? (known === undefined ? 'checking' : 'failed');
    // `learnedUpTo` stands for `learned`, which grows outside React.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shown, known, learnedUpTo]);
}
