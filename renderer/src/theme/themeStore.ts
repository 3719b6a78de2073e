import { create } from 'zustand';

export type ThemePreference = 'system' | 'light' | 'dark';

const STORAGE_KEY = 'supporter-crm.theme';

function readPreference(): ThemePreference {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return stored === 'light' || stored === 'dark' ? stored : 'system';
  } catch {
    // Storage can be unavailable (privacy settings); following the OS is the right default anyway.
    return 'system';
  }
}

/** `system` leaves the attribute off, so the stylesheet's prefers-color-scheme rules decide. */
function applyPreference(preference: ThemePreference): void {
  if (preference === 'system') document.documentElement.removeAttribute('data-theme');
  else document.documentElement.setAttribute('data-theme', preference);
}

interface ThemeState {
  preference: ThemePreference;
  setPreference(preference: ThemePreference): void;
}

/** Light, dark, or follow the OS; the choice is this machine's, so it lives in localStorage, not in the workspace. */
export const themeStore = create<ThemeState>((set) => {
  const preference = readPreference();
  applyPreference(preference);
  return {
    preference,
    setPreference(next) {
      try {
        if (next === 'system') window.localStorage.removeItem(STORAGE_KEY);
        else window.localStorage.setItem(STORAGE_KEY, next);
      } catch {
        // Not persisted, but still applied for this session.
      }
      applyPreference(next);
      set({ preference: next });
    },
  };
});
