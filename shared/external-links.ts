import { parseUrl } from './url';

/** The only sites the app opens in the system browser: Red Hat's console and documentation. */
const ALLOWED_HOSTS = ['console.redhat.com', 'docs.redhat.com', 'access.redhat.com', 'docs.openshift.com', 'cloud.redhat.com'];

export function isAllowedExternalUrl(raw: string): boolean {
  const url = parseUrl(raw);
  if (!url) return false;
  return url.protocol === 'https:' && url.username === '' && url.password === '' && ALLOWED_HOSTS.includes(url.hostname);
}

const realLinks = {
  offlineToken: 'https://console.redhat.com/openshift/token',
  ocmClusters: 'https://console.redhat.com/openshift',
  addWorkerDocs: 'https://docs.redhat.com/en/documentation/openshift_container_platform/4.16/html/nodes/worker-nodes-for-single-node-openshift-clusters',
} as const;
export type LinkName = keyof typeof realLinks;

let standIns: Partial<Record<LinkName, string>> = {};

/**
 * Practice mode: the renderer replaces console links with the local practice pages (the practice
 * "Add hosts" page for OpenShift Cluster Manager), so no screen links to the real console.
 */
export function setStandInLinks(next: Partial<Record<LinkName, string>>): void {
  standIns = { ...next };
}

/** The links every screen uses; read when rendering, so practice mode's stand-ins apply everywhere. */
export const links: Readonly<Record<LinkName, string>> = {
  get offlineToken() {
    return standIns.offlineToken ?? realLinks.offlineToken;
  },
  get ocmClusters() {
    return standIns.ocmClusters ?? realLinks.ocmClusters;
  },
  get addWorkerDocs() {
    return standIns.addWorkerDocs ?? realLinks.addWorkerDocs;
  },
};

/** The real addresses, whatever stand-ins are set (the main process recognises console links by them). */
export const publishedLinks = realLinks;
