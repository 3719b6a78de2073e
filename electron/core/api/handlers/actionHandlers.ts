import { ApiFailure } from '../../../../shared/contract/apiResult';
import { actionAvailabilityFor } from '../../actions/actionAvailability';
import { activityLog, crmMetrics } from '../../actions/actionOutcomes';
import { previewCrmAction, runCrmAction } from '../../actions/runCrmAction';
import type { RequestHandlers } from '../requestHandler';

export const actionHandlers: RequestHandlers<'actions.preview' | 'actions.run' | 'actions.availability' | 'actions.log' | 'actions.metrics' | 'safety.log'> = {
  'actions.preview': ({ core }, { supporterId, type }) => {
    const preview = previewCrmAction(core, { supporterId, type });
    if (!preview.ok) throw new ApiFailure('rejected', preview.reason);
    return preview.impact;
  },
  // A list of supporters passes the boundary on purpose: the core refuses it and writes a safety-log entry.
  'actions.run': ({ core }, { supporterId, type }) => runCrmAction(core, { supporterId, type }),
  'actions.availability': ({ core }, { supporterIds }) => ({ supporters: actionAvailabilityFor(core, supporterIds) }),
  'actions.log': ({ core }, { limit }) => ({ entries: activityLog(core, limit ?? 50) }),
  'actions.metrics': ({ core }, { days }) => crmMetrics(core, days, core.clock()),
  'safety.log': ({ core }, { limit }) => ({ entries: core.stores.safetyLog.list(limit ?? 50) }),
};
