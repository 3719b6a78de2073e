import { useEffect, useId, useRef, useState } from 'react';
import type { CrmActionType } from '../../../shared/domain/crmActions';
import type { InboxEntry } from '../../../shared/domain/inboxEntry';
import type { AvailabilityByType } from '../actions/actionAvailabilityStore';
import { actionStore } from '../actions/actionStore';
import { handleLabel } from '../app/HandleText';
import { Icon, type IconName } from '../app/Icon';
import { ACTION_LABELS } from '../app/labels';
import { workspaceStore } from '../workspace/workspaceStore';
import { quickActionState, type QuickActionState } from './quickActionState';

/** The guide's three quick actions; the other two live on the profile. */
const QUICK_ACTIONS: { type: CrmActionType; icon: IconName }[] = [
  { type: 'dm_reminder', icon: 'message' },
  { type: 'invite_to_live', icon: 'video' },
  { type: 'offer_fan_club', icon: 'award' },
];

interface QuickActionsProps {
  entry: InboxEntry;
  blockedReason: string | null;
  availability: AvailabilityByType | undefined;
  now: number;
}

/**
 * The row's quick actions: icon buttons where the list is wide, one "Actions" menu where it is
 * narrow (a container query picks, so no resize code runs per row). A refused action says why and
 * when it is available again before anyone clicks; it stays focusable (aria-disabled) so keyboard
 * and screen-reader users hear that too. Clicks never reach the row (which opens the profile).
 */
export function QuickActions({ entry, blockedReason, availability, now }: QuickActionsProps) {
  const handle = handleLabel(entry.handle);
  // Times in the creator's timezone, as the core's refusal says them.
  const creatorTimeZone = workspaceStore((state) => state.info?.creator?.timezone ?? null);
  const actions = QUICK_ACTIONS.map(({ type, icon }) => ({ type, icon, state: quickActionState(entry, type, blockedReason, availability?.[type], now, creatorTimeZone) }));
  const run = (type: CrmActionType) => void actionStore.getState().open({ supporterId: entry.supporterId, handle: entry.handle, type });
  return (
    <div className="quick-actions-cell" onClick={(event) => event.stopPropagation()}>
      <div className="quick-actions wide" role="group" aria-label={`Quick actions for ${handle}`}>
        {actions.map(({ type, icon, state }) => (
          <span key={type} className="quick-action-slot">
            <button
              type="button"
              className="icon-button quick-action"
              aria-label={state.enabled ? ACTION_LABELS[type] : state.description}
              aria-disabled={state.enabled ? undefined : true}
              title={state.description}
              data-testid={`quick-action-${type}`}
              onClick={() => state.enabled && run(type)}
            >
              <Icon name={icon} />
            </button>
            {state.note && (
              <span className="quick-action-note" aria-hidden="true">
                {state.note}
              </span>
            )}
          </span>
        ))}
      </div>
      <RowActionsMenu handle={handle} actions={actions} run={run} />
    </div>
  );
}

/** The narrow layout's menu: a native popover (top layer, so the row's clipping never cuts it), arrow keys, Esc. */
function RowActionsMenu({ handle, actions, run }: { handle: string; actions: { type: CrmActionType; icon: IconName; state: QuickActionState }[]; run(type: CrmActionType): void }) {
  const menuId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const menu = menuRef.current;
    if (!menu) return undefined;
    const onToggle = (event: Event) => {
      const opened = (event as ToggleEvent).newState === 'open';
      setOpen(opened);
      if (opened) {
        // Below the button, right-aligned with it, kept inside the window.
        const anchor = buttonRef.current?.getBoundingClientRect();
        if (anchor) {
          const top = Math.min(anchor.bottom + 4, window.innerHeight - menu.offsetHeight - 8);
          menu.style.top = `${Math.max(8, top)}px`;
          menu.style.left = `${Math.max(8, anchor.right - menu.offsetWidth)}px`;
        }
        menu.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
      } else if (menu.contains(document.activeElement) || document.activeElement === document.body) {
        buttonRef.current?.focus();
      }
    };
    menu.addEventListener('toggle', onToggle);
    return () => menu.removeEventListener('toggle', onToggle);
  }, []);

  const moveFocus = (step: number) => {
    const items = [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const index = items.indexOf(document.activeElement as HTMLElement);
    items[(index + step + items.length) % items.length]?.focus();
  };

  return (
    <div className="quick-actions narrow">
      <button
        ref={buttonRef}
        type="button"
        className="icon-button"
        popoverTarget={menuId}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={menuId}
        aria-label={`Actions for ${handle}`}
        title={`Actions for ${handle}`}
        data-testid="row-actions-menu-button"
      >
        <Icon name="more" />
      </button>
      <div
        ref={menuRef}
        id={menuId}
        popover="auto"
        role="menu"
        aria-label={`Actions for ${handle}`}
        className="row-actions-menu"
        data-testid="row-actions-menu"
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            event.stopPropagation();
            moveFocus(event.key === 'ArrowDown' ? 1 : -1);
          }
        }}
      >
        {actions.map(({ type, icon, state }) => (
          <button
            key={type}
            type="button"
            role="menuitem"
            className="row-actions-item"
            aria-disabled={state.enabled ? undefined : true}
            title={state.description}
            onClick={() => {
              if (!state.enabled) return;
              menuRef.current?.hidePopover();
              run(type);
            }}
          >
            <Icon name={icon} />
            <span className="row-actions-text">
              <span>{ACTION_LABELS[type]}</span>
              {!state.enabled && <span className="muted row-actions-why">{state.availableAgain ? capitalize(state.availableAgain) : 'Not available now'}</span>}
            </span>
          </button>
        ))}
      </div>
    </div>
  );
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
