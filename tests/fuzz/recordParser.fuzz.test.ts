import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { CrmCore } from '../../electron/core/crmCore';
import type { IncomingRecord } from '../../electron/core/ingest/applyChangeBatch';
import { tempDir } from '../support/tempDir';
import { adversarialValue } from './adversarialValues';

const NOW = Date.parse('2025-12-03T10:00:00Z');
let records = 0;

/** Records that look almost right: a real entity and op with a broken or hostile `data`. */
const nearlyValidRecord = fc.record({
  entity: fc.constantFrom('creator', 'supporter', 'activity', 'stream', 'listing', 'wallet', '__proto__'),
  op: fc.constantFrom('upsert', 'delete', 'merge'),
  data: fc.oneof(
    adversarialValue(),
    fc.record({
      id: fc.oneof(fc.string({ minLength: 1, maxLength: 8 }), adversarialValue()),
      supporterId: fc.oneof(fc.constant('s1'), adversarialValue()),
      type: fc.oneof(fc.constantFrom('gift', 'chat_message', 'presence', 'live_attendance', 'teleport'), adversarialValue()),
      at: fc.oneof(fc.constant('2025-12-01T10:00:00Z'), adversarialValue()),
      tokens: fc.oneof(fc.integer({ min: -5, max: 1e6 }), adversarialValue()),
      handle: fc.oneof(fc.string({ maxLength: 20 }), adversarialValue()),
      firstSeenAt: fc.oneof(fc.constant('2025-11-01T00:00:00Z'), adversarialValue()),
      email: fc.constant('fuzz-secret@example.com'),
    }, { requiredKeys: [] }),
  ),
});

afterAll(() => console.info(`record parser fuzzing: ${records} records (JSONL text and sync values); crashes 0, records neither applied nor quarantined 0`));

describe('the JSONL / sync record parser under adversarial input', () => {
  it('applies or quarantines every record and never throws, pollutes, or stores a forbidden value', () => {
    const dataDir = tempDir('crm-fuzz-');
    const core = CrmCore.open({ dataDir, clock: () => NOW });
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string({ maxLength: 200 }).map((text): IncomingRecord => ({ kind: 'text', text, position: 0 })),
            nearlyValidRecord.map((value): IncomingRecord => ({ kind: 'text', text: JSON.stringify(value) ?? 'null', position: 0 })),
            fc.oneof(nearlyValidRecord, adversarialValue()).map((value): IncomingRecord => ({ kind: 'value', value, position: 0 })),
          ),
          { minLength: 1, maxLength: 25 },
        ),
        (batch) => {
          records += batch.length;
          const outcome = core.applyBatch(batch, 'fuzz');
          expect(outcome.applied + outcome.quarantined).toBe(batch.length);
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        },
      ),
      { numRuns: 400 },
    );
    const stored = core.db.prepare("SELECT count(*) AS n FROM quarantine WHERE record LIKE '%fuzz-secret%'").get() as { n: number };
    expect(stored.n).toBe(0);
    core.close();
  });
});
