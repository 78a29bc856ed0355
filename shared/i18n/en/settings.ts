export const settings = {
  title: 'Settings',
  general: 'General',
  language: 'Language',
  languageAuto: 'Follow the system ({{lang}})',
  apiUrl: 'Assisted Installer API URL',
  apiUrlHelp: 'Default https://api.openshift.com. Change it only for a self-hosted Assisted Service.',
  ssoUrl: 'Red Hat SSO token URL',
  ssoUrlHelp: 'Where the offline token is exchanged for a short-lived access token.',
  cacheDir: 'Cache folder',
  cacheDirHelp: 'Where ISOs and tools are kept for offline use. Leave empty for the default: {{path}}',
  saved: 'Settings saved',
  damaged: {
    title: 'The settings file could not be read: the defaults are in use',
    problem: {
      missing: 'settings.json is missing.',
      empty: 'settings.json was empty (this happens after a power cut or when the disk was full).',
      notJson: 'settings.json was not valid JSON.',
      invalid: 'settings.json did not hold settings.',
      unreadable: 'settings.json could not be read (permissions or a disk error).',
    },
    keptAs: 'The unreadable file was kept as {{path}}. Check the values below and save them; jobs and the keychain are stored separately and were not affected.',
  },
  errors: {
    invalidUrl: '“{{value}}” is not a valid http(s) URL. Enter a full URL such as https://api.openshift.com.',
    cacheDirNotWritable: 'The cache folder {{path}} cannot be written ({{reason}}). Choose a folder you own with free space.',
    externalNotAllowed: 'Opening {{url}} is not allowed: only Red Hat console and documentation pages open from the app.',
  },
};
