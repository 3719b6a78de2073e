import type { CrmSettings } from '../../../shared/contract/crmSettings';
import { ALERT_PRIORITIES, type AlertPriority, type AlertType } from '../../../shared/domain/alerts';
import { FAN_CLUB_TIERS, type FanClubTier } from '../../../shared/domain/fanClubTiers';
import { TIER_LABELS } from '../app/labels';

/** The settings form as typed: numbers stay text until they validate, so a half-typed value is not lost. */
export interface SettingsDraft {
  vipTabSize: string;
  alertCooldownMinutes: string;
  minPriority: AlertPriority;
  enabledTypes: Record<AlertType, boolean>;
  /** Per type, at most this many alerts an hour reach the desktop; null: every one (within the digest). */
  typeLimits: Record<AlertType, number | null>;
  quietHoursEnabled: boolean;
  quietStart: string;
  quietEnd: string;
  prices: Record<FanClubTier, string>;
}

export type SettingsField = 'vipTabSize' | 'alertCooldownMinutes' | 'minPriority' | 'quietStart' | 'quietEnd' | `price.${FanClubTier}`;
export type SettingsErrors = Partial<Record<SettingsField, string>>;

export function draftFromSettings(settings: CrmSettings): SettingsDraft {
  return {
    vipTabSize: String(settings.vipTabSize),
    alertCooldownMinutes: String(settings.alertCooldownMinutes),
    minPriority: settings.notifications.minPriority,
    enabledTypes: { ...settings.notifications.enabledTypes },
    typeLimits: { ...settings.notifications.typeLimits },
    quietHoursEnabled: settings.notifications.quietHours.enabled,
    quietStart: settings.notifications.quietHours.start,
    quietEnd: settings.notifications.quietHours.end,
    prices: Object.fromEntries(FAN_CLUB_TIERS.map((tier) => [tier, String(settings.fanClubPrices[tier])])) as Record<FanClubTier, string>,
  };
}

/** True when the form differs from what is stored (what leaving the page would lose). */
export function isDraftChanged(draft: SettingsDraft, settings: CrmSettings): boolean {
  return JSON.stringify(draft) !== JSON.stringify(draftFromSettings(settings));
}

const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

function wholeNumber(text: string, min: number, max: number): number | null {
  const trimmed = text.trim().replaceAll(/[,\s]/g, '');
  if (!/^\d+$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value >= min && value <= max ? value : null;
}

/**
 * Checks the form the way the core will (SPEC §5, §8 ranges), plus one rule a creator expects: each
 * fan club tier costs more than the one below it (the upgrade suggestion compares against the next
 * tier's price). Messages say what to type, not what went wrong in the parser.
 */
export function validateSettingsDraft(draft: SettingsDraft): { ok: true; settings: CrmSettings } | { ok: false; errors: SettingsErrors } {
  const errors: SettingsErrors = {};
  const vipTabSize = wholeNumber(draft.vipTabSize, 1, 100);
  if (vipTabSize === null) errors.vipTabSize = 'VIP tab size must be a whole number from 1 to 100.';
  const cooldown = wholeNumber(draft.alertCooldownMinutes, 0, 24 * 60);
  if (cooldown === null) errors.alertCooldownMinutes = 'Alert cooldown must be a whole number of minutes from 0 to 1440 (24 hours).';
  if (!ALERT_PRIORITIES.includes(draft.minPriority)) errors.minPriority = 'Choose the lowest priority that should raise a notification.';
  if (!CLOCK_TIME.test(draft.quietStart)) errors.quietStart = 'Use HH:MM in 24-hour time, for example 22:00.';
  if (!CLOCK_TIME.test(draft.quietEnd)) errors.quietEnd = 'Use HH:MM in 24-hour time, for example 08:00.';
  if (draft.quietHoursEnabled && !errors.quietStart && !errors.quietEnd && draft.quietStart === draft.quietEnd) {
    errors.quietEnd = 'Quiet hours need an end time different from the start time.';
  }
  const prices: Partial<Record<FanClubTier, number>> = {};
  FAN_CLUB_TIERS.forEach((tier, index) => {
    const price = wholeNumber(draft.prices[tier], 1, 1_000_000);
    if (price === null) {
      errors[`price.${tier}`] = `${TIER_LABELS[tier]} price must be a whole number of tokens from 1 to 1,000,000.`;
      return;
    }
    prices[tier] = price;
    const lowerTier = index > 0 ? FAN_CLUB_TIERS[index - 1] : undefined;
    const lowerPrice = lowerTier ? prices[lowerTier] : undefined;
    if (lowerTier && lowerPrice !== undefined && price <= lowerPrice) {
      errors[`price.${tier}`] = `${TIER_LABELS[tier]} must cost more than ${TIER_LABELS[lowerTier]} (${lowerPrice.toLocaleString('en-US')} tokens).`;
    }
  });
  if (Object.keys(errors).length > 0 || vipTabSize === null || cooldown === null) return { ok: false, errors };
  return {
    ok: true,
    settings: {
      vipTabSize,
      alertCooldownMinutes: cooldown,
      notifications: {
        minPriority: draft.minPriority,
        enabledTypes: { ...draft.enabledTypes },
        typeLimits: { ...draft.typeLimits },
        quietHours: { enabled: draft.quietHoursEnabled, start: draft.quietStart, end: draft.quietEnd },
      },
      fanClubPrices: prices as Record<FanClubTier, number>,
    },
  };
}
