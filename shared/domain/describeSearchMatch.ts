import type { SearchMatch } from './supporterMemory';

/**
 * Where a search result matched, in the creator's words — "in your notes", "tag Vinyl club", "in
 * your notes and tag Vinyl club" — or null for a handle, which the result shows anyway. The CLI's
 * human output and the Search page's accessible names say it the same way.
 */
export function describeSearchMatch(match: SearchMatch | undefined): string | null {
  if (match === undefined || match.matchedIn === 'handle') return null;
  if (match.matchedIn === 'note') return 'in your notes';
  return `${match.matchedIn === 'tag' ? '' : 'in your notes and '}tag ${match.tag ?? ''}`;
}
