/**
 * Where secrets live. The keychain implementation is the real one; the memory one is the
 * plainly-announced fallback when no keychain exists (secrets are then lost when the app quits).
 * No implementation ever writes a secret to disk itself.
 */
export interface SecretStore {
  readonly kind: 'keychain' | 'memory';
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
}

export class MemorySecretStore implements SecretStore {
  readonly kind = 'memory' as const;
  readonly #values = new Map<string, string>();

  async get(account: string): Promise<string | null> {
    return this.#values.get(account) ?? null;
  }
  async set(account: string, secret: string): Promise<void> {
    this.#values.set(account, secret);
  }
  async delete(account: string): Promise<boolean> {
    return this.#values.delete(account);
  }
}
