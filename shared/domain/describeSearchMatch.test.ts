import { describe, expect, it } from 'vitest';
import { describeSearchMatch } from './describeSearchMatch';

describe('describeSearchMatch', () => {
  it('says where a result matched, nothing for a handle, and never more of a note than that one matched', () => {
    expect(describeSearchMatch({ supporterId: 's1', matchedIn: 'handle', tag: null })).toBeNull();
    expect(describeSearchMatch(undefined)).toBeNull();
    expect(describeSearchMatch({ supporterId: 's1', matchedIn: 'note', tag: null })).toBe('in your notes');
    expect(describeSearchMatch({ supporterId: 's1', matchedIn: 'tag', tag: 'Vinyl club' })).toBe('tag Vinyl club');
    expect(describeSearchMatch({ supporterId: 's1', matchedIn: 'note_and_tag', tag: 'Vinyl club' })).toBe('in your notes and tag Vinyl club');
  });
});
