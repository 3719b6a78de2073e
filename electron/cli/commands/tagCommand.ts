import type { SupporterTags, TagDeleted, TagRenamed } from '../../../shared/domain/supporterMemory';
import { CliUsageError, type CliCommand } from '../cliCommand';
import { requireIntegerOption, requirePositional } from '../cliOptions';
import { invokeCoreRequest } from '../invokeCoreRequest';

/** The count a rename or deletion is confirmed with: it changes every supporter carrying the tag. */
function requireExpectedCount(options: Record<string, string | boolean | undefined>, what: string): number {
  if (options.expect === undefined) {
    throw new CliUsageError(`${what} changes every supporter carrying the tag: confirm with --expect N, the count \`crm tags\` shows`);
  }
  return requireIntegerOption(options, 'expect', 0, { min: 0, max: 100_000_000 });
}

/** The rest of the words, so `tag add s1 big spender` needs no quotes. */
function tagWords(args: string[], from: number): string {
  const words = args.slice(from).join(' ');
  if (words.trim() === '') throw new CliUsageError('missing TAG');
  return words;
}

/**
 * SPEC §13 tags on one supporter (`add`, `remove`), and on every supporter carrying one (`rename`,
 * `delete`, confirmed with the count). A tag only labels: no action ever applies to a tag.
 */
export const tagCommand: CliCommand = {
  name: 'tag',
  usage: 'tag add SUPPORTER_ID TAG | tag remove SUPPORTER_ID TAG | tag rename TAG NEW_NAME --expect N | tag delete TAG --expect N',
  summary: 'tags one supporter, or renames or deletes a tag everywhere (--expect: the count it is on, as confirmation)',
  writes: true,
  valueOptions: ['expect'],
  async run({ args, options, openWorkspace }): Promise<SupporterTags | TagRenamed | TagDeleted> {
    const [verb] = args;
    switch (verb) {
      case 'add':
        return invokeCoreRequest(openWorkspace(), 'tags.add', { supporterId: requirePositional(args, 1, 'SUPPORTER_ID'), tag: tagWords(args, 2) });
      case 'remove':
        return invokeCoreRequest(openWorkspace(), 'tags.remove', { supporterId: requirePositional(args, 1, 'SUPPORTER_ID'), tag: tagWords(args, 2) });
      case 'rename': {
        if (args.length !== 3) throw new CliUsageError('give the tag and its new name (quote names with spaces)');
        const expectedSupporters = requireExpectedCount(options, 'Renaming a tag');
        return invokeCoreRequest(openWorkspace(), 'tags.rename', { tag: args[1] as string, to: args[2] as string, expectedSupporters });
      }
      case 'delete': {
        const tag = tagWords(args, 1);
        return invokeCoreRequest(openWorkspace(), 'tags.delete', { tag, expectedSupporters: requireExpectedCount(options, 'Deleting a tag') });
      }
      default:
        throw new CliUsageError(verb === undefined ? 'say what to do: add, remove, rename or delete' : `unknown tag command "${verb}"`);
    }
  },
  formatHuman(output) {
    const result = output as SupporterTags | TagRenamed | TagDeleted;
    if ('renamedTo' in result) return `Renamed "${result.tag}" to "${result.renamedTo}" (${result.supporters} supporters).`;
    if ('deleted' in result) return `Deleted "${result.tag}" from ${result.supporters} supporters.`;
    return result.tags.length === 0 ? `${result.supporterId}: no tags.` : `${result.supporterId}: ${result.tags.join(', ')}`;
  },
};
