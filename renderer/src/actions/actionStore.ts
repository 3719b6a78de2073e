import { create } from 'zustand';
import type { ActionResult, ExpectedImpact } from '../../../shared/contract/apiTypes';
import type { AlertView } from '../../../shared/domain/alertView';
import type { CrmActionType } from '../../../shared/domain/crmActions';
import { callApi } from '../api/callApi';
import { describeApiError, type ErrorView } from '../api/describeApiError';
import { refreshVisibleData } from '../app/refreshVisibleData';
import { formatAvailableAgain } from '../app/formatters';
import { toastStore } from '../app/toastStore';
import { syncStore } from '../sync/syncStore';
import { ACTION_LABELS } from '../app/labels';
import { workspaceStore } from '../workspace/workspaceStore';
import { describeImpact } from './describeImpact';

/** One action on one supporter (never a list: SPEC §7, §9), optionally started from an alert. */
export interface ActionRequest {
  supporterId: string;
  handle: string;
  type: CrmActionType;
  /** Acting on an alert runs its suggested action through `alerts.act`, which also marks the alert. */
  alertId?: string;
  /**
   * The alert being answered, when the caller has it: the dialog then says the action's intent
   * ("Message reminder — thank them") and the alert's own time window, not the action's default.
   */
  alert?: ActionAlert;
}

/** What the dialog needs from an alert it was opened from. */
export type ActionAlert = Pick<AlertView, 'id' | 'type' | 'expiresAt'> & { timeWindow: string };

/** The alert an action answers, as the dialog needs it. */
export function actionAlertOf(alert: AlertView): ActionAlert {
  return { id: alert.id, type: alert.type, expiresAt: alert.expiresAt, timeWindow: alert.metadata.timeWindow };
}

type Phase = 'previewing' | 'confirm' | 'running' | 'unavailable' | 'failed';

interface ActionState {
  request: ActionRequest | null;
  phase: Phase;
  impact: ExpectedImpact | null;
  /** Why the action cannot run (preview refused) or did not run (rejected / failed). */
  problem: ErrorView | null;
  open(request: ActionRequest): Promise<void>;
  confirm(): Promise<void>;
  close(): void;
}

/**
 * The confirm-before-acting flow: preview the expected impact, let the creator confirm, run, and
 * report the outcome. Every action in the console (inbox rows, profile, alerts) goes through here.
 */
export const actionStore = create<ActionState>((set, get) => ({
  request: null,
  phase: 'previewing',
  impact: null,
  problem: null,

  async open(request) {
    set({ request, phase: 'previewing', impact: null, problem: null });
    try {
      const impact = await callApi('actions.preview', { supporterId: request.supporterId, type: request.type });
      if (get().request !== request) return;
      set({ impact, phase: 'confirm' });
    } catch (error) {
      if (get().request !== request) return;
      set({ phase: 'unavailable', problem: describeApiError(error) });
    }
  },

  async confirm() {
    const request = get().request;
    if (!request || get().phase !== 'confirm') return;
    set({ phase: 'running', problem: null });
    let result: ActionResult;
    try {
      const alertId = request.alert?.id ?? request.alertId;
      result = alertId
        ? await callApi('alerts.act', { alertId })
        : await callApi('actions.run', { supporterId: request.supporterId, type: request.type });
    } catch (error) {
      if (get().request === request) set({ phase: 'failed', problem: describeApiError(error) });
      return;
    }
    if (get().request !== request) return;
    if (result.status === 'executed' || result.status === 'pending') {
      const impact = result.expectedImpact ?? get().impact;
      set({ request: null });
      // The core also announces the change; refreshing here makes the flag show even if that event is late.
      refreshVisibleData();
      // The action waits in the outbox until the platform takes it: ask the bar's status now (it only
      // changed on sync events, which is why it said "No actions waiting" after an offline action).
      await syncStore.getState().load();
      const state = syncStore.getState().status?.state;
      const queued = state === 'offline' || state === 'needs_reconnect';
      toastStore
        .getState()
        .show(
          `${ACTION_LABELS[request.type]} for ${request.handle}: ${queued ? 'queued — sent when you’re back online.' : 'done.'}${impact ? ` ${describeImpact(request.type, impact, request.alert?.timeWindow)}` : ''}`,
          queued ? 'info' : 'success',
        );
      return;
    }
    set({
      phase: 'failed',
      problem: {
        code: 'rejected',
        message: `${result.reason ?? `The action was ${result.status}.`}${result.availableAt && !result.reason?.includes('available again') ? ` It is ${formatAvailableAgain(result.availableAt, Date.now(), workspaceStore.getState().info?.creator?.timezone ?? null)}.` : ''}`,
        retryable: false,
      },
    });
  },

  close() {
    set({ request: null, problem: null, impact: null });
  },
}));
