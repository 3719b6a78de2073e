import { describe, expect, it } from 'vitest';
import { crmSettingsPatchSchema, crmSettingsSchema, DEFAULT_CRM_SETTINGS } from './crmSettings';

describe('notification limits per type (added after release)', () => {
  const { typeLimits: _typeLimits, ...storedBefore } = DEFAULT_CRM_SETTINGS.notifications;

  it('settings stored before the limits existed still parse, with no limit for any type', () => {
    const parsed = crmSettingsSchema.parse({ ...DEFAULT_CRM_SETTINGS, notifications: { ...storedBefore, minPriority: 'medium' } });
    expect(parsed.notifications.minPriority).toBe('medium');
    expect(parsed.notifications.typeLimits).toEqual(DEFAULT_CRM_SETTINGS.notifications.typeLimits);
    expect(Object.values(parsed.notifications.typeLimits).every((limit) => limit === null)).toBe(true);
  });

  it('a limit is a whole number from 1 to 60 an hour, or none; anything else is refused with the field named', () => {
    const withLimit = (spending_spike: unknown) => ({ ...DEFAULT_CRM_SETTINGS.notifications, typeLimits: { ...DEFAULT_CRM_SETTINGS.notifications.typeLimits, spending_spike } });
    expect(crmSettingsPatchSchema.parse({ notifications: withLimit(6) }).notifications?.typeLimits.spending_spike).toBe(6);
    for (const bad of [0, 61, 2.5, '6']) {
      const result = crmSettingsPatchSchema.safeParse({ notifications: withLimit(bad) });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual(['notifications', 'typeLimits', 'spending_spike']);
    }
    const unknownType = { ...DEFAULT_CRM_SETTINGS.notifications, typeLimits: { ...DEFAULT_CRM_SETTINGS.notifications.typeLimits, bulk_blast: 1 } };
    expect(crmSettingsPatchSchema.safeParse({ notifications: unknownType }).success).toBe(false);
  });
});

describe('the follow_up_due alert type (added after release, SPEC §13)', () => {
  it('settings saved before it keep every choice the creator made, and its switch reads on with no limit', () => {
    const { follow_up_due: _enabled, ...enabledBefore } = DEFAULT_CRM_SETTINGS.notifications.enabledTypes;
    const { follow_up_due: _limit, ...limitsBefore } = DEFAULT_CRM_SETTINGS.notifications.typeLimits;
    const stored = {
      ...DEFAULT_CRM_SETTINGS,
      notifications: { ...DEFAULT_CRM_SETTINGS.notifications, enabledTypes: { ...enabledBefore, milestone_reached: false }, typeLimits: { ...limitsBefore, spending_spike: 3 } },
    };
    const parsed = crmSettingsSchema.parse(stored);
    expect(parsed.notifications.enabledTypes.follow_up_due).toBe(true);
    expect(parsed.notifications.enabledTypes.milestone_reached).toBe(false);
    expect(parsed.notifications.typeLimits.follow_up_due).toBeNull();
    expect(parsed.notifications.typeLimits.spending_spike).toBe(3);
  });

  it('can be switched off like any other type, and a wrong value for it is refused', () => {
    const off = { ...DEFAULT_CRM_SETTINGS.notifications, enabledTypes: { ...DEFAULT_CRM_SETTINGS.notifications.enabledTypes, follow_up_due: false } };
    expect(crmSettingsPatchSchema.parse({ notifications: off }).notifications?.enabledTypes.follow_up_due).toBe(false);
    const bad = { ...DEFAULT_CRM_SETTINGS.notifications, enabledTypes: { ...DEFAULT_CRM_SETTINGS.notifications.enabledTypes, follow_up_due: 'yes' } };
    expect(crmSettingsPatchSchema.safeParse({ notifications: bad }).success).toBe(false);
  });
});
