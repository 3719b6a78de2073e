/**
 * Text that came from outside (a supporter's handle, an alert message built from it, an id) is shown
 * only after this: characters that change how the surrounding text is drawn without being seen
 * themselves are made visible, so a handle `\u202Egnp.exe` can never pass for "exe.png" and
 * "ann\u200Ba" never for "anna".
 *
 * - C0 and C1 control characters (tab and newline included: a handle or a one-line message has no
 *   use for them) and DEL;
 * - bidirectional embeddings, overrides, isolates and marks (LRE, RLE, PDF, LRO, RLO, LRI, RLI,
 *   FSI, PDI, LRM, RLM, ALM);
 * - invisible format characters that hide or split text: zero-width space, word joiner, invisible
 *   operators, the byte-order mark, Mongolian vowel separator, interlinear annotation marks,
 *   soft hyphen, line/paragraph separators, and the Hangul fillers that draw as blanks;
 *
 * each become U+FFFD "�". The zero-width joiner and non-joiner stay: emoji sequences (👩‍💻) and
 * Persian or Indic spelling need them, and on their own they change no order. Lone surrogates
 * (which a JSON string may carry) become U+FFFD too, as the DOM and OS would draw them anyway.
 * Layout isolation of right-to-left text is the view's part (`<bdi>`).
 */
// With the `u` flag, \uD800-\uDFFF in a class matches only unpaired surrogates.
const HIDDEN_OR_REORDERING =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u001F\u007F-\u009F\u00AD\u061C\u115F\u1160\u180E\u200B\u200E\u200F\u2028-\u202E\u2060-\u206F\u3164\uD800-\uDFFF\uFEFF\uFFA0\uFFF9-\uFFFB]/gu;

export const NEUTRALIZED_CHARACTER = '\uFFFD';

export function neutralizeDisplayText(text: string): string {
  return text.replace(HIDDEN_OR_REORDERING, NEUTRALIZED_CHARACTER);
}

/** True when `neutralizeDisplayText` would change the text (the view may then say so on hover). */
export function hasHiddenCharacters(text: string): boolean {
  return neutralizeDisplayText(text) !== text;
}

/**
 * Notification servers on Linux (the freedesktop spec) read a subset of HTML in a notification's
 * body, so `<b>` would turn bold and `&amp;` would read as "&". Escaped, the creator reads exactly
 * what the text says, as Signal Desktop does for message previews. (Quotes matter only inside
 * attributes, which a body has none of; not every server knows `&apos;`.)
 */
export function escapeNotificationMarkup(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
