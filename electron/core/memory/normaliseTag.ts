/** A tag as typed, made canonical: `label` is how it is shown, `key` what identifies it. */
export type NormalisedTag = { ok: true; label: string; key: string } | { ok: false; reason: string };

export const MAX_TAG_LENGTH = 32;
const ALLOWED = /^[\p{L}\p{M}\p{Nd} -]+$/u;
const LETTER_OR_DIGIT = /[\p{L}\p{Nd}]/u;

/**
 * Tags (SPEC §13) are 1–32 letters, digits, spaces and "-". Before checking, the text is put in
 * Unicode NFC, trimmed, and every run of whitespace becomes one space, so "Big  spender " is
 * "Big spender". Case does not make a different tag: the key is the label in lower case, so
 * "Big spender" and "big  spender" are one tag; it is shown with the spelling used when it was
 * first given (or last renamed).
 */
export function normaliseTag(input: string): NormalisedTag {
  const label = input.normalize('NFC').trim().replace(/\s+/gu, ' ');
  const length = [...label].length;
  if (length === 0) return { ok: false, reason: 'A tag needs at least one letter or digit.' };
  if (length > MAX_TAG_LENGTH) return { ok: false, reason: `A tag is at most ${MAX_TAG_LENGTH} characters (this one has ${length}).` };
  if (!ALLOWED.test(label)) return { ok: false, reason: 'A tag may hold letters, digits, spaces and "-" only.' };
  if (!LETTER_OR_DIGIT.test(label)) return { ok: false, reason: 'A tag needs at least one letter or digit.' };
  return { ok: true, label, key: label.toLowerCase() };
}
