import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apiContract, type ApiRequestName } from '../../shared/contract/apiContract';
import { API_REQUEST_NAMES } from '../../shared/contract/apiRequestNames';
import { createRequestHandlers } from '../../electron/core/api/createRequestHandlers';
import { invokeRequest } from '../../electron/core/api/invokeRequest';
import { createCoreServices, type CoreServices } from '../../electron/core/createCoreServices';
import { CrmCore } from '../../electron/core/crmCore';
import { createDemoWorkspace } from '../../electron/core/demo/createDemoWorkspace';
import { demoSupporterId } from '../../electron/core/demo/demoSupporterId';
import { suiteTempDir } from '../support/tempDir';
import { adversarialInput } from './adversarialValues';

const NOW = Date.parse('2025-12-03T10:00:00Z');
const RUNS_PER_REQUEST = 300;
let core: CrmCore;
let services: CoreServices;
const handlers = createRequestHandlers();
/**
 * What the properties saw, counted only after each payload's assertions held, and which tests got
 * to their end: the summary is printed from these, and only when every test it sums up passed.
 */
const seen = { payloads: 0, refusedInvalid: 0, answeredOk: 0, answeredWithError: 0 };
const passedTests = new Set<string>();
const MEMORY_TEST = 'memory requests with hostile text';
const UNKNOWN_NAMES_TEST = 'unknown request names';

function count(outcome: 'refusedInvalid' | 'answeredOk' | 'answeredWithError'): void {
  seen.payloads += 1;
  seen[outcome] += 1;
}

function inputKeys(name: ApiRequestName): string[] {
  const schema = apiContract[name].input;
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

/** Everything a request could have changed, so an invalid request can be shown to change nothing. */
function snapshot(): string {
  const tables = ['supporters', 'activities', 'settings', 'meta', 'safety_log', 'quarantine', 'supporter_notes', 'supporter_tags', 'follow_ups', 'supporter_snoozes'];
  return JSON.stringify(tables.map((table) => core.db.prepare(`SELECT count(*) AS n, total(length(CAST(rowid AS TEXT))) AS s FROM ${table}`).get())) + core.stores.stats.contentHash() + JSON.stringify(core.stores.settings.get());
}

beforeAll(() => {
  core = CrmCore.open({ dataDir: suiteTempDir('crm-fuzz-'), clock: () => NOW });
  services = createCoreServices(core);
  createDemoWorkspace(core, { supporters: 40, days: 30, seed: 5, now: NOW });
});

afterAll(() => {
  core.close();
  const expected = [...API_REQUEST_NAMES, MEMORY_TEST, UNKNOWN_NAMES_TEST];
  if (expected.some((name) => !passedTests.has(name))) return;
  console.info(
    `API fuzzing: ${seen.payloads} adversarial payloads over ${API_REQUEST_NAMES.length} requests, every test passed — ` +
      `${seen.refusedInvalid} invalid inputs refused with invalid_input and nothing changed, ${seen.answeredOk} valid ones answered, ` +
      `${seen.answeredWithError} refused with a reason other than an internal error; no prototype pollution`,
  );
});

describe('every API request under adversarial input', () => {
  for (const name of API_REQUEST_NAMES) {
    it(`${name}: answers invalid input with a validation error and changes nothing`, async () => {
      await fc.assert(
        fc.asyncProperty(adversarialInput(inputKeys(name)), async (input) => {
          const valid = apiContract[name].input.safeParse(input ?? {}).success;
          const before = valid ? '' : snapshot();
          const result = await invokeRequest(services, handlers, name, input, (error) => {
            throw new Error(`internal error for ${name}: ${String(error)}`);
          });
          expect(typeof result.ok).toBe('boolean');
          if (!valid) {
            expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
            expect(snapshot()).toBe(before);
          } else if (!result.ok) {
            expect(result.error.code).not.toBe('internal');
          }
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
          expect(Object.prototype).not.toHaveProperty('polluted');
          count(valid ? (result.ok ? 'answeredOk' : 'answeredWithError') : 'refusedInvalid');
        }),
        { numRuns: RUNS_PER_REQUEST },
      );
      passedTests.add(name);
    });
  }

  it('memory requests of the right shape with hostile text (any unicode, guard-baiting, huge): never an internal error', async () => {
    const hostileText = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 3_000 }),
      fc.constantFrom('', ' ', '\u0000', '💎'.repeat(2_001), 'x'.repeat(8_000), 'call 555-123-4567', 'anna at gmail dot com', '"*^:()-', 'NEAR(a b)', '__proto__'),
    );
    const supporter = fc.oneof(fc.constantFrom(demoSupporterId(1), demoSupporterId(2)), fc.string({ maxLength: 30 }));
    const request = fc.oneof(
      fc.record({ name: fc.constant('notes.add'), input: fc.record({ supporterId: supporter, text: hostileText }) }),
      fc.record({ name: fc.constant('tags.add'), input: fc.record({ supporterId: supporter, tag: hostileText }) }),
      fc.record({ name: fc.constant('followUps.add'), input: fc.record({ supporterId: supporter, dueAt: fc.oneof(hostileText, fc.constant('2025-12-04T10:00:00Z')), text: hostileText }) }),
      fc.record({ name: fc.constant('snooze.set'), input: fc.record({ supporterId: supporter, until: hostileText }) }),
      fc.record({ name: fc.constant('search.supporters'), input: fc.record({ text: hostileText }) }),
      fc.record({ name: fc.constant('tags.rename'), input: fc.record({ tag: hostileText, to: hostileText, expectedSupporters: fc.nat(3) }) }),
    );
    await fc.assert(
      fc.asyncProperty(request, async ({ name, input }) => {
        const result = await invokeRequest(services, handlers, name, input, (error) => {
          throw new Error(`internal error for ${name}: ${String(error)}`);
        });
        if (!result.ok) expect(result.error.code).not.toBe('internal');
        count(result.ok ? 'answeredOk' : 'answeredWithError');
      }),
      { numRuns: 600 },
    );
    passedTests.add(MEMORY_TEST);
  });

  it('refuses request names that are not in the contract, including prototype keys', async () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 'inbox.page.x', 42, null]) {
      expect(await invokeRequest(services, handlers, name, {})).toMatchObject({ ok: false, error: { code: 'unknown_request' } });
      count('refusedInvalid');
    }
    passedTests.add(UNKNOWN_NAMES_TEST);
  });
});
