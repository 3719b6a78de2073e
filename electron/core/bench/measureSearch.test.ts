import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/tempDir';
import { createCoreServices } from '../createCoreServices';
import { CrmCore } from '../crmCore';
import { createDemoWorkspace } from '../demo/createDemoWorkspace';
import { demoSupporterId } from '../demo/demoSupporterId';
import { searchSupporters } from '../memory/searchSupporters';
import { measureSearch } from './measureSearch';

describe('measureSearch (what `crm bench` reports as searchP95Ms)', () => {
  it('adds seeded notes and tags that search finds, and times a mix of searches through the API', async () => {
    const now = Date.parse('2025-12-03T10:00:00Z');
    const core = CrmCore.open({ dataDir: tempDir(), clock: () => now });
    const services = createCoreServices(core);
    createDemoWorkspace(core, { supporters: 300, days: 30, seed: 3, now });
    const supporterIds = Array.from({ length: 300 }, (_, index) => demoSupporterId(index + 1));
    const result = await measureSearch(services, { supporterIds, notes: 500, queries: 60, seed: 11 });
    expect(result).toMatchObject({ supporters: 300, notes: 500, queries: 60 });
    expect(result.taggedSupporters).toBeGreaterThan(50);
    expect(result.searchP95Ms).toBeGreaterThan(0);
    expect(result.searchMedianMs).toBeLessThanOrEqual(result.searchP95Ms);
    expect(result.inboxAllP95Ms).toBeGreaterThan(0);
    expect(Object.keys(result.p95ByKind).sort()).toEqual(['handle', 'handle_part', 'handle_start', 'miss', 'note_word', 'note_words', 'tag'].sort());
    // The generated notes really are searchable.
    expect(core.db.prepare('SELECT count(*) FROM supporter_notes').pluck().get()).toBe(500);
    expect(searchSupporters(services, { text: 'stream' }, now).total).toBeGreaterThan(50);
    core.close();
  });
});
