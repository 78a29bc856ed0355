import type { KubeAccess, KubeAccessOptions } from '../cluster/kube-access';
import type { ClusterStreamReader } from './stream-source';

export const BOOTIMAGES_NAMESPACE = 'openshift-machine-config-operator';
export const BOOTIMAGES_CONFIGMAP = 'coreos-bootimages';

/**
 * The cluster's own stream document: ConfigMap openshift-machine-config-operator/coreos-bootimages,
 * key `stream` — the boot images this cluster expects, without downloading an installer first.
 */
export function readClusterStreamWith(open: (options: KubeAccessOptions) => Promise<KubeAccess>): ClusterStreamReader {
  return async ({ kubeconfigPath, context }) => {
    const kube = await open({ ...(kubeconfigPath ? { kubeconfigPath } : {}), ...(context ? { context } : {}) });
    const data = await kube.getConfigMap(BOOTIMAGES_NAMESPACE, BOOTIMAGES_CONFIGMAP);
    const stream = data.stream;
    if (!stream) throw new Error(`ConfigMap ${BOOTIMAGES_NAMESPACE}/${BOOTIMAGES_CONFIGMAP} has no "stream" key`);
    return stream;
  };
}
