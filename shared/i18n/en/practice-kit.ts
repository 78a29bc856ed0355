/** Practice mode's kit: the practice mirror's flaky link, practice credentials, the practice stick. */
export const practiceKit = {
  label: 'Practice',
  flaky: {
    title: 'Practice mirror',
    label: 'Simulate a flaky link',
    help: 'The practice mirror cuts each download part-way, then stalls the next attempt, before it lets one through. Watch the download resume from where it stopped and still pass its sha256 check.',
  },
  credentials: {
    title: 'Practice credentials',
    intro: 'Made for practice mode on this computer. They are marked as practice, they are not in your keychain and they never leave this computer: use them in the wizards while you rehearse.',
    pullSecret: 'Practice pull secret (file)',
    sshPublicKey: 'Practice SSH public key',
    sshPrivateKey: 'Practice SSH private key (file)',
  },
  stick: 'Practice stick (8 GB)',
  errors: {
    off: 'This is available in practice mode only. Start the app with --practice to rehearse.',
  },
};
