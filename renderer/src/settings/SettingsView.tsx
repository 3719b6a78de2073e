import { useEffect } from 'react';
import { ErrorState } from '../app/ErrorState';
import { NotificationSettings } from '../notifications/NotificationSettings';
import { AppearanceSettings } from './AppearanceSettings';
import { PlatformConnection } from './PlatformConnection';
import { PreferencesForm } from './PreferencesForm';
import { settingsStore } from './settingsStore';

/** Creator settings (SPEC §5, §6, §8), the platform connection, and this machine's appearance. */
export function SettingsView() {
  const settings = settingsStore((state) => state.settings);
  const status = settingsStore((state) => state.status);
  const error = settingsStore((state) => state.error);

  useEffect(() => {
    void settingsStore.getState().load();
  }, []);

  return (
    <section className="settings" aria-labelledby="settings-title">
      <div className="page-toolbar">
        <h1 id="settings-title">Settings</h1>
      </div>
      <AppearanceSettings />
      <NotificationSettings />
      <PlatformConnection />
      {status === 'error' && error ? (
        <ErrorState title="Could not load your settings" error={error} onRetry={() => void settingsStore.getState().load()} />
      ) : settings ? (
        // Keyed by the stored settings so a save (or a change from another window) resets the form to them.
        <PreferencesForm key={JSON.stringify(settings)} settings={settings} />
      ) : (
        <div className="state" aria-busy="true">
          Loading settings…
        </div>
      )}
    </section>
  );
}
