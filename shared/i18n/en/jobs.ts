export const jobs = {
  errors: {
    notFound: 'The job {{id}} does not exist (it may have been removed). Go back to the job list.',
    staleRevision: 'The job was changed elsewhere (revision {{current}}, yours {{yours}}). Reload it; nothing was overwritten.',
    corrupt: 'The saved job {{id}} could not be read ({{reason}}). The file was kept as {{file}} for inspection.',
    writeFailed: 'The job could not be saved ({{reason}}). Check free disk space; your previous saved state is intact.',
  },
};
