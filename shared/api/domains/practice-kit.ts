import { z } from 'zod';
import { method } from '../define';

/**
 * Practice mode's kit (issue 15): the practice mirror's flaky-link switch, the practice
 * credentials and the practice console page. Outside practice mode every method answers
 * practiceKit.off.
 */
export const practiceCredentialsSchema = z.object({
  /** Always true: the UI labels these "Practice" */
  practice: z.literal(true),
  pullSecretPath: z.string(),
  sshPublicKeyPath: z.string(),
  sshPrivateKeyPath: z.string(),
  sshPublicKey: z.string(),
});

export const practiceKitSchema = z.object({
  flakyLink: z.boolean(),
  /** The practice page that stands in for the console's "Add hosts" dialog (http://127.0.0.1:…) */
  consoleUrl: z.string(),
  /** The practice mirror's base (what the download sources point at in practice mode) */
  mirrorBaseUrl: z.string(),
});

export const practiceKitMethods = {
  'practice.kit': method(z.void(), practiceKitSchema),
  /** Made on first use, under the practice data folder; the same files on every later call. */
  'practice.credentials': method(z.void(), practiceCredentialsSchema),
  /** Cuts and stalls the practice mirror's transfers part-way, to watch downloads resume. */
  'practice.setFlakyLink': method(z.object({ on: z.boolean() }), practiceKitSchema),
};
