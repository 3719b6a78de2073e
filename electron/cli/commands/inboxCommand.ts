import type { InboxPage } from '../../../shared/domain/inboxEntry';
import { INBOX_TABS, type InboxTab } from '../../../shared/domain/segments';
import { CliUsageError, type CliCommand } from '../cliCommand';
import { requireIntegerOption, requirePositional } from '../cliOptions';
import { invokeCoreRequest } from '../invokeCoreRequest';

export const inboxCommand: CliCommand = {
  name: 'inbox',
  usage: `inbox ${INBOX_TABS.join('|')} [--limit N] [--offset N] [--now ISO]`,
  summary: 'one page (at most 100 rows) of an inbox tab, in the tab\'s order',
  // Reads only: may run beside the app.
  writes: false,
  valueOptions: ['limit', 'offset'],
  run({ args, options, openWorkspace }) {
    const tab = requirePositional(args, 0, 'TAB');
    if (!(INBOX_TABS as readonly string[]).includes(tab)) throw new CliUsageError(`unknown tab "${tab}" (one of ${INBOX_TABS.join(', ')})`);
    const limit = requireIntegerOption(options, 'limit', 50, { min: 1, max: 100 });
    const offset = requireIntegerOption(options, 'offset', 0, { min: 0, max: 10_000_000 });
    return invokeCoreRequest(openWorkspace(), 'inbox.page', { tab: tab as InboxTab, limit, ...(offset > 0 ? { offset } : {}) });
  },
  formatHuman(result) {
    const page = result as InboxPage;
    const header = `${page.tab}: ${page.entries.length} of ${page.total}`;
    const rows = page.entries.map(
      (entry, index) =>
        `${String(index + 1).padStart(3)}. ${entry.handle.padEnd(24)} ${entry.segment.padEnd(9)} ` +
        `${String(entry.lifetimeTokens).padStart(8)} tok  p=${String(entry.conversionProbability).padStart(3)}  ` +
        `prio=${String(entry.priorityScore).padStart(3)}  ${entry.online ? 'online ' : '       '}${entry.lastActivityAt ?? 'never'}`,
    );
    return [header, ...rows].join('\n');
  },
};
