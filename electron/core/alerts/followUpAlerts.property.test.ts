import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/tempDir';
import { addFollowUp, cancelFollowUp } from '../memory/followUpsAndSnoozes';
import { installAlertService, runAlertSweep } from './alertService';
import { creator, DAY_MS, iso, MINUTE_MS, NOW, openTestCore, supporter } from './alertTestKit';

/** What the creator (or a sync wave) does between sweeps; times are minutes after the previous step. */
type Step =
  | { kind: 'add'; supporter: 's1' | 's2'; inMinutes: number; after: number }
  | { kind: 'cancel'; which: number; after: number }
  | { kind: 'move'; which: number; inMinutes: number; after: number }
  | { kind: 'sweep'; after: number };

const after = fc.integer({ min: 0, max: 600 });
const inMinutes = fc.integer({ min: 1, max: 2 * 24 * 60 });
const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), supporter: fc.constantFrom('s1' as const, 's2' as const), inMinutes, after }),
  fc.record({ kind: fc.constant('cancel' as const), which: fc.nat(), after }),
  fc.record({ kind: fc.constant('move' as const), which: fc.nat(), inMinutes, after }),
  fc.record({ kind: fc.constant('sweep' as const), after }),
);

/** Each run opens a fresh cache: about 50 ms. `CRM_ALERT_PROPERTY_RUNS=500` searches longer. */
const PROPERTY_RUNS = Number(process.env.CRM_ALERT_PROPERTY_RUNS ?? 40);

describe('follow_up_due alerts depend only on the follow-ups and the time, not on when sweeps ran (SPEC §13)', () => {
  it('after any mix of adds, cancellations, moves and sweeps, the last sweep leaves one alert per pending follow-up due by then', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArbitrary, { minLength: 1, maxLength: 25 }), fc.integer({ min: 0, max: 4 * 24 * 60 }), async (steps, finalAfter) => {
        const test = openTestCore(tempDir(), NOW);
        try {
          installAlertService(test.core);
          test.apply([creator(), supporter('s1'), supporter('s2')]);
          // The model: each follow-up's id, due time and whether it is still pending.
          const model: { id: string; dueAt: number; pending: boolean }[] = [];
          for (const step of steps) {
            test.clock.now += step.after * MINUTE_MS;
            const target = model.length === 0 ? undefined : model[('which' in step ? step.which : 0) % model.length];
            if (step.kind === 'add') {
              const dueAt = test.clock.now + step.inMinutes * MINUTE_MS;
              model.push({ id: addFollowUp(test.core, step.supporter, iso(dueAt)).followUpId, dueAt, pending: true });
            } else if (step.kind === 'cancel' && target?.pending === true) {
              cancelFollowUp(test.core, target.id);
              target.pending = false;
            } else if (step.kind === 'move' && target?.pending === true) {
              // A move as a sync wave writes it (another machine's newer version); any time, past or future.
              target.dueAt = test.clock.now + (step.inMinutes - 24 * 60) * MINUTE_MS;
              test.core.db.prepare('UPDATE follow_ups SET dueAt = ?, updatedAt = ?, version = version + 1 WHERE id = ?').run(target.dueAt, test.clock.now, target.id);
            } else if (step.kind === 'sweep') {
              runAlertSweep(test.core, test.clock.now);
            }
          }
          test.clock.now += finalAfter * MINUTE_MS;
          const end = test.clock.now;
          runAlertSweep(test.core, end);
          const stored = test.core.db
            .prepare<[], { dedupeKey: string; createdAt: number; expiresAt: number }>("SELECT dedupeKey, createdAt, expiresAt FROM alerts WHERE type = 'follow_up_due'")
            .all()
            .sort((a, b) => a.dedupeKey.localeCompare(b.dedupeKey));
          const expected = model
            .filter((followUp) => followUp.pending && followUp.dueAt <= end)
            .map((followUp) => ({ dedupeKey: `follow_up_due:${followUp.id}:${followUp.dueAt}`, createdAt: followUp.dueAt, expiresAt: followUp.dueAt + DAY_MS }))
            .sort((a, b) => a.dedupeKey.localeCompare(b.dedupeKey));
          expect(stored).toEqual(expected);
        } finally {
          test.core.close();
        }
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });
});
