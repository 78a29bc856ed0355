import { homedir } from 'node:os';
import { join } from 'node:path';
import { DATA_FOLDER_NAME } from '../../shared/app-identity';

/**
 * The per-user data folder, the same for the desktop app and the browser host so both see the
 * same jobs and cache: ~/.config/sno-field-kit (Linux), ~/Library/Application Support/sno-field-kit
 * (macOS), %APPDATA%\sno-field-kit (Windows). SFK_DATA_DIR overrides it (tests, portable use).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.SFK_DATA_DIR) return env.SFK_DATA_DIR;
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', DATA_FOLDER_NAME);
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), DATA_FOLDER_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), DATA_FOLDER_NAME);
}

/** The app's log (JSON lines), the file an error message points the technician to. */
export function appLogPath(dataDir: string): string {
  return join(dataDir, 'logs', 'app.log');
}
