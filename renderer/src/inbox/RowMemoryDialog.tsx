import { useEffect, useRef, useState } from 'react';
import { formatDateTime } from '../app/formatters';
import { handleLabel } from '../app/HandleText';
import { REMINDER_PRESETS } from '../memory/reminderTimes';
import { TagEditor } from '../memory/TagEditor';
import { TimeChoices } from '../memory/TimeChoices';
import { rowMemoryStore, type RowMemoryMode } from './rowMemoryStore';

const TITLES: Record<RowMemoryMode, string> = { tags: 'Tags for', remind: 'Remind me about', snooze: 'Snooze' };

/**
 * The inbox row's memory dialog, one at a time: add or remove a tag, set a reminder (in 3 hours,
 * tonight, tomorrow, next week, a date) or snooze the supporter out of the Now queue. Renaming and
 * deleting a tag everywhere stay on the profile's "All tags…" (they change many supporters).
 */
export function RowMemoryDialog() {
  const { target, mode, busy, problem } = rowMemoryStore();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState('');
  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (target !== null && !dialog.open) {
      setText('');
      dialog.showModal();
    }
    if (target === null && dialog.open) dialog.close();
  }, [target]);
  const handle = target ? handleLabel(target.handle) : '';
  const { change, close } = rowMemoryStore.getState();
  return (
    <dialog
      ref={dialogRef}
      className="dialog row-memory"
      aria-labelledby="row-memory-title"
      data-testid="row-memory-dialog"
      onCancel={(event) => {
        event.preventDefault();
        close();
      }}
    >
      {target && (
        <>
          <h2 id="row-memory-title">
            {TITLES[mode]} {handle}
          </h2>
          {mode === 'tags' && (
            <TagEditor
              tags={target.tags}
              listLabel={`Tags of ${handle}`}
              chipTestId="row-memory-tag"
              busy={busy}
              onRemove={(tag) => void change('tags.remove', { supporterId: target.supporterId, tag }, `Tag “${tag}” removed.`)}
              onAdd={(tag) => change('tags.add', { supporterId: target.supporterId, tag }, 'Tag added.')}
            />
          )}
          {mode === 'remind' && (
            <>
              <input type="text" className="reminder-text" aria-label="What to remember (optional, private)" placeholder="What to remember (optional, private)" maxLength={2000} value={text} onChange={(event) => setText(event.target.value)} />
              <TimeChoices
                name="Remind me"
                busy={busy}
                presets={REMINDER_PRESETS}
                onChoose={(dueAt) =>
                  void change('followUps.add', { supporterId: target.supporterId, dueAt, ...(text.trim() ? { text } : {}) }, `Reminder about ${handle} set for ${formatDateTime(dueAt)}.`).then((done) => done && close())
                }
              />
            </>
          )}
          {mode === 'snooze' && (
            <>
              <p className="muted">Hide them from the Now queue and hold their notifications until:</p>
              <TimeChoices
                name="Snooze until"
                busy={busy}
                presets={REMINDER_PRESETS}
                onChoose={(until) => void change('snooze.set', { supporterId: target.supporterId, until }, `${handle} snoozed until ${formatDateTime(until)}.`).then((done) => done && close())}
              />
            </>
          )}
          {problem && (
            <p role="alert" className="dialog-problem">
              {problem}
            </p>
          )}
          <div className="dialog-buttons">
            <button type="button" className="button" onClick={close}>
              Close
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
