/** Characters that render as nothing: a zero-width space inside "anna@gmail.com" must not hide it. */
const INVISIBLE = /\u034F|\u17B4|\u17B5|[\u00AD\u061C\u115F\u1160\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u206A-\u206F\uFEFF]/g;
/** Every dash and minus sign, so "555–123–4567" reads like "555-123-4567". */
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;
/** Spaces NFKC leaves alone. */
const ODD_SPACES = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;

/**
 * The text the guard reads: compatibility forms folded (full-width "＠" and digits become "@" and
 * ASCII digits), invisible characters dropped, dashes and spaces made plain. Only for reading:
 * the note is stored as the creator wrote it.
 */
export function normaliseGuardText(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLE, '').replace(DASHES, '-').replace(ODD_SPACES, ' ');
}
