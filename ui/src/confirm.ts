/**
 * Whether a typed confirmation names the certificate: the owner's name as
 * issued (spaces and Unicode composition aside) or the first 8 characters of
 * its ID (case aside). Deletion and revocation ask for it, so that neither
 * happens by a slip of the hand.
 */
export function confirmsCertificate(typed: string, owner: string, id: string): boolean {
  const fold = (text: string) => text.normalize('NFC').replace(/\s+/g, '').toLowerCase();
  const entered = fold(typed);
  return entered !== '' && (entered === fold(owner) || entered === id.slice(0, 8).toLowerCase());
}
