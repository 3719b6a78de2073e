import { INBOX_VIEWS, type InboxViewName } from '../domain/segments';

/**
 * The console's routes, shared by the renderer's hash router, deep links (`supportercrm://…`)
 * and notification clicks, so every way into a supporter lands on the same page.
 */
export type AppRoute =
  /** The inbox: the Now queue (the landing view, SPEC §11) or a tab (SPEC §5). */
  | { page: 'inbox'; tab: InboxViewName }
  | { page: 'supporter'; supporterId: string }
  | { page: 'alerts' }
  | { page: 'activity' }
  | { page: 'settings' }
  | { page: 'model' }
  /** Search across handles, notes and tags (SPEC §13). */
  | { page: 'search' };

export const DEEP_LINK_SCHEME = 'supportercrm';
/** Ingest accepts any non-empty id of up to 200 UTF-16 code units (the API's limit too), so a route does. */
export const SUPPORTER_ID_MAX_LENGTH = 200;
const DEEP_LINK_PREFIX = new RegExp(`^${DEEP_LINK_SCHEME}://`, 'i');
const UNPAIRED_SURROGATE = /[\uD800-\uDFFF]/gu;

/**
 * Every character outside the unreserved set is percent-encoded, so `/`, `%`, `?`, `#`, spaces and
 * any script survive the trip; dots are encoded too, so an id `.` or `..` is never read as a path
 * step. A lone surrogate (which a JSON string may hold but SQLite stores as U+FFFD) becomes U+FFFD,
 * as it is stored, instead of throwing.
 */
export function encodeSupporterId(supporterId: string): string {
  return encodeURIComponent(supporterId.replace(UNPAIRED_SURROGATE, '\uFFFD')).replaceAll('.', '%2E').replace(/[!'()*~]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function formatRoute(route: AppRoute): string {
  switch (route.page) {
    case 'inbox':
      return `inbox/${route.tab}`;
    case 'supporter':
      return `supporter/${encodeSupporterId(route.supporterId)}`;
    default:
      return route.page;
  }
}

/** Parses `inbox/vip`, `supporter/<id>`, `alerts`…; anything else is null (never trusted blindly). */
export function parseRoute(text: string): AppRoute | null {
  const trimmed = text.replace(/^[#/]+/, '').replace(/\/+$/, '');
  const [head, rest, ...extra] = trimmed.split('/');
  if (extra.length > 0) return null;
  if (head === '' || head === undefined) return { page: 'inbox', tab: 'now' };
  if (head === 'inbox') {
    const tab = rest ?? 'now';
    return (INBOX_VIEWS as readonly string[]).includes(tab) ? { page: 'inbox', tab: tab as InboxViewName } : null;
  }
  if (head === 'supporter' && rest !== undefined) {
    let supporterId: string;
    try {
      supporterId = decodeURIComponent(rest);
    } catch {
      return null;
    }
    // Any id ingest could have stored opens; what it shows is the view's business (it neutralises).
    return supporterId.length >= 1 && supporterId.length <= SUPPORTER_ID_MAX_LENGTH ? { page: 'supporter', supporterId } : null;
  }
  if (rest === undefined && (head === 'alerts' || head === 'activity' || head === 'settings' || head === 'model' || head === 'search')) return { page: head };
  return null;
}

/**
 * `supportercrm://supporter/<id>` → the route, or null for anything that is not one of ours. The
 * text after the scheme is read as it was written, not through `new URL()`: a URL parser resolves
 * `..` and `%2E%2E` path steps and would open another page than the link names.
 */
export function parseDeepLink(url: string): AppRoute | null {
  if (!DEEP_LINK_PREFIX.test(url)) return null;
  const target = url.replace(DEEP_LINK_PREFIX, '').replace(/[?#].*$/s, '');
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  if (/[\s\u0000-\u001F\u007F]/.test(target)) return null;
  return parseRoute(target);
}
