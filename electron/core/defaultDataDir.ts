import os from 'node:os';
import path from 'node:path';

export const APP_NAME = 'Supporter CRM';

/**
 * The workspace folder the app uses: Electron's `userData` for our app name, computed without
 * importing Electron so the CLI and the browser host open the same cache as the desktop app.
 */
export function defaultDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (env.SUPPORTER_CRM_DATA_DIR) return env.SUPPORTER_CRM_DATA_DIR;
  const home = os.homedir();
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_NAME);
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_NAME);
}
