import { AppError } from '../../../shared/api/errors';
import type { CredentialsStatus } from '../../../shared/api/domains/credentials';
import type { SecretStore } from '../secrets/secret-store';

export type StoredCredential = { kind: 'offlineToken'; token: string } | { kind: 'serviceAccount'; clientId: string; clientSecret: string };

const OFFLINE = 'ocm-offline-token';
const SERVICE_ACCOUNT = 'ocm-service-account';

/**
 * The Red Hat credential in the secret store: either an OCM offline token or a service account.
 * Saving one kind removes the other, so there is never doubt about which one is used.
 */
export class CredentialsVault {
  constructor(
    private readonly store: SecretStore,
    private readonly keychainProblem?: string,
  ) {}

  async saveOfflineToken(raw: string): Promise<void> {
    const token = normaliseOfflineToken(raw);
    await this.store.set(OFFLINE, token);
    await this.store.delete(SERVICE_ACCOUNT);
  }

  async saveServiceAccount(clientId: string, clientSecret: string): Promise<void> {
    const id = clientId.trim();
    const secret = clientSecret.trim();
    if (!id || !secret) throw new AppError('credentials.emptyClient');
    await this.store.set(SERVICE_ACCOUNT, JSON.stringify({ clientId: id, clientSecret: secret }));
    await this.store.delete(OFFLINE);
  }

  async load(): Promise<StoredCredential | null> {
    const token = await this.store.get(OFFLINE);
    if (token) return { kind: 'offlineToken', token };
    const sa = await this.store.get(SERVICE_ACCOUNT);
    if (sa) {
      try {
        const parsed = JSON.parse(sa) as { clientId?: unknown; clientSecret?: unknown };
        if (typeof parsed.clientId === 'string' && typeof parsed.clientSecret === 'string') {
          return { kind: 'serviceAccount', clientId: parsed.clientId, clientSecret: parsed.clientSecret };
        }
      } catch {
        // A damaged entry is treated as absent; the technician is asked to save it again.
      }
    }
    return null;
  }

  async forget(): Promise<void> {
    await this.store.delete(OFFLINE);
    await this.store.delete(SERVICE_ACCOUNT);
  }

  async status(): Promise<CredentialsStatus> {
    const stored = await this.load();
    const base: CredentialsStatus = {
      kind: stored?.kind ?? 'none',
      storage: this.store.kind,
      keychainAvailable: this.store.kind === 'keychain',
    };
    if (this.keychainProblem) base.keychainProblem = this.keychainProblem;
    if (stored?.kind === 'offlineToken') base.hint = stored.token.slice(-4);
    if (stored?.kind === 'serviceAccount') base.clientId = stored.clientId;
    return base;
  }
}

/**
 * Accepts what technicians actually paste (surrounding spaces, a trailing newline, quotes from a
 * JSON file) and refuses what is clearly not an offline token, before anything is stored.
 */
export function normaliseOfflineToken(raw: string): string {
  const token = raw
    .trim()
    .replace(/^["']|["']$/g, '')
    .trim();
  if (!token) throw new AppError('credentials.emptyToken');
  if (!/^eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token)) throw new AppError('credentials.malformedToken');
  return token;
}
