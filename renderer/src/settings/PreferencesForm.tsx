import { useState, type ReactNode } from 'react';
import type { CrmSettings } from '../../../shared/contract/crmSettings';
import { ALERT_PRIORITIES, ALERT_TYPES } from '../../../shared/domain/alerts';
import { FAN_CLUB_TIERS } from '../../../shared/domain/fanClubTiers';
import type { ErrorView } from '../api/describeApiError';
import { ALERT_TYPE_LABELS, PRIORITY_LABELS, TIER_LABELS } from '../app/labels';
import { toastStore } from '../app/toastStore';
import { useLeaveGuard } from './useLeaveGuard';
import { draftFromSettings, isDraftChanged, validateSettingsDraft, type SettingsDraft, type SettingsErrors, type SettingsField } from './settingsDraft';
import { settingsStore } from './settingsStore';

/**
 * Notification preferences, alert cooldown, VIP tab size and fan club prices, validated as a whole
 * before saving, with each message next to the field it is about.
 */
export function PreferencesForm({ settings }: { settings: CrmSettings }) {
  const [draft, setDraft] = useState<SettingsDraft>(() => draftFromSettings(settings));
  const [errors, setErrors] = useState<SettingsErrors>({});
  const [saveError, setSaveError] = useState<ErrorView | null>(null);
  const saving = settingsStore((state) => state.saving);
  const update = (patch: Partial<SettingsDraft>) => setDraft((current) => ({ ...current, ...patch }));
  const dirty = isDraftChanged(draft, settings);
  useLeaveGuard(dirty ? 'Your changes to the CRM preferences are not saved yet. Leave and lose them, or keep editing and save.' : null);

  const submit = async () => {
    const result = validateSettingsDraft(draft);
    if (!result.ok) {
      setErrors(result.errors);
      // Send focus to the first problem so keyboard and screen-reader users land on it.
      const first = Object.keys(result.errors)[0];
      if (first) document.getElementById(fieldId(first as SettingsField))?.focus();
      return;
    }
    setErrors({});
    const problem = await settingsStore.getState().save(result.settings);
    setSaveError(problem);
    if (!problem) toastStore.getState().show('Settings saved.', 'success');
  };

  const errorCount = Object.keys(errors).length;
  return (
    <form
      className="preferences"
      aria-label="CRM preferences"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      {errorCount > 0 && (
        <p role="alert" className="form-problem">
          {errorCount === 1 ? 'One setting needs attention.' : `${errorCount} settings need attention.`} Nothing was saved.
        </p>
      )}
      {saveError && (
        <p role="alert" className="form-problem">
          Not saved: {saveError.message}
        </p>
      )}

      <fieldset className="card settings-group">
        <legend>Notifications</legend>
        <Field id="minPriority" label="Lowest priority that raises a desktop notification" error={errors.minPriority}>
          <select id={fieldId('minPriority')} value={draft.minPriority} onChange={(event) => update({ minPriority: event.target.value as SettingsDraft['minPriority'] })}>
            {ALERT_PRIORITIES.map((priority) => (
              <option key={priority} value={priority}>
                {PRIORITY_LABELS[priority]}
                {priority === 'low' ? ' (everything)' : ' and above'}
              </option>
            ))}
          </select>
        </Field>
        <fieldset className="nested">
          <legend>Alert types</legend>
          <p className="muted" id="type-limits-help">
            At most one desktop notification a minute gathers what arrived meanwhile; urgent alerts (a VIP coming online) are shown at once. A limit keeps a
            busy type to a few an hour; the rest wait on the Alerts page.
          </p>
          <div className="type-limits">
            {ALERT_TYPES.map((type) => (
              <div key={type} className="type-limit-row">
                <label className="choice">
                  <input
                    type="checkbox"
                    checked={draft.enabledTypes[type]}
                    onChange={(event) => update({ enabledTypes: { ...draft.enabledTypes, [type]: event.target.checked } })}
                  />
                  {ALERT_TYPE_LABELS[type]}
                </label>
                <select
                  aria-label={`${ALERT_TYPE_LABELS[type]}: how many desktop notifications an hour`}
                  aria-describedby="type-limits-help"
                  disabled={!draft.enabledTypes[type]}
                  value={draft.typeLimits[type] === null ? 'any' : String(draft.typeLimits[type])}
                  onChange={(event) => update({ typeLimits: { ...draft.typeLimits, [type]: event.target.value === 'any' ? null : Number(event.target.value) } })}
                >
                  {typeLimitChoices(draft.typeLimits[type]).map((limit) => (
                    <option key={limit ?? 'any'} value={limit ?? 'any'}>
                      {limit === null ? 'Every alert' : `At most ${limit} an hour`}
                    </option>
                  ))}
                </select>
              </div>
            ))}
          </div>
        </fieldset>
        <fieldset className="nested">
          <legend>Quiet hours</legend>
          <label className="choice">
            <input type="checkbox" checked={draft.quietHoursEnabled} onChange={(event) => update({ quietHoursEnabled: event.target.checked })} />
            No desktop notifications during quiet hours
          </label>
          <div className="field-row">
            <Field id="quietStart" label="From" error={errors.quietStart}>
              <TextInput id="quietStart" value={draft.quietStart} error={errors.quietStart} placeholder="22:00" onChange={(quietStart) => update({ quietStart })} />
            </Field>
            <Field id="quietEnd" label="To" error={errors.quietEnd}>
              <TextInput id="quietEnd" value={draft.quietEnd} error={errors.quietEnd} placeholder="08:00" onChange={(quietEnd) => update({ quietEnd })} />
            </Field>
          </div>
        </fieldset>
      </fieldset>

      <fieldset className="card settings-group">
        <legend>Alerts and inbox</legend>
        <Field id="alertCooldownMinutes" label="Alert cooldown (minutes between two alerts of the same type for one supporter)" error={errors.alertCooldownMinutes}>
          <TextInput id="alertCooldownMinutes" value={draft.alertCooldownMinutes} error={errors.alertCooldownMinutes} inputMode="numeric" onChange={(alertCooldownMinutes) => update({ alertCooldownMinutes })} />
        </Field>
        <Field id="vipTabSize" label="VIP tab size (how many top supporters the VIP tab lists)" error={errors.vipTabSize}>
          <TextInput id="vipTabSize" value={draft.vipTabSize} error={errors.vipTabSize} inputMode="numeric" onChange={(vipTabSize) => update({ vipTabSize })} />
        </Field>
      </fieldset>

      <fieldset className="card settings-group">
        <legend>Fan club tier prices (tokens per month)</legend>
        <p className="muted">Used to spot supporters whose monthly spend already covers the next tier.</p>
        <div className="field-row">
          {FAN_CLUB_TIERS.map((tier) => {
            const id = `price.${tier}` as const;
            return (
              <Field key={tier} id={id} label={TIER_LABELS[tier]} error={errors[id]}>
                <TextInput id={id} value={draft.prices[tier]} error={errors[id]} inputMode="numeric" onChange={(value) => update({ prices: { ...draft.prices, [tier]: value } })} />
              </Field>
            );
          })}
        </div>
      </fieldset>

      <div className="form-buttons">
        <button type="submit" className="button primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save settings'}
        </button>
        {dirty && (
          <span className="muted unsaved-note" role="status" data-testid="unsaved-changes">
            Unsaved changes
          </span>
        )}
        <button
          type="button"
          className="button"
          onClick={() => {
            setDraft(draftFromSettings(settings));
            setErrors({});
            setSaveError(null);
          }}
        >
          Discard changes
        </button>
      </div>
    </form>
  );
}

function fieldId(field: SettingsField): string {
  return `setting-${field.replace('.', '-')}`;
}

function Field({ id, label, error, children }: { id: SettingsField; label: string; error: string | undefined; children: ReactNode }) {
  return (
    <div className={error ? 'field invalid' : 'field'}>
      <label htmlFor={fieldId(id)}>{label}</label>
      {children}
      {error && (
        <span id={`${fieldId(id)}-error`} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}

function TextInput(props: {
  id: SettingsField;
  value: string;
  error: string | undefined;
  placeholder?: string;
  inputMode?: 'numeric';
  onChange(value: string): void;
}) {
  return (
    <input
      id={fieldId(props.id)}
      type="text"
      value={props.value}
      placeholder={props.placeholder}
      inputMode={props.inputMode}
      aria-invalid={props.error ? true : undefined}
      aria-describedby={props.error ? `${fieldId(props.id)}-error` : undefined}
      onChange={(event) => props.onChange(event.target.value)}
    />
  );
}

const TYPE_LIMIT_CHOICES: readonly (number | null)[] = [null, 1, 2, 3, 6, 12, 30];

/** The offered limits, plus one set elsewhere (the API accepts any 1–60) so the form never hides it. */
function typeLimitChoices(current: number | null): (number | null)[] {
  if (TYPE_LIMIT_CHOICES.includes(current)) return [...TYPE_LIMIT_CHOICES];
  return [...TYPE_LIMIT_CHOICES, current].sort((a, b) => (a ?? 0) - (b ?? 0));
}
