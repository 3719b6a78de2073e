import { useState } from 'react';
import type { SupporterFollowUp } from '../../../shared/domain/supporterMemory';
import { formatDateTime, formatRelativeTime } from '../app/formatters';
import { FormProblem } from './FormProblem';
import { changeMemory } from './memoryActions';
import { REMINDER_PRESETS } from './reminderTimes';
import { TimeChoices } from './TimeChoices';
import { useMemoryChange } from './useMemoryChange';

/**
 * "Remind me" and "Snooze" (SPEC §13). A reminder may carry private text, refused like a note when
 * it holds contact details. The reminder alert itself comes with a later release.
 */
export function FollowUpsCard(props: { supporterId: string; followUps: SupporterFollowUp[]; snoozedUntil: string | null }) {
  const { supporterId } = props;
  const [text, setText] = useState('');
  const { busy, problem, run } = useMemoryChange();
  const now = Date.now();
  return (
    <section className="card memory-card" aria-label="Follow-ups and snooze">
      <div className="card-toolbar">
        <h2>Remind me</h2>
      </div>
      <input type="text" className="reminder-text" aria-label="What to remember (optional, private)" placeholder="What to remember (optional, private)" maxLength={2000} value={text} onChange={(event) => setText(event.target.value)} />
      <TimeChoices
        name="Remind me"
        busy={busy}
        presets={REMINDER_PRESETS}
        onChoose={(dueAt) => void run(() => changeMemory('followUps.add', { supporterId, dueAt, ...(text.trim() ? { text } : {}) }, `Reminder set for ${formatDateTime(dueAt)}.`), () => setText(''))}
      />
      {props.followUps.length === 0 ? (
        <p className="muted">No reminders.</p>
      ) : (
        <ul className="follow-ups" aria-label="Reminders">
          {props.followUps.map((followUp) => {
            const due = Date.parse(followUp.dueAt) <= now;
            return (
              <li key={followUp.followUpId} className="follow-up" data-testid="follow-up">
                <span className={due ? 'badge flag' : 'badge'}>{due ? 'Due' : formatRelativeTime(followUp.dueAt, now)}</span>
                <time dateTime={followUp.dueAt}>{formatDateTime(followUp.dueAt)}</time>
                {followUp.text && <span className="follow-up-text">{followUp.text}</span>}
                <button
                  type="button"
                  className="link"
                  disabled={busy}
                  aria-label={`Cancel the reminder for ${formatDateTime(followUp.dueAt)}`}
                  onClick={() => void run(() => changeMemory('followUps.cancel', { followUpId: followUp.followUpId }, 'Reminder cancelled.'))}
                >
                  {due ? 'Clear' : 'Cancel'}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <h2 className="snooze-title">Snooze</h2>
      {props.snoozedUntil ? (
        <p className="snoozed" data-testid="snoozed-until">
          Snoozed until <time dateTime={props.snoozedUntil}>{formatDateTime(props.snoozedUntil)}</time>{' '}
          <button type="button" className="button small" disabled={busy} onClick={() => void run(() => changeMemory('snooze.cancel', { supporterId }, 'Snooze ended.'))}>
            End snooze
          </button>
        </p>
      ) : (
        <p className="muted">Hide them from the Now queue and hold their notifications until a time.</p>
      )}
      <TimeChoices
        name="Snooze until"
        busy={busy}
        presets={REMINDER_PRESETS}
        onChoose={(until) => void run(() => changeMemory('snooze.set', { supporterId, until }, `Snoozed until ${formatDateTime(until)}.`))}
      />
      <FormProblem problem={problem} />
    </section>
  );
}
