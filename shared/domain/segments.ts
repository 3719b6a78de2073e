/** Segments in precedence order (SPEC §4): the first rule that matches wins. */
export const SEGMENTS = ['vip', 'cold', 'dormant', 'hot_lead', 'active'] as const;
export type Segment = (typeof SEGMENTS)[number];

export const INBOX_TABS = ['vip', 'hot_leads', 'all', 'dormant', 'new'] as const;
export type InboxTab = (typeof INBOX_TABS)[number];

/**
 * Every list `inbox.page` reads: the Now queue (SPEC §11, "who should I talk to right now", the
 * console's landing view) and the five tabs (SPEC §5).
 */
export const INBOX_VIEWS = ['now', ...INBOX_TABS] as const;
export type InboxViewName = (typeof INBOX_VIEWS)[number];

export const CONVERSION_POTENTIALS = ['extremely_high', 'very_high', 'high', 'medium', 'low'] as const;
export type ConversionPotential = (typeof CONVERSION_POTENTIALS)[number];

export type Trend = 'increasing' | 'stable' | 'decreasing';
export type RetentionRisk = 'low' | 'medium' | 'high';
