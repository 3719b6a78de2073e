import type { InboxEntry } from '../../../shared/domain/inboxEntry';
import { CliUsageError, type CliCommand } from '../cliCommand';
import { requireIntegerOption } from '../cliOptions';
import { invokeCoreRequest } from '../invokeCoreRequest';

export const searchCommand: CliCommand = {
  name: 'search',
  usage: 'search TEXT [--limit N] [--offset N] [--now ISO]',
  summary: 'supporters whose handle, notes or tags match (diacritics and case folded), a page of at most 100',
  writes: false,
  valueOptions: ['limit', 'offset'],
  run({ args, options, openWorkspace }) {
    const text = args.join(' ').trim();
    if (text === '') throw new CliUsageError('missing TEXT');
    const limit = requireIntegerOption(options, 'limit', 50, { min: 1, max: 100 });
    const offset = requireIntegerOption(options, 'offset', 0, { min: 0, max: 10_000_000 });
    return invokeCoreRequest(openWorkspace(), 'search.supporters', { text, limit, ...(offset > 0 ? { offset } : {}) });
  },
  formatHuman(result) {
    const { total, entries } = result as { total: number; entries: InboxEntry[] };
    if (total === 0) return 'No supporter matches.';
    const rows = entries.map(
      (entry, index) => `${String(index + 1).padStart(3)}. ${entry.handle.padEnd(24)} ${entry.segment.padEnd(9)} ${String(entry.lifetimeTokens).padStart(8)} tok  [${entry.supporterId}]`,
    );
    return [`${entries.length} of ${total}`, ...rows].join('\n');
  },
};
