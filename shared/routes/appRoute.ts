import { INBOX_TABS, type InboxTab } from '../domain/segments';

/**
 * The console's routes, shared by the renderer's hash router, deep links (`supportercrm://…`)
 * and notification clicks, so every way into a supporter lands on the same page.
 */
export type AppRoute =
  | { page: 'inbox'; tab: InboxTab }
  | { page: 'supporter'; supporterId: string }
  | { page: 'alerts' }
  | { page: 'activity' }
  | { page: 'settings' }
  | { page: 'model' }
  /** Search across handles, notes and tags (SPEC §13). */
  | { page: 'search' };

export const DEEP_LINK_SCHEME = 'supportercrm';
const SUPPORTER_ID = /^[A-Za-z0-9._:@-]{1,200}$/;

export function formatRoute(route: AppRoute): string {
  switch (route.page) {
    case 'inbox':
      return `inbox/${route.tab}`;
    case 'supporter':
      return `supporter/${encodeURIComponent(route.supporterId)}`;
    default:
      return route.page;
  }
}

/** Parses `inbox/vip`, `supporter/<id>`, `alerts`…; anything else is null (never trusted blindly). */
export function parseRoute(text: string): AppRoute | null {
  const trimmed = text.replace(/^[#/]+/, '').replace(/\/+$/, '');
  const [head, rest, ...extra] = trimmed.split('/');
  if (extra.length > 0) return null;
  if (head === '' || head === undefined) return { page: 'inbox', tab: 'vip' };
  if (head === 'inbox') {
    const tab = rest ?? 'vip';
    return (INBOX_TABS as readonly string[]).includes(tab) ? { page: 'inbox', tab: tab as InboxTab } : null;
  }
  if (head === 'supporter' && rest !== undefined) {
    let supporterId: string;
    try {
      supporterId = decodeURIComponent(rest);
    } catch {
      return null;
    }
    return SUPPORTER_ID.test(supporterId) ? { page: 'supporter', supporterId } : null;
  }
  if (rest === undefined && (head === 'alerts' || head === 'activity' || head === 'settings' || head === 'model' || head === 'search')) return { page: head };
  return null;
}

/** `supportercrm://supporter/<id>` → the route, or null for anything that is not one of ours. */
export function parseDeepLink(url: string): AppRoute | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${DEEP_LINK_SCHEME}:`) return null;
  // `supportercrm://supporter/abc` parses with host "supporter" and path "/abc".
  return parseRoute(`${parsed.host}${parsed.pathname}`);
}
