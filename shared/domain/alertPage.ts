import type { AlertPriority, AlertType } from './alerts';
import type { AlertView } from './alertView';

/** The Alerts page's filters: which open alerts (all or unread), of which type, of which priority. */
export interface AlertPageFilters {
  show: 'all' | 'unread';
  type: AlertType | 'all';
  priority: AlertPriority | 'all';
}

/**
 * Where a page of alerts ends: the next page holds the alerts strictly older than this one in
 * (createdAt, id) order. Alerts raised later are newer, so they never move an older page.
 */
export interface AlertCursor {
  createdAt: string;
  id: string;
}

/**
 * How many open alerts each filter choice would show under the other two filters, over every open
 * alert (not the loaded pages): `show.unread` under the chosen type and priority, `type.vip_online`
 * under the chosen show and priority, and so on; each `all` is the sum of its choices.
 */
export interface AlertChoiceCounts {
  show: Record<AlertPageFilters['show'], number>;
  type: Record<AlertType | 'all', number>;
  priority: Record<AlertPriority | 'all', number>;
}

/** One page of the Alerts page's list (newest first) and the counts of every open alert. */
export interface AlertPage {
  alerts: AlertView[];
  /** Pass as `before` for the next (older) page; null when this page reaches the oldest match. */
  nextBefore: AlertCursor | null;
  /** Open alerts matching all three filters: what paging through reaches. */
  matching: number;
  counts: AlertChoiceCounts;
  /** Every open alert, and the unread among them (the sidebar badge), whatever the filters. */
  open: number;
  unread: number;
}
