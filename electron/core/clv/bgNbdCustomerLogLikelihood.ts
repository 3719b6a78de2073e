import { bgNbdLogLikelihood } from './bgNbdLogLikelihood';
import { groupRfmSummaries } from './groupRfmSummaries';
import type { BgNbdParams, RfmSummary } from './types';

/**
 * Log-likelihood of a single customer. A thin convenience over the grouped
 * implementation so tests and callers use exactly the code path the fitter uses.
 */
export function bgNbdCustomerLogLikelihood(params: BgNbdParams, customer: RfmSummary): number {
  return bgNbdLogLikelihood(params, groupRfmSummaries([customer]));
}
