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
    practice: 'Practice mode: nothing here touches a real cluster or account',
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
    },
    create: 'Create job',
    open: 'Open',
    status: { active: 'In progress', done: 'Done', abandoned: 'Abandoned' },
    updated: 'Updated {{when}}',
    removeConfirm: 'Remove the job “{{title}}”? Its saved files and logs are deleted too.',
  },
};
