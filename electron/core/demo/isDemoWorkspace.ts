import type { CrmCore } from '../crmCore';

export const IS_DEMO_META_KEY = 'isDemo';

export const DEMO_NEVER_SYNCS =
  'This is a demo workspace: its generated supporters and the actions taken on them never go to a platform. Connecting starts a fresh workspace for your real supporters and sets the demo aside.';

/** Whether this workspace holds generated demo data (set before the first demo record is written). */
export function isDemoWorkspace(core: CrmCore): boolean {
  return core.stores.meta.get(IS_DEMO_META_KEY) === '1';
}
