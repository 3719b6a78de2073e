/** Segments in precedence order (SPEC §4): the first rule that matches wins. */
export const SEGMENTS = ['vip', 'cold', 'dormant', 'hot_lead', 'active'] as const;
export type Segment = (typeof SEGMENTS)[number];

export const INBOX_TABS = ['vip', 'hot_leads', 'all', 'dormant', 'new'] as const;
export type InboxTab = (typeof INBOX_TABS)[number];

export const CONVERSION_POTENTIALS = ['extremely_high', 'very_high', 'high', 'medium', 'low'] as const;
export type ConversionPotential = (typeof CONVERSION_POTENTIALS)[number];

export type Trend = 'increasing' | 'stable' | 'decreasing';
export type RetentionRisk = 'low' | 'medium' | 'high';
