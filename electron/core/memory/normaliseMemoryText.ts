/** Private text (a note, a follow-up's text) as it will be stored, or why it cannot be. */
export type NormalisedMemoryText = { ok: true; text: string } | { ok: false; reason: string };

export const MAX_MEMORY_TEXT_LENGTH = 2_000;
/** Control characters other than tab and line feed: they print as nothing and can hide text. */
function hasControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a) || code === 0x7f) return true;
  }
  return false;
}

/**
 * Notes are 1–2,000 characters (SPEC §13), counted as Unicode code points (an emoji is one).
 * Line endings become "\n" and the ends are trimmed; other control characters are refused.
 */
export function normaliseMemoryText(input: string, what: 'note' | 'follow-up text'): NormalisedMemoryText {
  const text = input.replace(/\r\n?/g, '\n').trim();
  const length = [...text].length;
  if (length === 0) return { ok: false, reason: `The ${what} is empty.` };
  if (length > MAX_MEMORY_TEXT_LENGTH) return { ok: false, reason: `The ${what} is ${length} characters; at most ${MAX_MEMORY_TEXT_LENGTH} fit.` };
  if (hasControlCharacter(text)) return { ok: false, reason: `The ${what} holds control characters; write it as plain text.` };
  return { ok: true, text };
}
