import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { generateDemoRecords } from '../demo/generateDemoRecords';
import { SeededRandom } from '../demo/seededRandom';
import type { Sleep } from './retryWithBackoff';
import type { SyncScheduler } from './syncService';

/** Helpers shared by the sync tests (not a test file itself; imports vitest). */

export const DEMO_NOW = Date.parse('2025-12-01T00:00:00Z');

/** Values that must never reach a file: tests grep the SQLite bytes for them. */
export const FORBIDDEN_MARKERS = {
  email: 'leak-email-7f3a@example.invalid',
  phoneNumber: 'leak-phone-+15550001111',
  realName: 'Leak Realname Zqx',
  location: 'leak-location-Atlantis',
  ipAddress: '203.0.113.77',
  deviceInfo: 'leak-device-Pixel-Zq',
} as const;

/**
 * Bad and tricky records, mixed into a dataset at fixed positions: forbidden fields at several
 * depths, unknown entities and types, missing fields, and versioned updates that arrive late.
 */
export function trickyRecords(index: number): unknown[] {
  const m = FORBIDDEN_MARKERS;
  return [
    // Valid, with forbidden fields to strip (top level and nested).
    {
      entity: 'supporter',
      op: 'upsert',
      data: { id: `tricky-${index}`, handle: `tricky_${index}`, firstSeenAt: '2025-10-01T10:00:00Z', email: m.email, realName: m.realName, fanClub: { tier: 'gold', active: true, location: m.location } },
    },
    { entity: 'activity', op: 'upsert', data: { id: `tricky-${index}-a1`, supporterId: `tricky-${index}`, type: 'gift', at: '2025-11-01T10:00:00Z', tokens: 5, deviceInfo: { model: m.deviceInfo } } },
    // Quarantined: unknown entity (with a forbidden field that must be gone from the quarantine too).
    { entity: 'wallet', op: 'upsert', data: { id: `w-${index}`, phoneNumber: m.phoneNumber } },
    // Quarantined: missing required field.
    { entity: 'activity', op: 'upsert', data: { id: `tricky-${index}-a2`, supporterId: `tricky-${index}`, type: 'chat_message', ipAddress: m.ipAddress } },
    // Quarantined: unknown activity type.
    { entity: 'activity', op: 'upsert', data: { id: `tricky-${index}-a3`, supporterId: `tricky-${index}`, type: 'teleport', at: '2025-11-01T10:00:00Z' } },
    // Quarantined: not an object at all.
    'just a string',
    // A versioned update, then the older version arriving late: the older one is ignored.
    { entity: 'supporter', op: 'upsert', data: { id: `versioned-${index}`, handle: `v2_${index}`, firstSeenAt: '2025-10-02T10:00:00Z', version: 2 } },
    { entity: 'supporter', op: 'upsert', data: { id: `versioned-${index}`, handle: `v1_${index}`, firstSeenAt: '2025-10-02T10:00:00Z', version: 1 } },
  ];
}

export const TRICKY_QUARANTINED_PER_GROUP = 4;

/** A seeded demo log of exactly `size` records with a tricky group every `trickyEvery` records. */
export function buildDataset(size: number, options: { seed?: number; trickyEvery?: number } = {}): unknown[] {
  const trickyEvery = options.trickyEvery ?? 5000;
  const records: unknown[] = [];
  let group = 0;
  const supporters = Math.ceil(size / 70) + 10;
  for (const record of generateDemoRecords({ supporters, days: 90, seed: options.seed ?? 11, now: DEMO_NOW })) {
    if (records.length >= size) break;
    if (records.length > 0 && records.length % trickyEvery === 0) {
      group += 1;
      for (const tricky of trickyRecords(group)) if (records.length < size) records.push(tricky);
      continue;
    }
    records.push(record);
  }
  return records;
}

const createdDirs: string[] = [];

/** A fresh folder under the OS temp dir, removed when the test file is done. */
export function makeTempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `crm-${prefix}-`));
  createdDirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of createdDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A sleep that returns at once and remembers what it was asked to wait. */
export function recordingSleep(): { sleep: Sleep; waits: number[] } {
  const waits: number[] = [];
  return {
    waits,
    sleep: async (ms, signal) => {
      waits.push(ms);
      if (signal.aborted) throw new Error('aborted');
    },
  };
}

/** A scheduler driven by the test: nothing fires until `fire()`. */
export function manualScheduler(): SyncScheduler & { pending: { callback: () => void; ms: number }[]; fire(): void } {
  const pending: { callback: () => void; ms: number; id: number }[] = [];
  let nextId = 0;
  return {
    pending,
    setTimeout(callback, ms) {
      nextId += 1;
      pending.push({ callback, ms, id: nextId });
      return nextId;
    },
    clearTimeout(handle) {
      const index = pending.findIndex((entry) => entry.id === handle);
      if (index !== -1) pending.splice(index, 1);
    },
    fire() {
      const entries = pending.splice(0);
      for (const entry of entries) entry.callback();
    },
  };
}

export function seededRandom(seed: number): () => number {
  const random = new SeededRandom(seed);
  return () => random.next();
}

/** Every byte of the workspace's SQLite files (WAL and shared memory included). */
export function readWorkspaceBytes(dataDir: string): Buffer {
  const files = fs.readdirSync(dataDir).filter((name) => /\.sqlite(-wal|-shm|-journal)?$/.test(name));
  return Buffer.concat(files.map((name) => fs.readFileSync(path.join(dataDir, name))));
}
