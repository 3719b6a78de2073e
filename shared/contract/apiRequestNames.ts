import type { ApiRequestName } from './apiContract';

/**
 * The request names without their schemas, for the sandboxed preload, which should not bundle zod.
 * `satisfies` keeps this list and the contract in step at compile time; a test checks the other direction.
 */
export const API_REQUEST_NAMES = [
  'system.ping',
  'workspace.info',
  'workspace.stats',
  'inbox.page',
  'inbox.counts',
  'segmentation.run',
  'profile.get',
  'model.quality',
  'alerts.list',
  'alerts.markRead',
  'alerts.dismiss',
  'alerts.act',
  'alerts.undismiss',
  'alerts.markAllRead',
  'actions.preview',
  'actions.run',
  'actions.availability',
  'actions.log',
  'actions.metrics',
  'safety.log',
  'settings.get',
  'settings.update',
  'sync.status',
  'sync.now',
  'sync.connect',
  'sync.disconnect',
] as const satisfies readonly ApiRequestName[];
