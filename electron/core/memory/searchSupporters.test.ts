import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/tempDir';
import { activity, creator, DAY_MS, NOW, openTestCore, supporter, type Change } from '../alerts/alertTestKit';
import { createCoreServices } from '../createCoreServices';
import { foldForSearch } from './foldForSearch';
import { searchSupporters } from './searchSupporters';
import { addNote, deleteNote } from './supporterNotes';
import { addTag } from './supporterTags';

function workspace(records: Change[]) {
  const test = openTestCore(tempDir());
  const services = createCoreServices(test.core);
  test.apply([creator(), ...records]);
  return { ...test, services };
}

const named = (id: string, handle: string) => supporter(id, { handle });
const handlesOf = (test: ReturnType<typeof workspace>, text: string, limit = 100, offset = 0) =>
  searchSupporters(test.services, { text, limit, offset }, test.clock.now).entries.map((entry) => entry.handle);

describe('supporter search', () => {
  it('finds handles that start with the text first (exact first), then handles containing it; case, diacritics and a leading @ do not matter', () => {
    const test = workspace([named('a', 'anna'), named('b', 'Annabelle'), named('c', 'joanna_x'), named('d', 'Zoë_Müller'), named('e', 'bob'), named('f', 'annex')]);
    expect(handlesOf(test, 'ANNA')).toEqual(['anna', 'Annabelle', 'joanna_x']);
    expect(handlesOf(test, '@anna')).toEqual(['anna', 'Annabelle', 'joanna_x']);
    expect(handlesOf(test, 'ann')).toEqual(['anna', 'Annabelle', 'annex', 'joanna_x']);
    expect(handlesOf(test, 'zoe')).toEqual(['Zoë_Müller']);
    expect(handlesOf(test, 'muller')).toEqual(['Zoë_Müller']);
    // Shorter than three characters: the start of handles only.
    expect(handlesOf(test, 'an')).toEqual(['anna', 'Annabelle', 'annex']);
    expect(handlesOf(test, 'nn')).toEqual([]);
    expect(handlesOf(test, '%')).toEqual([]);
    expect(handlesOf(test, '_')).toEqual([]);
  });

  it('finds supporters by note words and tag names, folded, the last word as a word start, most recently written first', () => {
    const test = workspace([named('a', 'anna'), named('b', 'bob'), named('c', 'cleo'), named('d', 'dora')]);
    addNote(test.core, 'a', 'Loves crème brûlée and the Friday stream');
    test.clock.now = NOW + 1000;
    addNote(test.core, 'b', 'Asked about the CREME recipe');
    test.clock.now = NOW + 2000;
    addTag(test.core, 'c', 'Crème club');
    expect(handlesOf(test, 'creme')).toEqual(['cleo', 'bob', 'anna']);
    expect(handlesOf(test, 'crè')).toEqual(['cleo', 'bob', 'anna']);
    expect(handlesOf(test, 'creme club')).toEqual(['cleo']);
    expect(handlesOf(test, 'brulee friday')).toEqual(['anna']);
    expect(handlesOf(test, 'friday stre')).toEqual(['anna']);
    // Earlier words are whole words.
    expect(handlesOf(test, 'fri stream')).toEqual([]);
    expect(handlesOf(test, 'recipe')).toEqual(['bob']);
    // Each result says where it matched: a tag by name, a note only as a note (never its text).
    addTag(test.core, 'a', 'Friday regulars');
    const page = searchSupporters(test.services, { text: 'creme' }, test.clock.now);
    expect(page.matches).toEqual([
      { supporterId: 'a', matchedIn: 'note', tag: null },
      { supporterId: 'c', matchedIn: 'tag', tag: 'Crème club' },
      { supporterId: 'b', matchedIn: 'note', tag: null },
    ]);
    expect(searchSupporters(test.services, { text: 'brulee friday' }, test.clock.now).matches).toEqual([{ supporterId: 'a', matchedIn: 'note_and_tag', tag: 'Friday regulars' }]);
    expect(JSON.stringify(page.matches)).not.toMatch(/brûlée|recipe/i);
  });

  it('lists a supporter found both by handle and by note once, with the handle matches', () => {
    const test = workspace([named('a', 'guitar_hero'), named('b', 'bob'), named('c', 'guitarist')]);
    addNote(test.core, 'a', 'plays guitar on stream');
    addNote(test.core, 'b', 'Guitar lessons');
    const page = searchSupporters(test.services, { text: 'guitar' }, test.clock.now);
    expect(page.total).toBe(3);
    expect(page.entries.map((entry) => entry.handle)).toEqual(['guitar_hero', 'guitarist', 'bob']);
    expect(page.matches.map((match) => match.matchedIn)).toEqual(['handle', 'handle', 'note']);
  });

  it('follows edits: deleted notes, removed tags, renamed and deleted supporters', () => {
    const test = workspace([named('a', 'anna'), named('b', 'bob')]);
    const { noteId } = addNote(test.core, 'a', 'karaoke night');
    expect(handlesOf(test, 'karaoke')).toEqual(['anna']);
    deleteNote(test.core, noteId);
    expect(handlesOf(test, 'karaoke')).toEqual([]);
    addTag(test.core, 'b', 'karaoke');
    expect(handlesOf(test, 'karaoke')).toEqual(['bob']);
    test.apply([named('b', 'robert_k')]);
    expect(handlesOf(test, 'bob')).toEqual([]);
    expect(handlesOf(test, 'robert')).toEqual(['robert_k']);
    expect(handlesOf(test, 'karaoke')).toEqual(['robert_k']);
    test.apply([{ entity: 'supporter', op: 'delete', data: { id: 'b' } }]);
    expect(searchSupporters(test.services, { text: 'karaoke' }, test.clock.now)).toEqual({ total: 0, entries: [], matches: [] });
    // Back again: their tag is found again with them.
    test.apply([named('b', 'robert_k')]);
    expect(handlesOf(test, 'karaoke')).toEqual(['robert_k']);
  });

  it('returns inbox entries, a page of at most 100 with the total of every match', () => {
    const records: Change[] = [];
    for (let index = 0; index < 130; index += 1) records.push(named(`s${String(index).padStart(3, '0')}`, `fan_${index}`), activity(`s${String(index).padStart(3, '0')}`, 'gift', NOW - DAY_MS, { tokens: index }));
    const test = workspace(records);
    const first = searchSupporters(test.services, { text: 'fan', limit: 100 }, test.clock.now);
    expect(first.total).toBe(130);
    expect(first.entries).toHaveLength(100);
    expect(first.entries[0]).toMatchObject({ supporterId: 's000', handle: 'fan_0', segment: expect.any(String), quickActions: expect.any(Array) });
    const second = searchSupporters(test.services, { text: 'fan', limit: 100, offset: 100 }, test.clock.now);
    expect(second.entries).toHaveLength(30);
    expect(new Set([...first.entries, ...second.entries].map((entry) => entry.supporterId)).size).toBe(130);
    expect(searchSupporters(test.services, { text: 'fan', limit: 500 }, test.clock.now).entries).toHaveLength(100);
  });
});

/** The rule the search promises, written plainly, to check the indexes against. */
function referenceMatches(text: string, people: { id: string; handle: string; memory: string[] }[]): Set<string> {
  const query = text.normalize('NFC').trim().replace(/\s+/gu, ' ');
  const handleText = query.replace(/^@+/, '');
  const asciiLower = (value: string) => value.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
  const words = foldForSearch(query).split(/[^\p{L}\p{N}]+/u).filter((word) => [...word].length >= 2);
  const found = new Set<string>();
  for (const person of people) {
    const byPrefix = handleText !== '' && asciiLower(person.handle).startsWith(asciiLower(handleText));
    const byPart = [...handleText].length >= 3 && foldForSearch(person.handle).includes(foldForSearch(handleText));
    const tokens = foldForSearch(person.memory.join('\n')).split(/[^\p{L}\p{N}]+/u).filter((token) => token !== '');
    const byMemory =
      words.length > 0 &&
      words.every((word, index) => (index === words.length - 1 ? tokens.some((token) => token.startsWith(word)) : tokens.includes(word)));
    if (byPrefix || byPart || byMemory) found.add(person.id);
  }
  return found;
}

describe('supporter search against its rule, on generated workspaces', () => {
  const syllable = fc.constantFrom('ka', 'lo', 'mi', 'ré', 'zü', 'An', 'na', 'o_', '7', 'ñe');
  const handle = fc.array(syllable, { minLength: 2, maxLength: 4 }).map((parts) => parts.join(''));
  const word = fc.constantFrom('stream', 'streams', 'gift', 'crème', 'Creme', 'birthday', 'kaló', 'guitar', 'naïve', 'club', 'Ré');
  const note = fc.array(word, { minLength: 1, maxLength: 4 }).map((words) => words.join(' '));
  const tag = fc.constantFrom('Big spender', 'Crème club', 'Night owl', 'Kaló fans');
  const person = fc.record({ handle, notes: fc.array(note, { maxLength: 2 }), tags: fc.uniqueArray(tag, { maxLength: 2 }) });

  it('reads control characters as spaces (a NUL would end the index query early)', () => {
    const test = workspace([named('a', 'anna'), named('b', 'annabelle')]);
    expect(handlesOf(test, '\u0000\u0000\u0000')).toEqual([]);
    expect(handlesOf(test, 'ann\u0000')).toEqual(['anna', 'annabelle']);
  });

  it('finds exactly the supporters the rule says, each once, the total matching, over every page', () => {
    fc.assert(
      fc.property(fc.array(person, { minLength: 1, maxLength: 12 }), fc.array(fc.oneof(syllable, word, handle, fc.constantFrom('@ka', 'stream gi', 'big sp', 'xyz', 'crème club')), { minLength: 1, maxLength: 6 }), (people, queries) => {
        const withIds = people.map((generated, index) => ({ id: `p${index}`, ...generated }));
        const test = workspace(withIds.map((generated) => named(generated.id, generated.handle)));
        for (const generated of withIds) {
          for (const text of generated.notes) addNote(test.core, generated.id, text);
          for (const label of generated.tags) addTag(test.core, generated.id, label);
        }
        const stored = withIds.map((generated) => ({ id: generated.id, handle: generated.handle, memory: [...generated.notes, ...test.core.stores.tags.labelsOf(generated.id)] }));
        for (const text of queries) {
          const pages = [0, 3, 6, 9, 12].map((offset) => searchSupporters(test.services, { text, limit: 3, offset }, test.clock.now));
          const ids = pages.flatMap((page) => page.entries.map((entry) => entry.supporterId));
          const expected = referenceMatches(text, stored);
          expect(new Set(ids), text).toEqual(expected);
          expect(ids.length, `${text}: each once`).toBe(expected.size);
          for (const page of pages) expect(page.total, text).toBe(expected.size);
        }
        test.core.close();
      }),
      { numRuns: 25 },
    );
  });
});
