import { AsyncEntry } from '@napi-rs/keyring';
import { AppError } from '../../../shared/api/errors';
import { MemorySecretStore, type SecretStore } from './secret-store';

/**
 * The OS keychain through @napi-rs/keyring (Secret Service on Linux, Keychain on macOS,
 * Credential Manager on Windows). Errors are reworded without the secret and without the
 * library's raw text when it could echo input.
 */
export class KeyringSecretStore implements SecretStore {
  readonly kind = 'keychain' as const;
  constructor(private readonly service: string) {}

  async get(account: string): Promise<string | null> {
    try {
      return (await new AsyncEntry(this.service, account).getPassword()) ?? null;
    } catch (err) {
      throw keychainError(err);
    }
  }
  async set(account: string, secret: string): Promise<void> {
    try {
      await new AsyncEntry(this.service, account).setPassword(secret);
    } catch (err) {
      throw keychainError(err);
    }
  }
  async delete(account: string): Promise<boolean> {
    try {
      return await new AsyncEntry(this.service, account).deleteCredential();
    } catch (err) {
      throw keychainError(err);
    }
  }
}

function keychainError(err: unknown): AppError {
  return new AppError('credentials.keychainFailed', { reason: describeKeyringError(err) });
}

export function describeKeyringError(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  // Library messages name the platform failure (no D-Bus session, locked keychain); keep the first line only.
  return text.split('\n')[0]!.slice(0, 200);
}

export interface OpenedSecretStore {
  store: SecretStore;
  /** Set when the keychain could not be used and secrets are kept in memory only */
  problem?: string;
}

/** Probe the keychain once at start; fall back to memory (announced in the UI) when it is unusable. */
export async function openSecretStore(service: string): Promise<OpenedSecretStore> {
  const keyring = new KeyringSecretStore(service);
  try {
    // A read alone is not proof: some backends answer "not found" and only fail on write.
    await keyring.set('__probe__', 'probe');
    await keyring.delete('__probe__');
    return { store: keyring };
  } catch (err) {
    const problem = err instanceof AppError ? String(err.params.reason) : describeKeyringError(err);
    return { store: new MemorySecretStore(), problem };
  }
}
