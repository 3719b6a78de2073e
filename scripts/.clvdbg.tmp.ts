import { openEngineCore, supporter, activity, DAY_MS, HOUR_MS, NOW, creator } from '../electron/core/engine/testing/engineTestKit';
import { summarizeActivities } from '../electron/core/engine/score/summarizeActivities';
import { scoreSupporter } from '../electron/core/engine/score/scoreSupporter';
const weekAgo = NOW - 7 * DAY_MS;
const id = 'h1';
const t = openEngineCore();
t.apply([creator(), supporter(id),
  ...Array.from({ length: 10 }, (_, i) => activity(id, 'chat_message', weekAgo - (i + 1) * HOUR_MS)),
  ...Array.from({ length: 5 }, (_, i) => activity(id, 'gift', weekAgo - (i + 1) * DAY_MS, { tokens: 10 })),
  ...Array.from({ length: 5 }, (_, i) => activity(id, 'profile_view', weekAgo - (i + 1) * 2 * HOUR_MS)),
  ...Array.from({ length: 5 }, (_, i) => activity(id, 'live_attendance', weekAgo - (i + 1) * 3 * HOUR_MS, { minutes: 30 }))]);
const acts = t.core.stores.engineInput.activitiesOf(id);
console.log(acts.length, t.core.stores.clv.activeBetween(weekAgo - 7*DAY_MS, weekAgo));
const s = summarizeActivities(id, acts, weekAgo);
console.log(s, scoreSupporter(s, false, weekAgo));
console.log(t.core.db.prepare('select count(*) n from quarantine').get(), t.core.db.prepare('select reason from quarantine limit 3').all());
t.close();
