import { parseUrl } from './url';

/** The only sites the app opens in the system browser: Red Hat's console and documentation. */
const ALLOWED_HOSTS = ['console.redhat.com', 'docs.redhat.com', 'access.redhat.com', 'docs.openshift.com', 'cloud.redhat.com'];

export function isAllowedExternalUrl(raw: string): boolean {
  const url = parseUrl(raw);
  if (!url) return false;
  return url.protocol === 'https:' && url.username === '' && url.password === '' && ALLOWED_HOSTS.includes(url.hostname);
}

export const links = {
  offlineToken: 'https://console.redhat.com/openshift/token',
  ocmClusters: 'https://console.redhat.com/openshift',
  addWorkerDocs: 'https://docs.redhat.com/en/documentation/openshift_container_platform/4.16/html/nodes/worker-nodes-for-single-node-openshift-clusters',
} as const;
