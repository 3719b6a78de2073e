import { describe, expect, it } from 'vitest';
import { apiContract } from './apiContract';
import { API_REQUEST_NAMES } from './apiRequestNames';

describe('API contract', () => {
  it('lists the same request names for the preload as the contract declares', () => {
    expect([...API_REQUEST_NAMES].sort()).toEqual(Object.keys(apiContract).sort());
  });
});

describe('default settings', () => {
  it('pass the settings schema', async () => {
    const { crmSettingsSchema } = await import('./crmSettings');
    const { DEFAULT_CRM_SETTINGS } = await import('./defaultCrmSettings');
    expect(crmSettingsSchema.parse(DEFAULT_CRM_SETTINGS)).toEqual(DEFAULT_CRM_SETTINGS);
  });
});
