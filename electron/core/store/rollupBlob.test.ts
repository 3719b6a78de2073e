import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALL_MIGRATIONS } from '../db/allMigrations';
import { runMigrations } from '../db/runMigrations';
import type { SupporterRollup } from '../engine/rollup/supporterRollup';
import { decodeRollupBlob, encodeRollupBlob } from './rollupBlob';
import { RollupStore } from './rollupStore';

const time = fc.integer({ min: 0, max: 2 ** 45 });
const maybeTime = fc.option(time, { nil: null });
const count = fc.integer({ min: 0, max: 1_000_000 });

const rollup: fc.Arbitrary<SupporterRollup> = fc.record({
  supporterId: fc.constant('s1'),
  activityCount: count,
  maxAt: maybeTime,
  lifetimeTokens: count,
  firstPurchaseAt: maybeTime,
  lastActivityAt: maybeTime,
  giftsLifetime: count,
  lastMatchAt: maybeTime,
  presenceAt: maybeTime,
  presenceId: fc.option(fc.string(), { nil: null }),
  online: fc.boolean(),
  lastCreatorMessageAt: maybeTime,
  unreadCount: count,
  registeredListingIds: fc.array(fc.string()),
  recent: fc.array(fc.tuple(time, count)).map((pairs) => pairs.flat()),
});

describe('rollup blob', () => {
  it('reads back every rollup it encodes, nulls included', () => {
    fc.assert(
      fc.property(rollup, (original) => {
        const blob = Buffer.from(encodeRollupBlob(original)); // as SQLite hands it back: a copy
        const decoded = decodeRollupBlob(original.supporterId, blob, original.presenceId, original.registeredListingIds);
        expect({ ...decoded, recent: Array.from(decoded.recent) }).toEqual(original);
      }),
    );
  });

  it('refuses a blob too short to hold a rollup, naming the supporter', () => {
    expect(() => decodeRollupBlob('s9', Buffer.alloc(16), null, [])).toThrow(/stored rollup of s9 is damaged \(16 bytes\)/);
  });

  it('refuses a stored row that claims a rollup but holds no blob, naming the supporter', () => {
    const db = new Database(':memory:');
    runMigrations(db, ALL_MIGRATIONS);
    db.prepare("INSERT INTO supporter_state (supporterId, rollupVersion, rollup) VALUES ('s7', 9, NULL)").run();
    expect(() => new RollupStore(db).getMany(['s7'])).toThrow(/s7 has no stored rollup/);
  });
});
