import type { ContactDetailKind, ContactFinding } from './contactFinding';
import { findEmailAddresses } from './findEmailAddresses';
import { findLinks } from './findLinks';
import { findPhoneNumbers } from './findPhoneNumbers';
import { findSocialHandles } from './findSocialHandles';
import { normaliseGuardText } from './normaliseGuardText';

/**
 * Finders in order. Each later finder reads the text with the earlier findings blanked out, so an
 * address is not also a link ("anna@gmail.com" holds "gmail.com"), a handle is not also a link
 * ("IG: anna.ar") and a messenger link's digits are not also a phone number ("wa.me/15551234567").
 */
const FINDERS: readonly ((text: string) => ContactFinding[])[] = [findEmailAddresses, findSocialHandles, findLinks, findPhoneNumbers];

/**
 * The contact-details guard (SPEC §13): which kinds of contact detail a private note holds, in the
 * order they appear; empty when it holds none. Pure: the same text always gives the same answer,
 * and nothing of the text is kept or logged.
 */
export function findContactDetails(text: string): ContactDetailKind[] {
  let remaining = normaliseGuardText(text);
  const findings: ContactFinding[] = [];
  for (const find of FINDERS) {
    const found = find(remaining);
    findings.push(...found);
    for (const { start, end } of found) remaining = remaining.slice(0, start) + ' '.repeat(end - start) + remaining.slice(end);
  }
  findings.sort((a, b) => a.start - b.start);
  return [...new Set(findings.map((finding) => finding.kind))];
}
