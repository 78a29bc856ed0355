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
  errors: {
    invalidUrl: '“{{value}}” is not a valid http(s) URL. Enter a full URL such as https://api.openshift.com.',
    cacheDirNotWritable: 'The cache folder {{path}} cannot be written ({{reason}}). Choose a folder you own with free space.',
    externalNotAllowed: 'Opening {{url}} is not allowed: only Red Hat console and documentation pages open from the app.',
  },
};
