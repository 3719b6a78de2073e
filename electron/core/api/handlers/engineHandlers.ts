import { explainSupporterNowScore } from '../../engine/inbox/explainSupporterNowScore';
import { readInboxPage } from '../../engine/inbox/readInboxPage';
import { readTabCounts } from '../../engine/inbox/readTabCounts';
import { readSupporterProfile } from '../../engine/profile/readSupporterProfile';
import { yieldToEventLoop } from '../../engine/yieldToEventLoop';
import { readSupporterMemory } from '../../memory/readSupporterMemory';
import type { RequestHandlers } from '../requestHandler';

/** The supporter engine's requests: inbox tabs, their counts, a full re-segmentation and profiles, all at the core's clock. */
export const engineHandlers: RequestHandlers<'inbox.page' | 'inbox.counts' | 'segmentation.run' | 'profile.get'> = {
  'inbox.page': (services, input) => readInboxPage(services, input, services.core.clock()),
  'inbox.counts': (services) => readTabCounts(services, services.core.clock()),
  // In slices that yield to the event loop: in the core worker, other requests are answered while
  // it runs (in the CLI the yields only cost a turn of an idle loop).
  'segmentation.run': async ({ core, segmentation }) => {
    const summary = await segmentation.runFullInSlices(core.clock(), { pause: yieldToEventLoop });
    core.emit({ kind: 'data_changed', reason: 'segmentation' });
    return summary;
  },
  'profile.get': (services, { supporterId }) => {
    const { core, clv } = services;
    const now = core.clock();
    return {
      ...readSupporterProfile(core.stores, supporterId, now),
      clv: clv.supporterClv(supporterId, now),
      // The creator's notes, tags, follow-ups and snooze (SPEC §13), composed here so the engine's profile builder stays as it is.
      ...readSupporterMemory(core, supporterId, now),
      // The Now queue's score, term by term (SPEC §11), for "Why this score?".
      nowQueue: explainSupporterNowScore(services, supporterId, now),
    };
  },
};
