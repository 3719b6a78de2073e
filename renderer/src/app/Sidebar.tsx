import type { AppRoute } from '../../../shared/routes/appRoute';
import { alertsStore } from '../alerts/alertsStore';
import { inboxStore } from '../inbox/inboxStore';
import { workspaceStore } from '../workspace/workspaceStore';
import { HandleText } from './HandleText';
import { Icon, type IconName } from './Icon';
import { routeStore } from './routeStore';
import { isSidebarCollapsed, sidebarStore } from './sidebarStore';

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
  // Every unread open alert, as the core counts it (not only the loaded page).
  const unread = alertsStore((state) => state.totals?.unread ?? 0);
  const creator = workspaceStore((state) => state.info?.creator ?? null);
  const collapsed = sidebarStore(isSidebarCollapsed);
  // A profile belongs to the inbox section.
  const current: Page = route.page === 'supporter' ? 'inbox' : route.page;
  const go = (page: Page) => {
    const navigate = routeStore.getState().navigate;
    if (page === 'inbox') navigate({ page: 'inbox', tab: inboxStore.getState().tab });
    else if (page !== 'supporter') navigate({ page });
  };
  const unreadText = `${unread} unread`;
  return (
    <nav className={collapsed ? 'sidebar collapsed' : 'sidebar'} aria-label="Main" data-testid="sidebar" data-collapsed={collapsed}>
      <div className="brand">
        <Icon name="brand" size={18} /> <span className="nav-label">Supporter CRM</span>
      </div>
      {NAV_ITEMS.map((item) => (
        <button
          key={item.page}
          type="button"
          className={current === item.page ? 'nav active' : 'nav'}
          aria-current={current === item.page ? 'page' : undefined}
          // Icons only: the name stays for assistive tech and appears as a tooltip.
          title={collapsed ? (item.page === 'alerts' && unread > 0 ? `${item.label} (${unreadText})` : item.label) : undefined}
          onClick={() => go(item.page)}
        >
          <Icon name={item.icon} className="nav-icon" />
          <span className="nav-label">{item.label}</span>
          {item.page === 'alerts' && unread > 0 && (
            <span className="badge nav-count" data-testid="unread-alerts-count" aria-label={unreadText}>
              {/* The exact count is in its name; the badge stays two digits wide. */}
              {unread >= 100 ? '99+' : unread}
            </span>
          )}
        </button>
      ))}
      <div className="sidebar-footer muted">
        {creator && !collapsed && (
          <>
            <div className="creator-handle">
              @<HandleText handle={creator.handle} fit="middle" />
            </div>
            <div title="Times are shown in your timezone; best contact times also in the supporter’s.">{creator.timezone}</div>
          </>
        )}
        <button
          type="button"
          className="icon-button sidebar-toggle"
          aria-expanded={!collapsed}
          aria-label={collapsed ? 'Show the sidebar’s labels' : 'Collapse the sidebar to icons'}
          title={collapsed ? 'Expand the sidebar' : 'Collapse the sidebar'}
          onClick={() => sidebarStore.getState().toggle()}
          data-testid="sidebar-toggle"
        >
          <Icon name={collapsed ? 'chevronRight' : 'chevronLeft'} size={16} />
        </button>
      </div>
    </nav>
  );
}
