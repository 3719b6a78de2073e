import { describeSearchMatch } from '../../../shared/domain/describeSearchMatch';
import type { SearchMatch } from '../../../shared/domain/supporterMemory';

/**
 * Where a search result matched, when it is not the handle the row already shows: "in your notes",
 * "tag Vinyl club", or both, worded by `describeSearchMatch` as the CLI and the accessible names
 * say it. A note's text never shows here (only that a note matched).
 */
export function SearchMatchNote({ match }: { match: SearchMatch | undefined }) {
  const described = describeSearchMatch(match);
  if (described === null) return null;
  return (
    <span className="search-match muted" data-testid="search-match">
      {described}
    </span>
  );
}
