import { checkAccess } from '../../services/credentials/access-check';
import type { HandlerGroup } from '../handler-types';
import type { Services } from '../../app/composition';

type CredentialMethods = 'credentials.status' | 'credentials.saveOfflineToken' | 'credentials.saveServiceAccount' | 'credentials.testAccess' | 'credentials.forget';

export function credentialsHandlers(s: Services): HandlerGroup<CredentialMethods> {
  return {
    'credentials.status': () => s.vault.status(),
    'credentials.saveOfflineToken': async ({ token }) => {
      await s.vault.saveOfflineToken(token);
      s.tokens.clear();
      s.logger.info('offline token saved', { storage: (await s.vault.status()).storage });
      return s.vault.status();
    },
    'credentials.saveServiceAccount': async ({ clientId, clientSecret }) => {
      await s.vault.saveServiceAccount(clientId, clientSecret);
      s.tokens.clear();
      s.logger.info('service account saved', { clientId: clientId.trim() });
      return s.vault.status();
    },
    'credentials.testAccess': () => checkAccess(s.settings.get().apiUrl, s.authorizedFetch),
    'credentials.forget': async () => {
      await s.vault.forget();
      s.tokens.clear();
      s.logger.info('credentials forgotten');
      return s.vault.status();
    },
  };
}
