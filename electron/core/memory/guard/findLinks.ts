import type { ContactFinding } from './contactFinding';
import { COMMON_TLDS, SERVICE_LABELS, SOCIAL_DOMAINS, WORDLIKE_TLDS } from './contactVocabulary';

const SCHEME = /\b(?:https?|hxxps?|ftp)\s*:\s*\/\s*\/\s*([^\s/?#]*)/giu;
const SPELLED_DOT = String.raw`(?:\s+dot\s+|\s*[([{<]\s*dot\s*[)\]}>]\s*)`;
const WWW = new RegExp(String.raw`\bwww\d{0,3}(?:\s*\.\s*|${SPELLED_DOT})[a-z0-9-]+`, 'giu');
/**
 * The last dot of a bare domain ("annafans.com", "anna.me/links", "bit.ly/x"): an ending of letters
 * and an optional path. The labels before it are read backwards from the dot, so a long run of
 * letters and dashes without a dot costs nothing.
 */
const DOMAIN_ENDING = /\.([a-z]{2,24})(?!\.[\p{L}\p{N}]|[\p{L}\p{N}_-])((?:\/[^\s]*)?)/giu;
const HOST_CHAR = /[a-z0-9.-]/i;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
/** What may not stand right before a bare domain: a word, an "@" (an address), a dot or a slash (a longer path). */
const NOT_BEFORE_DOMAIN = /[\p{L}\p{N}_@./-]/u;
/** "example dot com", "t dot me": a domain spelled out. */
const SPELLED_DOMAIN = new RegExp(String.raw`(?<![\p{L}\p{N}_-])([a-z0-9-]+)${SPELLED_DOT}(com|net|org|io|co|tv|ly|gg|ee|app|de|fr|uk|br|ru|info|me|in)(?![\p{L}\p{N}_])`, 'giu');

/**
 * Links: with a scheme ("https://…"), "www.…", a bare domain with a common ending
 * ("annafans.com", "bit.ly/…") or one spelled out ("example dot com"). A link to a social network
 * or messenger ("t.me/…", "wa.me/…", "instagram.com/…") is reported as a handle on another network.
 */
export function findLinks(text: string): ContactFinding[] {
  const found: ContactFinding[] = [];
  for (const match of text.matchAll(SCHEME)) found.push(finding(match, isSocialHost(match[1] ?? '') ? 'social_handle' : 'url'));
  for (const match of text.matchAll(WWW)) found.push(finding(match, 'url'));
  for (const match of text.matchAll(DOMAIN_ENDING)) {
    let hostStart = match.index;
    while (hostStart > 0 && HOST_CHAR.test(text[hostStart - 1] ?? '')) hostStart -= 1;
    const labels = text.slice(hostStart, match.index).toLowerCase().split('.');
    if (labels.some((label) => !LABEL.test(label)) || NOT_BEFORE_DOMAIN.test(text[hostStart - 1] ?? '')) continue;
    const ending = match[1] ?? '';
    const path = match[2] ?? '';
    const span = { start: hostStart, end: match.index + match[0].length };
    const host = [...labels, ending.toLowerCase()].join('.');
    if (isSocialHost(host)) {
      found.push({ kind: 'social_handle', ...span });
      continue;
    }
    if (!COMMON_TLDS.has(ending.toLowerCase())) continue;
    const hasPath = path.length > 1;
    // "it.me" or "tipped.so" in a hurried sentence is not a domain; "anna.me/links" and "t.me" are.
    if (WORDLIKE_TLDS.has(ending.toLowerCase()) && !hasPath && !SERVICE_LABELS.has(labels.at(-1) ?? '')) continue;
    // "I love it.Club night": a capitalised ending after a lower-case word starts a sentence.
    if (!hasPath && /^[A-Z][a-z]+$/.test(ending)) continue;
    found.push({ kind: 'url', ...span });
  }
  for (const match of text.matchAll(SPELLED_DOMAIN)) {
    const label = (match[1] ?? '').toLowerCase();
    const host = `${label}.${(match[2] ?? '').toLowerCase()}`;
    found.push(finding(match, SERVICE_LABELS.has(label) || isSocialHost(host) ? 'social_handle' : 'url'));
  }
  return found;
}

function isSocialHost(host: string): boolean {
  const lower = host.toLowerCase().replace(/^www\d{0,3}\./, '');
  return SOCIAL_DOMAINS.some((domain) => lower === domain || lower.endsWith(`.${domain}`));
}

function finding(match: RegExpMatchArray, kind: ContactFinding['kind']): ContactFinding {
  return { kind, start: match.index ?? 0, end: (match.index ?? 0) + match[0].length };
}
