import { create } from 'zustand';
import type { CoreConnectionState } from '../../../shared/contract/crmBridge';

/** Whether the page can reach its core right now (the browser host can stop and come back). */
export const connectionStore = create<{ state: CoreConnectionState }>(() => ({ state: 'connected' }));
