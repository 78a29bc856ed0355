import type { JobKind } from '../api/domains/jobs';
import { minorOf } from './oc-client';

/** node-image (oc adm node-image create) exists from OpenShift 4.17. */
export const NODE_IMAGE_MIN_MINOR = 17;

/** The platforms the node-joiner accepts (openshift-docs "Supported platforms"; Infrastructure status.platform). */
export const NODE_IMAGE_PLATFORMS = ['BareMetal', 'VSphere', 'Nutanix', 'None'] as const;

export const supportsNodeImage = (version: string | undefined): boolean => (minorOf(version ?? '') ?? 0) >= NODE_IMAGE_MIN_MINOR;

export const platformSupportsNodeImage = (platform: string | undefined): boolean => !platform || (NODE_IMAGE_PLATFORMS as readonly string[]).some((p) => p.toLowerCase() === platform.toLowerCase());

/**
 * The four paths in the order to offer them: node-image first on 4.17 and newer (one ISO made by
 * the cluster itself, no Red Hat account, works disconnected), Assisted next where the site has
 * internet, the manual path as the fallback that works on any version, the console last.
 */
export function orderedJobKinds(clusterVersion?: string): { kind: JobKind; available: boolean }[] {
  const known = clusterVersion !== undefined && minorOf(clusterVersion) !== undefined;
  const nodeImage = { kind: 'nodeimage' as const, available: !known || supportsNodeImage(clusterVersion) };
  const rest: { kind: JobKind; available: boolean }[] = [
    { kind: 'assisted', available: true },
    { kind: 'manual', available: true },
    { kind: 'console', available: true },
  ];
  if (known && supportsNodeImage(clusterVersion)) return [nodeImage, ...rest];
  return [...rest.slice(0, 2), nodeImage, ...rest.slice(2)];
}
