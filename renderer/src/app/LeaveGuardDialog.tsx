import { useEffect, useRef } from 'react';
import { routeStore } from './routeStore';

/** "You have unsaved changes": asked when the creator leaves a page that set a leave guard. */
export function LeaveGuardDialog() {
  const pending = routeStore((state) => state.pendingLeave);
  const message = routeStore((state) => state.leaveGuard);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const stayRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (pending && !dialog.open) {
      dialog.showModal();
      stayRef.current?.focus();
    }
    if (!pending && dialog.open) dialog.close();
  }, [pending]);

  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby="leave-guard-title"
      aria-describedby="leave-guard-description"
      data-testid="leave-guard"
      onCancel={(event) => {
        event.preventDefault();
        routeStore.getState().cancelLeave();
      }}
    >
      {pending && (
        <>
          <h2 id="leave-guard-title">Leave without saving?</h2>
          <p id="leave-guard-description" className="muted">
            {message}
          </p>
          <div className="dialog-buttons">
            <button ref={stayRef} type="button" className="button primary" onClick={() => routeStore.getState().cancelLeave()}>
              Keep editing
            </button>
            <button type="button" className="button" onClick={() => routeStore.getState().confirmLeave()}>
              Discard changes and leave
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
