import type { InboxEntry } from '../../../shared/domain/inboxEntry';
import { describeSearchMatch } from '../../../shared/domain/describeSearchMatch';
import type { SearchMatch } from '../../../shared/domain/supporterMemory';
import { CliUsageError, type CliCommand } from '../cliCommand';
import { requireIntegerOption } from '../cliOptions';
import { invokeCoreRequest } from '../invokeCoreRequest';

/** Where each entry matched, kept beside the JSON (not in it) for the human output. */
const MATCHES = Symbol('matches');

interface SearchPage {
  total: number;
  entries: InboxEntry[];
  [MATCHES]?: SearchMatch[];
}

export const searchCommand: CliCommand = {
  name: 'search',
  usage: 'search TEXT [--limit N] [--offset N] [--now ISO]',
  summary: 'supporters whose handle, notes or tags match (diacritics and case folded), a page of at most 100',
  writes: false,
  valueOptions: ['limit', 'offset'],
  async run({ args, options, openWorkspace }) {
    const text = args.join(' ').trim();
    if (text === '') throw new CliUsageError('missing TEXT');
    const limit = requireIntegerOption(options, 'limit', 50, { min: 1, max: 100 });
    const offset = requireIntegerOption(options, 'offset', 0, { min: 0, max: 10_000_000 });
    const { total, entries, matches } = await invokeCoreRequest(openWorkspace(), 'search.supporters', { text, limit, ...(offset > 0 ? { offset } : {}) });
    // SPEC §13's shape, `{total, entries}`; where each matched is for people, in the human output.
    // (JSON leaves symbol keys out.)
    const page: SearchPage = { total, entries, [MATCHES]: matches };
    return page;
  },
  formatHuman(result) {
    const page = result as SearchPage;
    const { total, entries } = page;
    if (total === 0) return 'No supporter matches.';
    const matches = page[MATCHES] ?? [];
    const rows = entries.map(
      (entry, index) =>
        `${String(index + 1).padStart(3)}. ${entry.handle.padEnd(24)} ${entry.segment.padEnd(9)} ${String(entry.lifetimeTokens).padStart(8)} tok  [${entry.supporterId}]${where(matches[index])}`,
    );
    return [`${entries.length} of ${total}`, ...rows].join('\n');
  },
};

function where(match: SearchMatch | undefined): string {
  const described = describeSearchMatch(match);
  return described === null ? '' : `  (${described})`;
}
