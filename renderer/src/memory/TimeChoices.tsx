import { useState } from 'react';
import { formatDateTime } from '../app/formatters';
import { localInputToIso, PRESET_LABELS, presetTime, type ReminderPreset } from './reminderTimes';

/** The quick times, then "on a date": what both "Remind me" and "Snooze" offer. */
export function TimeChoices(props: { name: string; busy: boolean; onChoose(at: string): void; presets: readonly ReminderPreset[] }) {
  const [date, setDate] = useState('');
  const now = new Date();
  const chosenDate = localInputToIso(date);
  return (
    <div className="time-choices" role="group" aria-label={props.name}>
      {props.presets.map((preset) => {
        const at = presetTime(preset, now);
        return (
          <button
            key={preset}
            type="button"
            className="button small"
            disabled={props.busy || at === null}
            title={at === null ? 'Too late in the day' : formatDateTime(at.toISOString())}
            onClick={() => {
              // From the moment of the click: the card may have been open for hours.
              const chosen = presetTime(preset, new Date());
              if (chosen) props.onChoose(chosen.toISOString());
            }}
          >
            {PRESET_LABELS[preset]}
          </button>
        );
      })}
      <input type="datetime-local" aria-label={`${props.name}: on a date`} value={date} onChange={(event) => setDate(event.target.value)} />
      <button type="button" className="button small" disabled={props.busy || chosenDate === null} onClick={() => chosenDate && props.onChoose(chosenDate)}>
        Set
      </button>
    </div>
  );
}
