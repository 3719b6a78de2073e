import { ApiFailure } from '../../../shared/contract/apiResult';
import type { CrmCore } from '../crmCore';

/** Memory is kept for supporters the workspace knows; anything else is a clear "not found". */
export function requireSupporter(core: CrmCore, supporterId: string): void {
  if (core.stores.engineInput.supporter(supporterId) === null) throw new ApiFailure('not_found', `No supporter with id "${supporterId.slice(0, 80)}"`);
}
