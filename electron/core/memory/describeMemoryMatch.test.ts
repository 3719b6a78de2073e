import { describe, expect, it } from 'vitest';
import { describeMemoryMatch } from './describeMemoryMatch';

describe('describeMemoryMatch', () => {
  it('says a tag when every word is in the tags, the first such tag alphabetically as given', () => {
    expect(describeMemoryMatch('s1', ['vinyl'], ['Dessert club', 'Vinyl club'])).toEqual({ supporterId: 's1', matchedIn: 'tag', tag: 'Vinyl club' });
    // Folded like the index: case and accents do not matter; the last word may be the start of one.
    expect(describeMemoryMatch('s1', ['creme', 'cl'], ['Crème club'])).toEqual({ supporterId: 's1', matchedIn: 'tag', tag: 'Crème club' });
  });

  it('says a note when no tag holds a word, without reading any note', () => {
    expect(describeMemoryMatch('s2', ['brulee'], ['Vinyl club'])).toEqual({ supporterId: 's2', matchedIn: 'note', tag: null });
    expect(describeMemoryMatch('s2', ['brulee'], [])).toEqual({ supporterId: 's2', matchedIn: 'note', tag: null });
  });

  it('says both when some words are only in notes', () => {
    expect(describeMemoryMatch('s3', ['vinyl', 'brulee'], ['Vinyl club'])).toEqual({ supporterId: 's3', matchedIn: 'note_and_tag', tag: 'Vinyl club' });
  });

  it('matches whole words, except the last, which may be a word start', () => {
    // "vin" is not a word of the tag, and only the last word is matched as a start.
    expect(describeMemoryMatch('s4', ['vin', 'club'], ['Vinyl club'])).toEqual({ supporterId: 's4', matchedIn: 'note_and_tag', tag: 'Vinyl club' });
    expect(describeMemoryMatch('s4', ['club', 'vin'], ['Vinyl club'])).toEqual({ supporterId: 's4', matchedIn: 'tag', tag: 'Vinyl club' });
  });
});
