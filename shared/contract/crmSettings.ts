import { z } from 'zod';
import { ALERT_PRIORITIES, ALERT_TYPES, type AlertType } from '../domain/alerts';
import { DEFAULT_CRM_SETTINGS } from './defaultCrmSettings';

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use HH:MM, 24-hour');
const tokenPrice = z.number().int().min(1).max(1_000_000);

/**
 * Alert types added after release: settings saved before them (and a patch from an older console)
 * lack their switch and limit, and read as the defaults (on, no limit) rather than failing whole.
 */
const TYPES_ADDED_AFTER_RELEASE: ReadonlySet<AlertType> = new Set<AlertType>(['follow_up_due']);

const enabledTypesShape = Object.fromEntries(
  ALERT_TYPES.map((type) => [type, TYPES_ADDED_AFTER_RELEASE.has(type) ? z.boolean().default(true) : z.boolean()]),
) as Record<AlertType, z.ZodBoolean>;

/** Per type, at most this many alerts an hour reach the desktop (null: no limit of its own). */
export const MAX_NOTIFICATIONS_PER_HOUR = 60;
const typeLimit = z.number().int().min(1).max(MAX_NOTIFICATIONS_PER_HOUR).nullable();
const typeLimitsShape = Object.fromEntries(
  ALERT_TYPES.map((type) => [type, TYPES_ADDED_AFTER_RELEASE.has(type) ? typeLimit.default(null) : typeLimit]),
) as Record<AlertType, typeof typeLimit>;

/** Creator settings (SPEC §5, §6, §8), persisted in the cache and validated on every update. */
export const crmSettingsSchema = z
  .object({
    vipTabSize: z.number().int().min(1).max(100),
    alertCooldownMinutes: z.number().int().min(0).max(24 * 60),
    notifications: z
      .object({
        minPriority: z.enum(ALERT_PRIORITIES),
        enabledTypes: z.object(enabledTypesShape).strict(),
        quietHours: z.object({ enabled: z.boolean(), start: clockTime, end: clockTime }).strict(),
        // Added after release: settings stored before it (and a patch from an older console) get the defaults.
        typeLimits: z.object(typeLimitsShape).strict().default(() => ({ ...DEFAULT_CRM_SETTINGS.notifications.typeLimits })),
      })
      .strict(),
    fanClubPrices: z
      .object({ silver: tokenPrice, gold: tokenPrice, diamond: tokenPrice, royal_elite: tokenPrice })
      .strict(),
  })
  .strict();

export type CrmSettings = z.infer<typeof crmSettingsSchema>;

export { DEFAULT_CRM_SETTINGS };

/** A partial update: any top-level group may be replaced; the merged result is validated whole. */
export const crmSettingsPatchSchema = z
  .object({
    vipTabSize: crmSettingsSchema.shape.vipTabSize.optional(),
    alertCooldownMinutes: crmSettingsSchema.shape.alertCooldownMinutes.optional(),
    notifications: crmSettingsSchema.shape.notifications.optional(),
    fanClubPrices: crmSettingsSchema.shape.fanClubPrices.optional(),
  })
  .strict();
export type CrmSettingsPatch = z.infer<typeof crmSettingsPatchSchema>;
