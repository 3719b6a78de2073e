import type { ContactFinding } from './contactFinding';
import { CAPITALS_ONLY_NETWORKS, NETWORK_NAMES, NETWORK_VERBS, NOT_A_HANDLE } from './contactVocabulary';

/** An alternation of names, longest first, spaces optional ("whats app", "whatsapp"). */
function alternation(names: readonly string[]): string {
  return `(?:${[...names].sort((a, b) => b.length - a.length).map((name) => name.replace(/ /g, String.raw`\s*`)).join('|')})`;
}

const NET = `(?<net>${alternation(NETWORK_NAMES)})`;
const NET_VERB = `(?<net>${alternation(NETWORK_VERBS)})`;
const HANDLE = String.raw`(?<handle>[@$]?[a-z0-9_][a-z0-9._-]*)`;
const AT_HANDLE = String.raw`(?<handle>[@$][a-z0-9_][a-z0-9._-]*)`;
const NAME_WORD = String.raw`(?:\s*(?:id|name|handle|user\s*name|username|user|acc|account|nick))?`;
const BEFORE = String.raw`(?<![\p{L}\p{N}_@$.-])`;

/**
 * How sure a pattern is that the word it caught is a handle: `at` needs "@"/"$" ("insta @anna");
 * `shaped` a word that looks like a handle (anna_b, anna.b, anna22); `isolated` also takes a plain
 * word that ends the clause ("IG: anna", not "IG: posted about…"); `word` any word that is not an
 * everyday one ("snap me anna", not "snap me a pic").
 */
type Evidence = 'at' | 'shaped' | 'isolated' | 'word';

const PATTERNS: { pattern: RegExp; evidence: Evidence }[] = [
  // "IG: anna.b", "snap: anna", "Line ID: anna", "insta → anna", "sc - anna"
  { pattern: new RegExp(String.raw`\b${NET}${NAME_WORD}\s*(?::|=>|->|=|→|>|\s-\s)\s*${HANDLE}`, 'giu'), evidence: 'isolated' },
  // "insta @anna.b", "my tiktok is @anna_b", "cashapp $anna"
  { pattern: new RegExp(String.raw`\b${NET}(?:\s+(?:id|name|handle|username|user|acc|account|is|at|on|=|:))*\s*${AT_HANDLE}`, 'giu'), evidence: 'at' },
  // "Insta anna_b"
  { pattern: new RegExp(String.raw`\b${NET}\s+(?<handle>[a-z][a-z0-9._-]*)`, 'giu'), evidence: 'shaped' },
  // "my insta is anna", "her snap is anna_b22"
  { pattern: new RegExp(String.raw`\b(?:my|her|his|their|the|our|your)\s+${NET}${NAME_WORD}\s+(?:is|=|:)\s+${HANDLE}`, 'giu'), evidence: 'isolated' },
  // "@anna_b on telegram", "anna_b via snap"
  { pattern: new RegExp(String.raw`${BEFORE}${HANDLE}\s+(?:on|via|@)\s+(?:my\s+|her\s+|his\s+|their\s+)?${NET}\b`, 'giu'), evidence: 'shaped' },
  // "find me on insta @anna", "add me on snap: anna", "hit me up on telegram @anna"
  {
    pattern: new RegExp(
      String.raw`\b(?:add|follow|find|hit|message|msg|reach|contact|hmu|ping|catch|write(?:\s+to)?|look(?:\s+for)?|search(?:\s+for)?)(?:\s+(?:me|us|her|him|them))?(?:\s+up)?\s+(?:on|at|via|in|@)\s+${NET}\b\s*(?::|at|@|is|as|under|=|-)?\s*${HANDLE}`,
      'giu',
    ),
    evidence: 'word',
  },
  // "snap me anna", "kik me: anna", "whatsapp me @anna"
  { pattern: new RegExp(String.raw`\b${NET_VERB}\s+me\b\s*(?::|at|on|@)?\s*${HANDLE}`, 'giu'), evidence: 'word' },
  // "@anna (insta)"
  { pattern: new RegExp(String.raw`${BEFORE}${AT_HANDLE}\s*[([]\s*${NET}\s*[)\]]`, 'giu'), evidence: 'at' },
];

/** A Discord-style tag: "anna#1234". */
const DISCORD_TAG = /(?<![\p{L}\p{N}_@.])[a-z0-9_.]{2,32}#\d{4}(?!\d)/giu;

const HAS_LETTER = /\p{L}/u;
const ABBREVIATIONS = new Set(['e.g', 'i.e', 'a.m', 'p.m', 'etc', 'vs', 'aka', 'a.k.a']);

/**
 * Handles on other networks, with or without "@": "@name on telegram", "IG: name", "snap me
 * name", "find me on insta @name", "anna#1234". A network named without a handle ("loves snapchat
 * filters", "her insta is private") and this platform's own handles ("gift from @kalomi_12") pass.
 */
export function findSocialHandles(text: string): ContactFinding[] {
  const found: ContactFinding[] = [];
  for (const { pattern, evidence } of PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const net = match.groups?.net ?? '';
      if (CAPITALS_ONLY_NETWORKS.has(net.toLowerCase()) && net !== net.toUpperCase()) continue;
      const handle = (match.groups?.handle ?? '').replace(/[.-]+$/, '');
      const end = (match.index ?? 0) + match[0].length;
      if (!looksLikeHandle(handle, evidence, text.slice(end))) continue;
      found.push({ kind: 'social_handle', start: match.index ?? 0, end });
    }
  }
  for (const match of text.matchAll(DISCORD_TAG)) found.push({ kind: 'social_handle', start: match.index ?? 0, end: (match.index ?? 0) + match[0].length });
  return found;
}

function looksLikeHandle(handle: string, evidence: Evidence, after: string): boolean {
  const bare = handle.replace(/^[@$]/, '');
  if (!HAS_LETTER.test(bare)) return false;
  if (handle !== bare) return bare.length >= 1;
  if (evidence === 'at') return false;
  if (isShaped(bare)) return true;
  if (evidence === 'shaped' || NOT_A_HANDLE.has(bare.toLowerCase())) return false;
  // A plain word after "IG:" is a handle when nothing but punctuation follows it.
  return evidence === 'word' || !/^\s*[\p{L}\p{N}]/u.test(after);
}

/** anna_b, anna.b, anna22: a word with a digit, underscore or inner dot, four characters or more. */
function isShaped(word: string): boolean {
  return word.length >= 4 && /^[a-z]/i.test(word) && /[_.\d]/.test(word) && !ABBREVIATIONS.has(word.toLowerCase());
}
