export const jobs = {
  damaged: {
    title: 'Damaged jobs',
    intro: 'These jobs could not be read. Nothing was deleted: the unreadable file was kept, and the revision saved before it can be restored.',
    label: 'Damaged',
    problem: {
      missing: 'job.json is missing from the job folder.',
      empty: 'job.json is empty (this happens after a power cut or when the disk was full).',
      notJson: 'job.json is not valid JSON.',
      invalid: 'job.json does not hold a job saved by this app.',
      unreadable: 'job.json cannot be read: the system refused (permissions or a disk error).',
    },
    details: 'Details: {{detail}}',
    keptAs: 'The damaged copy is kept at {{path}}.',
    folder: 'Job folder: {{path}}',
    lastGood: 'Last good revision: {{revision}} (“{{title}}”, saved {{when}}).',
    noLastGood: 'No earlier revision was kept, so this job cannot be restored. You can remove it.',
    restore: 'Restore revision {{revision}}',
    restored: 'The job “{{title}}” was restored at revision {{revision}}.',
    remove: 'Remove job',
    removeTitle: 'Remove the damaged job {{id}}?',
    removeBody: 'The job folder {{path}} is deleted with everything in it: the damaged copy, the last good revision, generated files and logs. This cannot be undone.',
    removeConfirm: 'Remove',
  },
  cli: {
    usage: `Usage: sno-field-kit jobs <list|restore> [--data-dir <folder>]

  list [--json]
      The saved jobs, and the damaged ones with what can be done about them.
  restore <job id>
      Bring a damaged job back at its last good revision (the damaged copy is kept).

Both need the data folder to themselves: close the app or the browser host first.
Exit codes: 0 done, 1 refused (folder in use, nothing to restore, no such job), 2 bad usage.
`,
    summary: 'list saved jobs (damaged ones too) and restore a damaged job',
    unknownOption: 'Unknown or incomplete option: {{option}}',
    missingId: 'Give the id of one job to restore (see "sno-field-kit jobs list").',
    none: 'No jobs in this data folder.',
    notDamaged: 'The job {{id}} can be read (revision {{revision}}); nothing was changed.',
    restoreHint: 'To restore revision {{revision}}: sno-field-kit jobs restore {{id}}',
  },
  errors: {
    notFound: 'The job {{id}} does not exist (it may have been removed). Go back to the job list.',
    staleRevision: 'The job was changed elsewhere (revision {{current}}, yours {{yours}}). Reload it; nothing was overwritten.',
    damaged: 'The saved job {{id}} cannot be opened: its file is damaged or missing ({{file}}). Nothing was deleted. Restore its last good revision or remove the job.',
    nothingToRestore: 'The job {{id}} has no earlier good revision to restore. Remove it, or look at the files in its folder.',
    writeFailed: 'The job could not be saved ({{reason}}). Check free disk space; your previous saved state is intact.',
  },
};
