export const app = {
  name: 'SNO Field Kit',
  tagline: 'Add worker nodes to single-node OpenShift, step by step',
  nav: {
    label: 'Main navigation',
    jobs: 'Jobs',
    settings: 'Settings',
  },
  shell: {
    browser: 'Browser mode',
    electron: 'Desktop app',
    practice:
      'Practice mode: Red Hat sign-in, the Assisted Installer, the cluster, the download mirror, the USB stick and the console page are simulated on this computer. Nothing here touches a real cluster, account or device.',
    disconnected: 'Lost the connection to the SNO Field Kit host. Reconnecting…',
  },
  home: {
    title: 'Jobs',
    intro: 'Each job adds one worker node. Jobs are saved as you go: close the app at any point and continue later.',
    empty: 'No jobs yet. Start one to add a worker node.',
    newJob: 'New job',
    titleLabel: 'Job name',
    titlePlaceholder: 'e.g. worker-1 at site A',
    kindLabel: 'How will you add the worker?',
    kind: {
      assisted: 'Assisted Installer (API)',
      manual: 'Manual (worker.ign and RHCOS ISO)',
      console: 'OpenShift Cluster Manager console',
      nodeimage: 'node-image (OpenShift 4.17+)',
    },
    clusterVersion: 'OpenShift version of the cluster (if known)',
    clusterVersionHelp: 'With the version the paths that fit are offered first: node-image from 4.17.',
    recommended: 'recommended for this version',
    unavailable: 'not available before 4.17',
    pathsTitle: 'Which path?',
    create: 'Create job',
    open: 'Open',
    status: { active: 'In progress', done: 'Done', abandoned: 'Abandoned' },
    updated: 'Updated {{when}}',
    removeConfirm: 'Remove the job “{{title}}”? Its saved files and logs are deleted too.',
  },
  startup: {
    failedTitle: 'SNO Field Kit could not start',
    failedBody: '{{reason}}\n\nThe log may tell more: {{log}}',
  },
  errors: {
    inUseByBrowserHost:
      'The data folder {{dir}} is in use by the SNO Field Kit browser host (process {{pid}}, started {{since}}). Only one program may change the jobs at a time: use that one, or stop it (Ctrl+C in its terminal) and try again.',
    inUseByCli: 'The data folder {{dir}} is in use by an SNO Field Kit command-line (CLI) command (process {{pid}}, started {{since}}). Wait for it to finish, then try again.',
    inUseByDesktopApp:
      'The data folder {{dir}} is in use by the SNO Field Kit desktop app (process {{pid}}, started {{since}}). Only one program may change the jobs at a time: use that window, or close the app and try again.',
    inUseOnOtherComputer:
      'The data folder {{dir}} is in use by SNO Field Kit on the computer {{host}} (process {{pid}}, started {{since}}). Close it there and try again. If it is no longer running there (or this computer was renamed), delete {{lock}} and try again.',
    lockFailed: 'The data folder {{dir}} could not be locked for this program ({{reason}}). Check that the folder exists and is writable, then try again.',
  },
};
