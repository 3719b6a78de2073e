import type { RequestHandlers } from '../requestHandler';

/**
 * The customer-base models' own request: the quality report, at the core's clock. (Their figures
 * also reach `profile.get` and the All tab's model orders, through the engine's handlers.)
 */
export const clvHandlers: RequestHandlers<'model.quality'> = {
  'model.quality': ({ core, clv }, { refit }) => {
    const quality = clv.quality(core.clock(), { refit });
    // A refit changes the profile figures and the All tab's model orders.
    if (refit === true) core.emit({ kind: 'data_changed', reason: 'segmentation' });
    return quality;
  },
};
