import { ALERT_TYPES, type AlertPriority, type AlertType } from '../domain/alerts';

/**
 * The defaults, kept apart from the zod schema so the renderer and the notification rules can
 * read them without bundling zod. The schema in crmSettings.ts checks this value in a test.
 */
export interface DefaultCrmSettings {
  vipTabSize: number;
  alertCooldownMinutes: number;
  notifications: {
    minPriority: AlertPriority;
    enabledTypes: Record<AlertType, boolean>;
    quietHours: { enabled: boolean; start: string; end: string };
    /** Per type, at most this many alerts an hour reach the desktop; null: only the digest's one a minute limits it. */
    typeLimits: Record<AlertType, number | null>;
  };
  fanClubPrices: { silver: number; gold: number; diamond: number; royal_elite: number };
}

export const DEFAULT_CRM_SETTINGS: DefaultCrmSettings = {
  vipTabSize: 10,
  alertCooldownMinutes: 60,
  notifications: {
    minPriority: 'high',
    enabledTypes: Object.fromEntries(ALERT_TYPES.map((type) => [type, true])) as Record<AlertType, boolean>,
    quietHours: { enabled: false, start: '22:00', end: '08:00' },
    typeLimits: Object.fromEntries(ALERT_TYPES.map((type) => [type, null])) as Record<AlertType, number | null>,
  },
  fanClubPrices: { silver: 100, gold: 250, diamond: 500, royal_elite: 1000 },
};
