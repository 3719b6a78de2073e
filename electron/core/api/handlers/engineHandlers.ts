import { clvServiceFor } from '../../clv/clvServiceFor';
import { readInboxPage } from '../../engine/inbox/readInboxPage';
import { readTabCounts } from '../../engine/inbox/readTabCounts';
import { readSupporterProfile } from '../../engine/profile/readSupporterProfile';
import { segmentationFor } from '../../engine/segmentationService';
import { yieldToEventLoop } from '../../engine/yieldToEventLoop';
import { readSupporterMemory } from '../../memory/readSupporterMemory';
import type { RequestHandlers } from '../requestHandler';

/** The supporter engine's requests: inbox tabs, their counts, a full re-segmentation and profiles, all at the core's clock. */
export const engineHandlers: RequestHandlers<'inbox.page' | 'inbox.counts' | 'segmentation.run' | 'profile.get'> = {
  'inbox.page': (core, input) => readInboxPage(core, input, core.clock()),
  'inbox.counts': (core) => readTabCounts(core, core.clock()),
  // In slices that yield to the event loop: in the core worker, other requests are answered while
  // it runs (in the CLI the yields only cost a turn of an idle loop).
  'segmentation.run': async (core) => {
    const summary = await segmentationFor(core).runFullInSlices(core.clock(), { pause: yieldToEventLoop });
    core.emit({ kind: 'data_changed', reason: 'segmentation' });
    return summary;
  },
  'profile.get': (core, { supporterId }) => {
    const now = core.clock();
    return {
      ...readSupporterProfile(core, supporterId, now),
      clv: clvServiceFor(core).supporterClv(supporterId, now),
      // The creator's notes, tags, follow-ups and snooze (SPEC §13), composed here so the engine's profile builder stays as it is.
      ...readSupporterMemory(core, supporterId, now),
    };
  },
};
