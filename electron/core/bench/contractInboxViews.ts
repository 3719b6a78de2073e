import { apiContract } from '../../../shared/contract/apiContract';

/**
 * Every list `inbox.page` accepts, read from the API contract itself: the five tabs, and the Now
 * queue once the contract has it, so the benchmark measures whatever the console can ask for.
 */
export function contractInboxViews(): readonly string[] {
  return apiContract['inbox.page'].input.shape.tab.options;
}

/** The console's landing view: the Now queue when the contract has it, else the All tab. */
export function landingInboxView(): string {
  return contractInboxViews().includes('now') ? 'now' : 'all';
}
