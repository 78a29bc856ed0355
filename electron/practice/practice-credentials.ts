import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ed25519OpenSshKeyPair } from './openssh-key';

/**
 * Practice credentials: a pull secret and an SSH key pair made on first use, under the practice
 * data folder (never the keychain, never ~/.ssh). They are marked as practice in every place a
 * technician could meet them (the auth values, the e-mail, the key comment, the file names), so a
 * practice file carried to a real site is recognisable at once. Only practice mode's simulators,
 * all on 127.0.0.1, ever receive them.
 */
export const PRACTICE_KEY_COMMENT = 'sno-field-kit-practice-key';
export const PRACTICE_EMAIL = 'practice@sno-field-kit.invalid';

export interface PracticeCredentials {
  pullSecretPath: string;
  sshPublicKeyPath: string;
  sshPrivateKeyPath: string;
  sshPublicKey: string;
  /** Whether this call made them (false: they were there from an earlier practice session) */
  created: boolean;
}

/** The registries a real pull secret carries; the Assisted service insists on cloud.openshift.com. */
const REGISTRIES = ['cloud.openshift.com', 'quay.io', 'registry.connect.redhat.com', 'registry.redhat.io'];

export function practicePullSecret(): string {
  const auth = Buffer.from('practice-only:not-a-real-secret').toString('base64');
  return JSON.stringify({ auths: Object.fromEntries(REGISTRIES.map((r) => [r, { auth, email: PRACTICE_EMAIL }])) });
}

export function ensurePracticeCredentials(practiceDir: string): PracticeCredentials {
  const dir = join(practiceDir, 'credentials');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const pullSecretPath = join(dir, 'practice-pull-secret.json');
  const sshPrivateKeyPath = join(dir, 'practice_id_ed25519');
  const sshPublicKeyPath = `${sshPrivateKeyPath}.pub`;
  let created = false;
  if (!existsSync(pullSecretPath)) {
    writeFileSync(pullSecretPath, `${practicePullSecret()}\n`, { mode: 0o600 });
    created = true;
  }
  if (!existsSync(sshPrivateKeyPath) || !existsSync(sshPublicKeyPath)) {
    const pair = ed25519OpenSshKeyPair(PRACTICE_KEY_COMMENT);
    writeFileSync(sshPrivateKeyPath, pair.privateKey, { mode: 0o600 });
    writeFileSync(sshPublicKeyPath, `${pair.publicKey}\n`, { mode: 0o644 });
    created = true;
  }
  return { pullSecretPath, sshPublicKeyPath, sshPrivateKeyPath, sshPublicKey: readFileSync(sshPublicKeyPath, 'utf8').trim(), created };
}
