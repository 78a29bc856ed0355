/**
 * The app's names, in one place. APP_ID is the reverse-DNS id the packages carry (electron-builder
 * `appId`: macOS bundle id, Windows AppUserModelID); it must not borrow a namespace that is not
 * ours. The data folder and the keychain service are deliberately *not* derived from it: they were
 * `sno-field-kit` before the id changed and stay so, or existing jobs, cache and stored tokens
 * would be orphaned.
 */
export const APP_ID = 'io.github.snofieldkit.app';
/** ~/.config/<this> (Linux), ~/Library/Application Support/<this> (macOS), %APPDATA%\<this> (Windows) */
export const DATA_FOLDER_NAME = 'sno-field-kit';
/** The OS keychain service the offline token / service account are stored under. */
export const KEYCHAIN_SERVICE = 'sno-field-kit';
