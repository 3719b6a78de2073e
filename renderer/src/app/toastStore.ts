import { create } from 'zustand';

export interface Toast {
  id: number;
  text: string;
  tone: 'success' | 'info' | 'error';
}

interface ToastState {
  toasts: Toast[];
  show(text: string, tone?: Toast['tone']): void;
  dismiss(id: number): void;
}

const TOAST_MS = 6000;
let nextId = 1;

/** Short confirmations ("Message reminder for anna: done.") that fade on their own. */
export const toastStore = create<ToastState>((set, get) => ({
  toasts: [],
  show(text, tone = 'info') {
    const id = nextId++;
    // Keep the last three: a burst of actions should not cover the inbox.
    set({ toasts: [...get().toasts.slice(-2), { id, text, tone }] });
    setTimeout(() => get().dismiss(id), TOAST_MS);
  },
  dismiss(id) {
    set({ toasts: get().toasts.filter((toast) => toast.id !== id) });
  },
}));
