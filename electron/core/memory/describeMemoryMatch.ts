import type { SearchMatch } from '../../../shared/domain/supporterMemory';
import { foldForSearch } from './foldForSearch';

/**
 * Where a supporter found through their notes and tags matched, from their tag labels alone. The
 * memory index holds one document per supporter (every live note and tag label), and a match
 * needs every word of the search somewhere in it; so a word no tag holds is in a note, and the note
 * text is never read for this. `words` are the search's words as the index compares them (folded),
 * the last of which may be the start of a word, as in the index's query.
 */
export function describeMemoryMatch(supporterId: string, words: readonly string[], tagLabels: readonly string[]): SearchMatch {
  const tagWords = tagLabels.map((label) => foldForSearch(label).split(/[^\p{L}\p{N}]+/u));
  const holds = (labelWords: readonly string[], word: string, index: number) =>
    labelWords.some((labelWord) => (index === words.length - 1 ? labelWord.startsWith(word) : labelWord === word));
  const inTags = words.map((word, index) => tagWords.some((labelWords) => holds(labelWords, word, index)));
  const tagIndex = tagWords.findIndex((labelWords) => words.some((word, index) => holds(labelWords, word, index)));
  const tag = tagIndex === -1 ? null : (tagLabels[tagIndex] ?? null);
  if (tag === null) return { supporterId, matchedIn: 'note', tag: null };
  return { supporterId, matchedIn: inTags.every(Boolean) ? 'tag' : 'note_and_tag', tag };
}
