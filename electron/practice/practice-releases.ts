import type { PracticeClusterVersion } from '../../shared/api/domains/cluster';

/**
 * What the practice cluster reports for each version the technician can pick: the release, the
 * kubelet that release ships and its RHCOS boot image build. One release either side of the
 * version gates (4.14 and 4.16 refuse the node-image path, 4.18 allows it).
 */
export interface PracticeRelease {
  version: string;
  kubeletVersion: string;
  rhcosBuild: string;
}

export const PRACTICE_RELEASES: Record<PracticeClusterVersion, PracticeRelease> = {
  '4.14': { version: '4.14.45', kubeletVersion: 'v1.27.16+03a907c', rhcosBuild: '414.92.202407091253-0' },
  '4.16': { version: '4.16.30', kubeletVersion: 'v1.29.10+67d3387', rhcosBuild: '416.94.202410211619-0' },
  '4.18': { version: '4.18.12', kubeletVersion: 'v1.31.6', rhcosBuild: '418.94.202502100215-0' },
};

export const DEFAULT_PRACTICE_VERSION: PracticeClusterVersion = '4.18';

/** The practice cluster's names: example.com is reserved (RFC 2606), so none of them can reach a real host. */
export const PRACTICE_CLUSTER_NAME = 'sno';
export const PRACTICE_BASE_DOMAIN = 'practice.example.com';
export const PRACTICE_DOMAIN = `${PRACTICE_CLUSTER_NAME}.${PRACTICE_BASE_DOMAIN}`;
export const PRACTICE_API_HOST = `api.${PRACTICE_CLUSTER_NAME}.${PRACTICE_BASE_DOMAIN}`;
export const PRACTICE_API_INT_HOST = `api-int.${PRACTICE_CLUSTER_NAME}.${PRACTICE_BASE_DOMAIN}`;
