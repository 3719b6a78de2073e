import { create } from 'zustand';

/** A button on a toast ("Undo"); the toast goes when it is used. */
export interface ToastAction {
  label: string;
  /** What assistive tech reads for the button ("Undo dismissing the alert about anna"). */
  description: string;
  run(): void;
}

export interface Toast {
  id: number;
  text: string;
  tone: 'success' | 'info' | 'error';
  action?: ToastAction;
}

interface ToastState {
  toasts: Toast[];
  show(text: string, tone?: Toast['tone'], action?: ToastAction): void;
  dismiss(id: number): void;
}

const TOAST_MS = 6000;
/** A toast with a button stays longer: time to read it and reach the button. */
const ACTION_TOAST_MS = 12_000;
let nextId = 1;

/** Short confirmations ("Message reminder for anna: done.") that fade on their own. */
export const toastStore = create<ToastState>((set, get) => ({
  toasts: [],
  show(text, tone = 'info', action) {
    const id = nextId++;
    // Keep the last three: a burst of actions should not cover the inbox.
    set({ toasts: [...get().toasts.slice(-2), { id, text, tone, ...(action ? { action } : {}) }] });
    setTimeout(() => get().dismiss(id), action ? ACTION_TOAST_MS : TOAST_MS);
  },
  dismiss(id) {
    set({ toasts: get().toasts.filter((toast) => toast.id !== id) });
  },
}));
