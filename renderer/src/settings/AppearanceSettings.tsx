import { themeStore, type ThemePreference } from '../theme/themeStore';

const CHOICES: { value: ThemePreference; label: string }[] = [
  { value: 'system', label: 'Follow the system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

export function AppearanceSettings() {
  const preference = themeStore((state) => state.preference);
  return (
    <fieldset className="card settings-group">
      <legend>Appearance</legend>
      <div role="radiogroup" aria-label="Theme" className="choice-row">
        {CHOICES.map((choice) => (
          <label key={choice.value} className="choice">
            <input
              type="radio"
              name="theme"
              value={choice.value}
              checked={preference === choice.value}
              onChange={() => themeStore.getState().setPreference(choice.value)}
            />
            {choice.label}
          </label>
        ))}
      </div>
      <p className="muted">Stored on this computer only.</p>
    </fieldset>
  );
}
