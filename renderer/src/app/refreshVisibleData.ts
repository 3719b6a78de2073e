import { activityStore } from '../activity/activityStore';
import { alertsStore } from '../alerts/alertsStore';
import { inboxStore } from '../inbox/inboxStore';
import { memorySearchStore } from '../memory/memorySearchStore';
import { profileStore } from '../profile/profileStore';
import { workspaceStore } from '../workspace/workspaceStore';
import { routeStore } from './routeStore';

/**
 * New data arrived (a sync, an import, an action): refresh what the creator can see, in place.
 * Lists keep their rows on screen until the fresh ones arrive, so nothing blinks.
 */
export function refreshVisibleData(): void {
  const route = routeStore.getState().route;
  void workspaceStore.getState().load();
  // The sidebar's unread badge needs alerts on every page.
  void alertsStore.getState().refresh();
  if (route.page === 'inbox') void inboxStore.getState().refresh();
  else inboxStore.getState().markStale();
  if (route.page === 'supporter') void profileStore.getState().reload();
  if (route.page === 'activity') void activityStore.getState().load();
  if (route.page === 'search') void memorySearchStore.getState().showPage(memorySearchStore.getState().offset);
}
