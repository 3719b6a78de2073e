import { afterEach, describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../../../shared/contract/apiTypes';
import { activity, DAY_MS, HOUR_MS, NOW, openEngineCore, storedScore, supporter, type EngineTestCore } from '../testing/engineTestKit';
import { createEngineScheduler, type EngineTimers } from './createEngineScheduler';
import { latestDailyRunAt } from '../../time/latestDailyRunAt';

let testCore: EngineTestCore | null = null;
afterEach(() => testCore?.close());

/** Timers the test fires by hand: one pending timeout at a time, as the scheduler keeps it. */
function manualTimers() {
  const pending: { callback: () => void; ms: number }[] = [];
  const timers: EngineTimers = {
    setTimeout(callback, ms) {
      const entry = { callback, ms };
      pending.push(entry);
      return entry;
    },
    clearTimeout(handle) {
      const index = pending.indexOf(handle as (typeof pending)[number]);
      if (index >= 0) pending.splice(index, 1);
    },
  };
  return {
    timers,
    pending,
    /** Advances the clock by the pending delay and fires it. */
    fire(clock: { now: number }) {
      const entry = pending.shift();
      if (!entry) throw new Error('nothing scheduled');
      clock.now += entry.ms;
      entry.callback();
    },
  };
}

describe('latestDailyRunAt', () => {
  it('is the last 03:00 UTC at or before now', () => {
    expect(new Date(latestDailyRunAt(Date.parse('2026-01-15T12:00:00Z'))).toISOString()).toBe('2026-01-15T03:00:00.000Z');
    expect(new Date(latestDailyRunAt(Date.parse('2026-01-15T03:00:00Z'))).toISOString()).toBe('2026-01-15T03:00:00.000Z');
    expect(new Date(latestDailyRunAt(Date.parse('2026-01-15T02:59:59Z'))).toISOString()).toBe('2026-01-14T03:00:00.000Z');
  });
});

describe('createEngineScheduler', () => {
  it('runs a missed daily run at start, then sleeps until the next edge or 03:00, at most an hour', () => {
    testCore = openEngineCore();
    const { core } = testCore;
    core.stores.meta.set('lastFullSegmentationAt', new Date(NOW - 2 * DAY_MS).toISOString());
    const events: CoreEvent[] = [];
    core.onEvent((event) => events.push(event));
    const manual = manualTimers();
    const scheduler = createEngineScheduler(testCore.services, manual.timers);
    scheduler.start();
    expect(core.stores.meta.get('lastFullSegmentationAt')).toBe(new Date(NOW).toISOString());
    expect(events).toContainEqual({ kind: 'data_changed', reason: 'segmentation' });
    expect(manual.pending).toHaveLength(1);
    expect(manual.pending[0]?.ms).toBe(HOUR_MS);
    scheduler.stop();
    expect(manual.pending).toHaveLength(0);
  });

  it('does not repeat a daily run already done today', () => {
    testCore = openEngineCore();
    const { core } = testCore;
    const done = new Date(latestDailyRunAt(NOW) + HOUR_MS).toISOString();
    core.stores.meta.set('lastFullSegmentationAt', done);
    const scheduler = createEngineScheduler(testCore.services, manualTimers().timers);
    scheduler.start();
    expect(core.stores.meta.get('lastFullSegmentationAt')).toBe(done);
    scheduler.stop();
  });

  it('wakes at a window edge and moves a supporter to dormant with no new data', () => {
    testCore = openEngineCore();
    const { core, clock, apply } = testCore;
    const manual = manualTimers();
    const scheduler = createEngineScheduler(testCore.services, manual.timers);
    scheduler.start();
    const last = NOW - 7 * DAY_MS + 20 * 60_000;
    apply([supporter('q'), activity('q', 'like', last)]);
    expect(storedScore(core, 'q')?.segment).toBe('active');
    scheduler.tick();
    // The edge is 20 minutes away: the timer is set for exactly then.
    expect(manual.pending[0]?.ms).toBe(last + 7 * DAY_MS - clock.now);
    const events: CoreEvent[] = [];
    core.onEvent((event) => events.push(event));
    manual.fire(clock);
    expect(storedScore(core, 'q')?.segment).toBe('dormant');
    expect(events).toEqual([{ kind: 'data_changed', reason: 'segmentation' }]);
    scheduler.stop();
  });

  it('runs the daily full re-segmentation when 03:00 UTC comes', () => {
    testCore = openEngineCore({ now: Date.parse('2026-01-15T02:30:00Z') });
    const { core, clock } = testCore;
    const manual = manualTimers();
    const scheduler = createEngineScheduler(testCore.services, manual.timers);
    scheduler.start();
    expect(core.stores.meta.get('lastFullSegmentationAt')).toBe('2026-01-15T02:30:00.000Z');
    expect(manual.pending[0]?.ms).toBe(30 * 60_000);
    manual.fire(clock);
    expect(core.stores.meta.get('lastFullSegmentationAt')).toBe('2026-01-15T03:00:00.000Z');
    scheduler.stop();
  });

  it('picks up a bulk import left for later soon after it is announced', () => {
    testCore = openEngineCore();
    const { core, apply } = testCore;
    const manual = manualTimers();
    const scheduler = createEngineScheduler(testCore.services, manual.timers);
    scheduler.start();
    const bulk = [];
    for (let index = 0; index < 2100; index += 1) bulk.push(supporter(`b${index}`), activity(`b${index}`, 'like', NOW - HOUR_MS));
    apply(bulk);
    expect(storedScore(core, 'b1')).toBeNull();
    core.emit({ kind: 'data_changed', reason: 'import' });
    expect(manual.pending).toHaveLength(1);
    expect(manual.pending[0]?.ms).toBe(250);
    manual.fire(testCore.clock);
    expect(storedScore(core, 'b1')?.segment).toBe('active');
    scheduler.stop();
  });

  describe('with a pause between slices (a long-running host)', () => {
    /** A pause the test opens by hand, so it sees the run between slices. */
    function gatedPause() {
      const gates: (() => void)[] = [];
      return { gates, pause: () => new Promise<void>((resolve) => gates.push(resolve)) };
    }
    /** Lets every pending promise callback run (not a timer: nothing here waits on time). */
    const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

    it('runs the 03:00 run in slices, answering between them, and marks it done only at the end', async () => {
      testCore = openEngineCore({ now: Date.parse('2026-01-15T02:30:00Z') });
      const { core, clock, apply } = testCore;
      apply([supporter('early'), activity('early', 'like', clock.now - HOUR_MS)]);
      const manual = manualTimers();
      const { gates, pause } = gatedPause();
      const messages: string[] = [];
      const scheduler = createEngineScheduler(testCore.services, manual.timers, { pause, log: (_level, message) => messages.push(message) });
      scheduler.start();
      // The run at start is synchronous whatever the pause.
      expect(gates).toHaveLength(0);
      expect(core.stores.meta.get('lastFullSegmentationAt')).toBe('2026-01-15T02:30:00.000Z');

      manual.fire(clock);
      await settle();
      expect(gates).toHaveLength(1);
      // Between slices: a batch is applied and scored, a tick waits for the run, nothing is marked done.
      apply([supporter('late'), activity('late', 'gift', clock.now - HOUR_MS, { tokens: 1200 })]);
      expect(storedScore(core, 'late')?.segment).toBe('vip');
      scheduler.tick();
      expect(manual.pending).toHaveLength(0);
      let slices = 0;
      while (core.stores.meta.get('lastFullSegmentationAt') === '2026-01-15T02:30:00.000Z') {
        expect(gates).toHaveLength(1);
        gates.shift()?.();
        slices += 1;
        await settle();
      }
      expect(slices).toBeGreaterThan(1);
      expect(core.stores.meta.get('lastFullSegmentationAt')).toBe('2026-01-15T03:00:00.000Z');
      expect(messages).toContain('Full re-segmentation at 2026-01-15T03:00:00.000Z');
      // The customer-base models' refit follows, in slices of its own.
      expect(gates).toHaveLength(1);
      while (gates.length > 0) {
        gates.shift()?.();
        await settle();
      }
      expect(core.stores.clv.fit()?.fittedAt).toBe(Date.parse('2026-01-15T03:00:00Z'));
      expect(messages.some((message) => message.startsWith('Customer-base models refitted in'))).toBe(true);
      expect(manual.pending).toHaveLength(1);
      scheduler.stop();
    });

    it('abandons a run under way when stopped, so the next start runs it again', async () => {
      testCore = openEngineCore({ now: Date.parse('2026-01-15T02:30:00Z') });
      const { core, clock } = testCore;
      const manual = manualTimers();
      const { gates, pause } = gatedPause();
      const scheduler = createEngineScheduler(testCore.services, manual.timers, { pause });
      scheduler.start();
      manual.fire(clock);
      await settle();
      expect(gates).toHaveLength(1);
      scheduler.stop();
      gates.shift()?.();
      await settle();
      expect(gates).toHaveLength(0);
      expect(manual.pending).toHaveLength(0);
      expect(core.stores.meta.get('lastFullSegmentationAt')).toBe('2026-01-15T02:30:00.000Z');

      const restarted = createEngineScheduler(testCore.services, manual.timers, { pause });
      restarted.start();
      expect(core.stores.meta.get('lastFullSegmentationAt')).toBe('2026-01-15T03:00:00.000Z');
      restarted.stop();
    });
  });
});
