export const help = {
  link: 'Help',
  linkLabel: 'Open the guide for this step',
  title: "Technician's guide",
  loading: 'Opening the guide…',
  loadFailed: 'The guide could not be opened ({{reason}}). It ships with the app: reinstall the app if this persists.',
  close: 'Close',
};
