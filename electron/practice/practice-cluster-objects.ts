import type { PracticeRelease } from './practice-releases';

/**
 * The objects of the practice cluster that the Machine Config Operator would publish: the worker
 * pointer config (Secret openshift-machine-api/worker-user-data-managed) and the boot images
 * (ConfigMap openshift-machine-config-operator/coreos-bootimages).
 */

export const WORKER_SECRET = { namespace: 'openshift-machine-api', name: 'worker-user-data-managed' } as const;
export const BOOTIMAGES_CONFIGMAP = { namespace: 'openshift-machine-config-operator', name: 'coreos-bootimages' } as const;

/**
 * The spec-3 pointer config the MCO writes: merge the rendered worker config from the Machine
 * Config Server on api-int:22623, trusting the cluster's root CA (inline, as a data URL).
 */
export function practiceWorkerIgn(caPem: string, apiIntHost: string): string {
  return JSON.stringify({
    ignition: {
      config: { merge: [{ source: `https://${apiIntHost}:22623/config/worker` }] },
      security: { tls: { certificateAuthorities: [{ source: `data:text/plain;charset=utf-8;base64,${Buffer.from(caPem).toString('base64')}` }] } },
      version: '3.2.0',
    },
  });
}

export function workerSecretData(caPem: string, apiIntHost: string): Record<string, string> {
  return { userData: practiceWorkerIgn(caPem, apiIntHost), disableTemplating: 'true' };
}

/**
 * coreos-bootimages as the MCO keeps it: `stream` (the stream-metadata JSON of
 * `openshift-install coreos print-stream-json`, here with only the x86_64 live ISO) and
 * `releaseVersion`.
 */
export function bootImagesData(release: PracticeRelease, iso: { location: string; sha256: string }): Record<string, string> {
  const minor = release.version.split('.').slice(0, 2).join('.');
  const stream = {
    stream: `rhcos-${minor}`,
    metadata: { 'last-modified': '2025-02-10T12:00:00Z', generator: 'plume cosa2stream (practice cluster)' },
    architectures: {
      x86_64: {
        artifacts: {
          metal: {
            release: release.rhcosBuild,
            formats: { iso: { disk: { location: iso.location, sha256: iso.sha256 } } },
          },
        },
      },
    },
  };
  return { stream: JSON.stringify(stream, null, 2), releaseVersion: release.version };
}
