import { openEngineCore } from '../electron/core/engine/testing/engineTestKit';
const t = openEngineCore();
for (const tab of ['vip', 'hot_leads', 'all', 'dormant', 'new'] as const) console.log(tab, t.core.stores.scores.explainPage(tab, false), t.core.stores.scores.explainPage(tab, true));
t.close();
