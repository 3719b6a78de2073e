import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatRoute, parseDeepLink, parseRoute, type AppRoute } from './appRoute';

describe('app routes', () => {
  it('parse every page and round-trip through formatRoute', () => {
    const routes: AppRoute[] = [
      { page: 'inbox', tab: 'hot_leads' },
      { page: 'supporter', supporterId: 's000123' },
      { page: 'alerts' },
      { page: 'settings' },
      { page: 'activity' },
      { page: 'model' },
      { page: 'search' },
    ];
    for (const route of routes) expect(parseRoute(formatRoute(route))).toEqual(route);
    expect(parseRoute('#/')).toEqual({ page: 'inbox', tab: 'vip' });
  });

  it('reject anything that is not a known route', () => {
    for (const text of ['inbox/friends', 'supporter/', 'supporter/a/b', 'admin', 'supporter/%E0%A4%A', 'supporter/<script>']) {
      expect(parseRoute(text)).toBeNull();
    }
  });

  it('parse supportercrm:// deep links and refuse other schemes', () => {
    expect(parseDeepLink('supportercrm://supporter/s000042')).toEqual({ page: 'supporter', supporterId: 's000042' });
    expect(parseDeepLink('supportercrm://inbox/dormant')).toEqual({ page: 'inbox', tab: 'dormant' });
    expect(parseDeepLink('https://supporter/s1')).toBeNull();
    expect(parseDeepLink('::::')).toBeNull();
  });

  it('never throw on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        parseRoute(text);
        parseDeepLink(text);
      }),
    );
  });
});
