import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeNotificationMarkup, hasHiddenCharacters, neutralizeDisplayText } from './neutralizeDisplayText';

describe('neutralizeDisplayText', () => {
  it('makes bidirectional overrides, embeddings, isolates and marks visible instead of obeying them', () => {
    expect(neutralizeDisplayText('\u202Egnp.exe')).toBe('�gnp.exe');
    expect(neutralizeDisplayText('a\u202Ab\u202Cc')).toBe('a�b�c');
    expect(neutralizeDisplayText('\u2066x\u2067y\u2068z\u2069')).toBe('�x�y�z�');
    expect(neutralizeDisplayText('\u200Emark\u200F\u061C')).toBe('�mark��');
  });

  it('makes zero-width, invisible and control characters visible', () => {
    expect(neutralizeDisplayText('ann\u200Ba')).toBe('ann�a');
    expect(neutralizeDisplayText('\uFEFFbom\u2060join\u00ADsoft')).toBe('�bom�join�soft');
    expect(neutralizeDisplayText('bell\u0007tab\tnl\ncr\r')).toBe('bell�tab�nl�cr�');
    expect(neutralizeDisplayText('c1\u0085\u009Bdel\u007F')).toBe('c1��del�');
    expect(neutralizeDisplayText('line\u2028para\u2029')).toBe('line�para�');
    expect(neutralizeDisplayText('\u3164\u115F')).toBe('��');
  });

  it('keeps ordinary text of every script, emoji sequences and markup-looking text exactly', () => {
    for (const text of ['night_owl', 'مرحبا', 'שלום', '日本語', 'Zoë', '👩‍💻', '🏳️‍🌈', 'می‌خواهم', '<b>bold</b>', '&amp;', '']) {
      expect(neutralizeDisplayText(text)).toBe(text);
      expect(hasHiddenCharacters(text)).toBe(false);
    }
    expect(hasHiddenCharacters('\u202Ex')).toBe(true);
  });

  it('replaces an unpaired surrogate and keeps pairs', () => {
    expect(neutralizeDisplayText('a\uD800b\uDC00c😀')).toBe('a�b�c😀');
  });

  it('leaves nothing that reorders or hides, whatever the input, and never changes the length of what it keeps (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const shown = neutralizeDisplayText(text);
        // eslint-disable-next-line no-control-regex -- finding control characters is the point
        expect(shown).not.toMatch(/[\u0000-\u001F\u007F-\u009F\u200B\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/u);
        expect(shown.length).toBe(text.length);
        expect(neutralizeDisplayText(shown)).toBe(shown);
      }),
    );
  });
});

describe('escapeNotificationMarkup', () => {
  it('shows markup and entities as written on servers that parse a body as markup', () => {
    expect(escapeNotificationMarkup('<b>hi</b> & <a href="x">')).toBe('&lt;b&gt;hi&lt;/b&gt; &amp; &lt;a href="x"&gt;');
    expect(escapeNotificationMarkup('&amp;')).toBe('&amp;amp;');
    expect(escapeNotificationMarkup('@anna spent 112 tokens')).toBe('@anna spent 112 tokens');
  });
});
