import type { SearchMatch } from '../../../shared/domain/supporterMemory';

/**
 * Where a search result matched, when it is not the handle the row already shows: "in your notes",
 * "tag Vinyl club", or both (as `describeSearchMatch` words it, the tag shown as a chip). A note's text never shows here (only that a note matched), so a
 * result list on screen gives nothing of a note away.
 */
export function SearchMatchNote({ match }: { match: SearchMatch | undefined }) {
  if (match === undefined || match.matchedIn === 'handle') return null;
  const tag = match.tag === null ? null : <span className="badge tag-chip">{match.tag}</span>;
  return (
    <span className="search-match muted" data-testid="search-match">
      {match.matchedIn === 'note' && 'in your notes'}
      {match.matchedIn === 'tag' && <>tag {tag}</>}
      {match.matchedIn === 'note_and_tag' && <>in your notes and tag {tag}</>}
    </span>
  );
}
