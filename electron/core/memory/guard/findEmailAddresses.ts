import type { ContactFinding } from './contactFinding';
import { COMMON_TLDS, MAIL_PROVIDERS, WORDLIKE_TLDS } from './contactVocabulary';

/** "@", "(at)" in any brackets, or the word "at" between spaces; the spaces around are read separately (a pattern that starts with spaces would retry every space of a long gap). */
const AT_TOKEN = /@|[([{<]\s*at\s*[)\]}>]|(?<=\s)at(?=\s)/giu;
const LOCAL_CHAR = /[a-z0-9._%+-]/i;
const SPACE = /\s/u;
const LABEL = /[a-z0-9](?:[a-z0-9-]*[a-z0-9])?/iy;
/** A tight dot, a dot with spaces, "dot" in brackets, or the word "dot". */
const DOT_TOKEN = /\.(?=[a-z0-9])|\s*\.\s*|\s*[([{<]\s*dot\s*[)\]}>]\s*|\s+dot\s+/iy;
const WORD_CHAR = /[\p{L}\p{N}_]/u;

type AtForm = 'tight' | 'spaced' | 'bracketed' | 'word';

/**
 * E-mail addresses, plain or spelled out to slip past a filter: "anna.b@gmail.com",
 * "name at gmail dot com", "name(at)proton(dot)me", "name @ gmail . com", "anna at gmail".
 * An ordinary "@" or "at" in a sentence ("meet @ 8", "at home. Me too") is not one: spelled and
 * spaced forms need a mail provider or a common domain ending written as a domain.
 */
export function findEmailAddresses(text: string): ContactFinding[] {
  const found: ContactFinding[] = [];
  for (const at of text.matchAll(AT_TOKEN)) {
    let tokenStart = at.index;
    while (tokenStart > 0 && SPACE.test(text[tokenStart - 1] ?? '')) tokenStart -= 1;
    let tokenEnd = at.index + at[0].length;
    while (tokenEnd < text.length && SPACE.test(text[tokenEnd] ?? '')) tokenEnd += 1;
    const spaceBefore = tokenStart < at.index;
    const spaceAfter = tokenEnd > at.index + at[0].length;
    // "@anna.in" after a space is a mention of a handle, not the middle of an address.
    if (at[0] === '@' && spaceBefore && !spaceAfter) continue;
    const form: AtForm = at[0] === '@' ? (spaceBefore || spaceAfter ? 'spaced' : 'tight') : /[([{<]/.test(at[0]) ? 'bracketed' : 'word';
    let localStart = tokenStart;
    while (localStart > 0 && LOCAL_CHAR.test(text[localStart - 1] ?? '')) localStart -= 1;
    if (localStart === tokenStart) continue;
    const domain = readDomain(text, tokenEnd);
    if (domain === null || !isMailDomain(domain, form)) continue;
    found.push({ kind: 'email_address', start: localStart, end: domain.end });
  }
  return found;
}

interface ParsedDomain {
  labels: string[];
  /** How each dot between labels was written. */
  dots: ('tight' | 'loose' | 'spelled')[];
  end: number;
}

function readDomain(text: string, from: number): ParsedDomain | null {
  LABEL.lastIndex = from;
  const first = LABEL.exec(text);
  if (first === null) return null;
  const labels = [first[0].toLowerCase()];
  const dots: ParsedDomain['dots'] = [];
  let end = LABEL.lastIndex;
  for (;;) {
    DOT_TOKEN.lastIndex = end;
    const dot = DOT_TOKEN.exec(text);
    if (dot === null) break;
    LABEL.lastIndex = DOT_TOKEN.lastIndex;
    const label = LABEL.exec(text);
    if (label === null) break;
    labels.push(label[0].toLowerCase());
    dots.push(dot[0] === '.' ? 'tight' : /dot/i.test(dot[0]) ? 'spelled' : 'loose');
    end = LABEL.lastIndex;
  }
  // A domain ends at a word boundary: "@gmail_fan" is a handle, not an address at gmail.
  if (WORD_CHAR.test(text[end] ?? '')) return null;
  return { labels, dots, end };
}

function isMailDomain({ labels, dots }: ParsedDomain, form: AtForm): boolean {
  if (MAIL_PROVIDERS.has(labels[0] ?? '')) return true;
  const ending = labels.at(-1) ?? '';
  if (labels.length < 2 || !/^[a-z]{2,}$/.test(ending)) return false;
  const allTight = dots.every((dot) => dot === 'tight');
  // "anna@company.berlin": a written-out address may end in anything.
  if (form === 'tight' && allTight) return true;
  if (!COMMON_TLDS.has(ending)) return false;
  // After the word "at", only a spelled dot makes an address of a domain that is not a mail
  // provider's: "at home. Me too" is a sentence, and "shop at annamerch.store" names a site.
  if (form === 'word' && !dots.includes('spelled')) return false;
  // "the @ joke. me" too: an ending that is also a word needs a tight or spelled dot.
  return !WORDLIKE_TLDS.has(ending) || dots.every((dot) => dot !== 'loose');
}
