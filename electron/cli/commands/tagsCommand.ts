import type { TagCount } from '../../../shared/domain/supporterMemory';
import type { CliCommand } from '../cliCommand';
import { requireIntegerOption } from '../cliOptions';
import { invokeCoreRequest } from '../invokeCoreRequest';

export const tagsCommand: CliCommand = {
  name: 'tags',
  usage: 'tags [--limit N] [--offset N]',
  summary: 'every tag in use with how many supporters carry it, most used first (a page of at most 100)',
  writes: false,
  valueOptions: ['limit', 'offset'],
  async run({ options, openWorkspace }): Promise<{ tags: TagCount[] }> {
    const limit = requireIntegerOption(options, 'limit', 100, { min: 1, max: 100 });
    const offset = requireIntegerOption(options, 'offset', 0, { min: 0, max: 10_000_000 });
    const { tags } = await invokeCoreRequest(openWorkspace(), 'tags.list', { limit, offset });
    return { tags };
  },
  formatHuman(result) {
    const { tags } = result as { tags: TagCount[] };
    return tags.length === 0 ? 'No tags.' : tags.map((tag) => `${String(tag.supporters).padStart(7)}  ${tag.tag}`).join('\n');
  },
};
