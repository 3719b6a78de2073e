import { neutralizeDisplayText } from '../../../shared/text/neutralizeDisplayText';
import { Icon } from './Icon';
import { toastStore } from './toastStore';

export function Toasts() {
  const toasts = toastStore((state) => state.toasts);
  return (
    <div className="toasts" role="status" aria-live="polite" aria-label="Notifications">
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast toast-${toast.tone}`} data-testid="toast">
          {/* Toasts quote handles and the core's reasons: outside text, shown neutralised. */}
          <span>{neutralizeDisplayText(toast.text)}</span>
          {toast.action && (
            <button
              type="button"
              className="button small"
              aria-label={neutralizeDisplayText(toast.action.description)}
              onClick={() => {
                toast.action?.run();
                toastStore.getState().dismiss(toast.id);
              }}
            >
              {toast.action.label}
            </button>
          )}
          <button className="icon-button" aria-label="Dismiss notification" onClick={() => toastStore.getState().dismiss(toast.id)}>
            <Icon name="close" size={14} />
          </button>
        </div>
      ))}
    </div>
  );
}
