import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeSupporterId, formatRoute, parseDeepLink, parseRoute, SUPPORTER_ID_MAX_LENGTH, type AppRoute } from './appRoute';

/** Ids ingest accepts that a path-shaped route could lose: separators, escapes, dot steps, scripts, controls. */
const AWKWARD_IDS = ['a/b', '../admin', '..', '.', '100%', '%2F', 'with space', 'q?x=1', 'h#frag', '日本語', 'مرحبا', '\u202Egnp.exe', 'zero\u200Bwidth', 'bell\u0007', 'c1\u0085', '<b>bold</b>', '&amp;', "it's(~)*!", 'x'.repeat(SUPPORTER_ID_MAX_LENGTH)];

describe('app routes', () => {
  it('parse every page and round-trip through formatRoute', () => {
    const routes: AppRoute[] = [
      { page: 'inbox', tab: 'hot_leads' },
      { page: 'inbox', tab: 'now' },
      { page: 'supporter', supporterId: 's000123' },
      { page: 'alerts' },
      { page: 'settings' },
      { page: 'activity' },
      { page: 'model' },
      { page: 'search' },
    ];
    for (const route of routes) expect(parseRoute(formatRoute(route))).toEqual(route);
    // The Now queue is the console's landing view (SPEC §11).
    expect(parseRoute('#/')).toEqual({ page: 'inbox', tab: 'now' });
    expect(parseRoute('#/inbox')).toEqual({ page: 'inbox', tab: 'now' });
  });

  it('open every id ingest accepts, through the hash route and the deep link alike', () => {
    for (const supporterId of AWKWARD_IDS) {
      const route: AppRoute = { page: 'supporter', supporterId };
      const text = formatRoute(route);
      expect(text.split('/')).toHaveLength(2);
      expect(parseRoute(`#/${text}`)).toEqual(route);
      expect(parseDeepLink(`supportercrm://${text}`)).toEqual(route);
    }
  });

  it('round-trip any id of 1 to 200 code units (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1, maxLength: SUPPORTER_ID_MAX_LENGTH }), (supporterId) => {
        const stored = supporterId.replace(/[\uD800-\uDFFF]/gu, '\uFFFD');
        expect(parseRoute(formatRoute({ page: 'supporter', supporterId }))).toEqual({ page: 'supporter', supporterId: stored });
        expect(parseDeepLink(`supportercrm://${formatRoute({ page: 'supporter', supporterId })}`)).toEqual({ page: 'supporter', supporterId: stored });
      }),
    );
  });

  it('encode ids so that no character a URL parser or a shell would reinterpret is left bare', () => {
    for (const supporterId of AWKWARD_IDS) expect(encodeSupporterId(supporterId)).toMatch(/^[A-Za-z0-9_%-]+$/);
    // A URL parser resolves dot steps even when they are written %2E, which is why deep links are read as written.
    const link = `supportercrm://supporter/${encodeSupporterId('..')}`;
    expect(new URL(link).pathname).not.toContain('%2E');
    expect(parseDeepLink(link)).toEqual({ page: 'supporter', supporterId: '..' });
  });

  it('reject anything that is not a known route', () => {
    for (const text of ['inbox/friends', 'supporter/', 'supporter/a/b', 'admin', 'supporter/%E0%A4%A', `supporter/${'x'.repeat(SUPPORTER_ID_MAX_LENGTH + 1)}`]) {
      expect(parseRoute(text)).toBeNull();
    }
  });

  it('parse supportercrm:// deep links and refuse other schemes', () => {
    expect(parseDeepLink('supportercrm://supporter/s000042')).toEqual({ page: 'supporter', supporterId: 's000042' });
    expect(parseDeepLink('SupporterCRM://supporter/s000042')).toEqual({ page: 'supporter', supporterId: 's000042' });
    expect(parseDeepLink('supportercrm://supporter/a%2Fb?from=mail#x')).toEqual({ page: 'supporter', supporterId: 'a/b' });
    expect(parseDeepLink('supportercrm://inbox/dormant')).toEqual({ page: 'inbox', tab: 'dormant' });
    // Dot steps are not resolved: `supporter/x/..` names no route rather than quietly opening the inbox.
    expect(parseDeepLink('supportercrm://supporter/x/..')).toBeNull();
    expect(parseDeepLink('supportercrm://supporter/with space')).toBeNull();
    expect(parseDeepLink('https://supporter/s1')).toBeNull();
    expect(parseDeepLink('::::')).toBeNull();
  });

  it('never throw on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        parseRoute(text);
        parseDeepLink(text);
        parseDeepLink(`supportercrm://${text}`);
        formatRoute({ page: 'supporter', supporterId: text });
      }),
    );
  });
});
