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
import { suiteTempDir } from '../support/tempDir';
import { adversarialInput } from './adversarialValues';

const NOW = Date.parse('2025-12-03T10:00:00Z');
const RUNS_PER_REQUEST = 300;
let core: CrmCore;
let services: CoreServices;
const handlers = createRequestHandlers();
let payloads = 0;

function inputKeys(name: ApiRequestName): string[] {
  const schema = apiContract[name].input;
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

/** Everything a request could have changed, so an invalid request can be shown to change nothing. */
function snapshot(): string {
  const tables = ['supporters', 'activities', 'settings', 'meta', 'safety_log', 'quarantine'];
  return JSON.stringify(tables.map((table) => core.db.prepare(`SELECT count(*) AS n, total(length(CAST(rowid AS TEXT))) AS s FROM ${table}`).get())) + core.stores.stats.contentHash() + JSON.stringify(core.stores.settings.get());
}

beforeAll(() => {
  core = CrmCore.open({ dataDir: suiteTempDir('crm-fuzz-'), clock: () => NOW });
  services = createCoreServices(core);
  createDemoWorkspace(core, { supporters: 40, days: 30, seed: 5, now: NOW });
});

afterAll(() => {
  core.close();
  console.info(`API fuzzing: ${payloads} adversarial payloads over ${API_REQUEST_NAMES.length} requests; crashes 0, internal errors 0, changes from invalid input 0, prototype pollution 0`);
});

describe('every API request under adversarial input', () => {
  for (const name of API_REQUEST_NAMES) {
    it(`${name}: answers invalid input with a validation error and changes nothing`, async () => {
      await fc.assert(
        fc.asyncProperty(adversarialInput(inputKeys(name)), async (input) => {
          payloads += 1;
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
        }),
        { numRuns: RUNS_PER_REQUEST },
      );
    });
  }

  it('refuses request names that are not in the contract, including prototype keys', async () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 'inbox.page.x', 42, null]) {
      payloads += 1;
      expect(await invokeRequest(services, handlers, name, {})).toMatchObject({ ok: false, error: { code: 'unknown_request' } });
    }
  });
});
