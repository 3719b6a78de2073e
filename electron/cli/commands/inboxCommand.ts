import type { InboxPage, NowQueueEntry } from '../../../shared/domain/inboxEntry';
import { INBOX_VIEWS, type InboxViewName } from '../../../shared/domain/segments';
import { CliUsageError, type CliCommand } from '../cliCommand';
import { requireIntegerOption, requirePositional } from '../cliOptions';
import { invokeCoreRequest } from '../invokeCoreRequest';

/**
 * One page of the Now queue (SPEC §11) or of a tab (SPEC §5). `--tag` narrows any of them to the
 * supporters carrying a tag (SPEC §13: a view only); `--all-vips` lifts the VIP tab's cut to the
 * top `vipTabSize`.
 */
export const inboxCommand: CliCommand = {
  name: 'inbox',
  usage: `inbox ${INBOX_VIEWS.join('|')} [--limit N] [--offset N] [--tag TAG] [--all-vips] [--now ISO]`,
  summary: "one page (at most 100 rows) of the Now queue or an inbox tab, in its order (--tag: only supporters with that tag)",
  // Reads only: may run beside the app.
  writes: false,
  valueOptions: ['limit', 'offset', 'tag'],
  flags: ['all-vips'],
  run({ args, options, openWorkspace }) {
    const tab = requirePositional(args, 0, 'TAB');
    if (!(INBOX_VIEWS as readonly string[]).includes(tab)) throw new CliUsageError(`unknown tab "${tab}" (one of ${INBOX_VIEWS.join(', ')})`);
    const limit = requireIntegerOption(options, 'limit', 50, { min: 1, max: 100 });
    const offset = requireIntegerOption(options, 'offset', 0, { min: 0, max: 10_000_000 });
    const tag = options.tag;
    if (tag === true || tag === '') throw new CliUsageError('--tag needs a tag, e.g. --tag regular');
    const allVips = options['all-vips'] === true;
    if (allVips && tab !== 'vip') throw new CliUsageError('--all-vips only applies to the vip tab');
    return invokeCoreRequest(openWorkspace(), 'inbox.page', {
      tab: tab as InboxViewName,
      limit,
      ...(offset > 0 ? { offset } : {}),
      ...(typeof tag === 'string' ? { tag } : {}),
      ...(allVips ? { allVips } : {}),
    });
  },
  formatHuman(result) {
    const page = result as InboxPage;
    const header = `${page.tab}: ${page.entries.length} of ${page.total}`;
    const rows = page.entries.map((entry, index) => {
      const base =
        `${String(index + 1).padStart(3)}. ${entry.handle.padEnd(24)} ${entry.segment.padEnd(9)} ` +
        `${String(entry.lifetimeTokens).padStart(8)} tok  p=${String(entry.conversionProbability).padStart(3)}  ` +
        `prio=${String(entry.priorityScore).padStart(3)}  ${entry.online ? 'online ' : '       '}${entry.lastActivityAt ?? 'never'}`;
      if (page.tab !== 'now') return base;
      // The Now queue's own columns: its score, why, and the one thing to do.
      const now = entry as NowQueueEntry;
      return `${base}\n       now=${now.nowScore}  ${now.nowReasons.join(' · ')}  → ${now.suggestedAction ?? 'no action'}`;
    });
    return [header, ...rows].join('\n');
  },
};
