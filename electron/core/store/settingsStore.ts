import type Database from 'better-sqlite3';
import { crmSettingsSchema, DEFAULT_CRM_SETTINGS, type CrmSettings, type CrmSettingsPatch } from '../../../shared/contract/crmSettings';

const SETTINGS_KEY = 'crm';

/** Creator settings, stored as one validated JSON document; a stored value that no longer validates falls back to defaults. */
export class SettingsStore {
  private readonly read;
  private readonly write;

  constructor(db: Database.Database) {
    this.read = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
    this.write = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  }

  get(): CrmSettings {
    const stored = this.read.get(SETTINGS_KEY)?.value;
    if (stored === undefined) return DEFAULT_CRM_SETTINGS;
    try {
      const parsed = crmSettingsSchema.safeParse({ ...DEFAULT_CRM_SETTINGS, ...(JSON.parse(stored) as object) });
      return parsed.success ? parsed.data : DEFAULT_CRM_SETTINGS;
    } catch {
      return DEFAULT_CRM_SETTINGS;
    }
  }

  update(patch: CrmSettingsPatch): CrmSettings {
    // An explicitly undefined group means "unchanged", not "remove it".
    const given = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
    const merged = crmSettingsSchema.parse({ ...this.get(), ...given });
    this.write.run(SETTINGS_KEY, JSON.stringify(merged));
    return merged;
  }
}
