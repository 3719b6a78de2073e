import type { CrmBridge } from '../../../shared/contract/crmBridge';
import { createWebSocketBridge } from './createWebSocketBridge';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the browser host. */
    crm?: CrmBridge;
  }
}

let bridge: CrmBridge | null = null;

/** The one way the renderer reaches the core, whichever transport is behind it. */
export function crmBridge(): CrmBridge {
  bridge ??= window.crm ?? createWebSocketBridge();
  return bridge;
}
