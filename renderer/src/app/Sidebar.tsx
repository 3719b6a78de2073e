import type { AppRoute } from '../../../shared/routes/appRoute';
import { alertsStore } from '../alerts/alertsStore';
import { countUnread } from '../alerts/groupAlertsByPriority';
import { inboxStore } from '../inbox/inboxStore';
import { workspaceStore } from '../workspace/workspaceStore';
import { Icon, type IconName } from './Icon';
import { routeStore } from './routeStore';

type Page = AppRoute['page'];

const NAV_ITEMS: { page: Page; label: string; icon: IconName }[] = [
  { page: 'inbox', label: 'Inbox', icon: 'inbox' },
  { page: 'search', label: 'Search', icon: 'search' },
  { page: 'alerts', label: 'Alerts', icon: 'bell' },
  { page: 'activity', label: 'Activity', icon: 'activity' },
  { page: 'model', label: 'Model quality', icon: 'award' },
  { page: 'settings', label: 'Settings', icon: 'settings' },
];

export function Sidebar() {
  const route = routeStore((state) => state.route);
  const unread = alertsStore((state) => countUnread(state.alerts));
  const creator = workspaceStore((state) => state.info?.creator ?? null);
  // A profile belongs to the inbox section.
  const current: Page = route.page === 'supporter' ? 'inbox' : route.page;
  const go = (page: Page) => {
    const navigate = routeStore.getState().navigate;
    if (page === 'inbox') navigate({ page: 'inbox', tab: inboxStore.getState().tab });
    else if (page !== 'supporter') navigate({ page });
  };
  return (
    <nav className="sidebar" aria-label="Main">
      <div className="brand">
        <Icon name="brand" size={18} /> Supporter CRM
      </div>
      {NAV_ITEMS.map((item) => (
        <button key={item.page} type="button" className={current === item.page ? 'nav active' : 'nav'} aria-current={current === item.page ? 'page' : undefined} onClick={() => go(item.page)}>
          <Icon name={item.icon} className="nav-icon" />
          {item.label}
          {item.page === 'alerts' && unread > 0 && (
            <span className="badge nav-count" data-testid="unread-alerts-count" aria-label={`${unread >= 100 ? 'At least 100' : unread} unread`}>
              {/* The alert list is capped at 100 rows (SPEC §9), so 100 means "100 or more". */}
              {unread >= 100 ? '99+' : unread}
            </span>
          )}
        </button>
      ))}
      <div className="sidebar-footer muted">
        {creator && (
          <>
            <div className="creator-handle">@{creator.handle}</div>
            <div title="Times are shown in your computer’s timezone; best contact times use the supporter’s.">{creator.timezone}</div>
          </>
        )}
      </div>
    </nav>
  );
}
