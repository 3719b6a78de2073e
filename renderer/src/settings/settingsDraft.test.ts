import { describe, expect, it } from 'vitest';
import { DEFAULT_CRM_SETTINGS } from '../../../shared/contract/crmSettings';
import { draftFromSettings, validateSettingsDraft } from './settingsDraft';

const valid = () => draftFromSettings(DEFAULT_CRM_SETTINGS);

describe('validateSettingsDraft', () => {
  it('round-trips the defaults', () => {
    const result = validateSettingsDraft(valid());
    expect(result).toEqual({ ok: true, settings: DEFAULT_CRM_SETTINGS });
  });

  it('accepts thousands separators in numbers', () => {
    const draft = valid();
    draft.prices.royal_elite = '1,500';
    const result = validateSettingsDraft(draft);
    expect(result.ok && result.settings.fanClubPrices.royal_elite).toBe(1500);
  });

  it('explains out-of-range and non-numeric values', () => {
    const draft = valid();
    draft.vipTabSize = '0';
    draft.alertCooldownMinutes = 'soon';
    const result = validateSettingsDraft(draft);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.vipTabSize).toBe('VIP tab size must be a whole number from 1 to 100.');
    expect(result.errors.alertCooldownMinutes).toMatch(/0 to 1440/);
  });

  it('wants HH:MM quiet hours that differ when enabled', () => {
    const draft = valid();
    draft.quietStart = '7pm';
    expect(validateSettingsDraft(draft)).toMatchObject({ ok: false, errors: { quietStart: expect.stringMatching(/HH:MM/) } });
    const same = valid();
    same.quietHoursEnabled = true;
    same.quietEnd = same.quietStart;
    expect(validateSettingsDraft(same)).toMatchObject({ ok: false, errors: { quietEnd: expect.stringMatching(/different/) } });
  });

  it('wants every tier to cost more than the one below', () => {
    const draft = valid();
    draft.prices.gold = '90';
    const result = validateSettingsDraft(draft);
    expect(result).toMatchObject({ ok: false, errors: { 'price.gold': 'Gold must cost more than Silver (100 tokens).' } });
  });
});
