import { z } from 'zod';
import { method } from '../define';

export const credentialKindSchema = z.enum(['none', 'offlineToken', 'serviceAccount']);

export const credentialsStatusSchema = z.object({
  kind: credentialKindSchema,
  /** 'keychain' = the OS keychain; 'memory' = kept for this run only because no keychain is available */
  storage: z.enum(['keychain', 'memory']),
  keychainAvailable: z.boolean(),
  /** Why the keychain is unavailable, in plain words (never contains a secret) */
  keychainProblem: z.string().optional(),
  /** A service account's client id is not secret and helps the technician recognise it */
  clientId: z.string().optional(),
  /** The last four characters, so the technician can tell which token is stored */
  hint: z.string().optional(),
});
export type CredentialsStatus = z.infer<typeof credentialsStatusSchema>;

export const accessCheckSchema = z.object({
  apiUrl: z.string(),
  releaseTag: z.string().optional(),
  versions: z.record(z.string(), z.string()),
  checkedAt: z.string(),
});
export type AccessCheck = z.infer<typeof accessCheckSchema>;

export const credentialsMethods = {
  'credentials.status': method(z.void(), credentialsStatusSchema),
  'credentials.saveOfflineToken': method(z.object({ token: z.string() }), credentialsStatusSchema),
  'credentials.saveServiceAccount': method(z.object({ clientId: z.string(), clientSecret: z.string() }), credentialsStatusSchema),
  /** Exchanges the stored credential for an access token and calls GET /api/assisted-install/v2/component-versions. */
  'credentials.testAccess': method(z.void(), accessCheckSchema),
  'credentials.forget': method(z.void(), credentialsStatusSchema),
};
