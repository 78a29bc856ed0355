/**
 * The console's ConsoleCLIDownload objects (console.openshift.io/v1, cluster-scoped) for the fake
 * API server: what the node-image path reads to find the cluster's own `oc`. The link layout is the
 * console operator's (pkg/console/controllers/clidownloads: <arch>/<os>/oc.tar|oc.zip, link text
 * "Download oc for <platform>").
 */
type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const CLI_DOWNLOADS_PATH = '/apis/console.openshift.io/v1/consoleclidownloads';

const PLATFORMS: [label: string, key: string, archive: string][] = [
  ['Linux for x86_64', 'amd64/linux', 'oc.tar'],
  ['Mac for x86_64', 'amd64/mac', 'oc.zip'],
  ['Windows for x86_64', 'amd64/windows', 'oc.zip'],
  ['Linux for ARM 64', 'arm64/linux', 'oc.tar'],
  ['Mac for ARM 64', 'arm64/mac', 'oc.zip'],
  ['Linux for IBM Power, little endian', 'ppc64le/linux', 'oc.tar'],
  ['Linux for IBM Z', 's390x/linux', 'oc.tar'],
];

/** The `oc-cli-downloads` object the console operator would publish for a downloads route at `baseUrl`. */
export function ocCliDownloadsObject(baseUrl: string): Obj {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    apiVersion: 'console.openshift.io/v1',
    kind: 'ConsoleCLIDownload',
    metadata: { name: 'oc-cli-downloads' },
    spec: {
      displayName: 'oc - OpenShift Command Line Interface (CLI)',
      description: 'With the OpenShift command line interface, you can create applications and manage OpenShift projects from a terminal.\n',
      links: [...PLATFORMS.map(([label, key, archive]) => ({ href: `${base}/${key}/${archive}`, text: `Download oc for ${label}` })), { href: `${base}/oc-license`, text: 'LICENSE' }],
    },
  };
}

/** Completes seeded objects as the API server stores them. */
export function storedCliDownload(input: Obj, resourceVersion: string, uid: string): Obj {
  return {
    apiVersion: 'console.openshift.io/v1',
    kind: 'ConsoleCLIDownload',
    ...input,
    metadata: { creationTimestamp: new Date().toISOString(), ...input.metadata, resourceVersion, uid },
  };
}

export const consoleDiscovery = {
  kind: 'APIResourceList',
  apiVersion: 'v1',
  groupVersion: 'console.openshift.io/v1',
  resources: [{ name: 'consoleclidownloads', singularName: 'consoleclidownload', namespaced: false, kind: 'ConsoleCLIDownload', verbs: ['get', 'list'] }],
};

/** Server-side Table like the CRD's printer columns (NAME, DISPLAY NAME, AGE) for `kubectl get`. */
export function cliDownloadsTable(items: Obj[], resourceVersion: string, age: (iso: string) => string): Obj {
  const col = (name: string, type: string, description: string, format = '') => ({ name, type, format, description, priority: 0 });
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion },
    columnDefinitions: [
      col('Name', 'string', 'Name must be unique within a namespace.', 'name'),
      col('Display Name', 'string', 'The display name of the CLI download.'),
      col('Age', 'date', 'CreationTimestamp'),
    ],
    rows: items.map((o) => ({
      cells: [o.metadata.name, o.spec?.displayName ?? '', age(o.metadata.creationTimestamp)],
      object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata },
    })),
  };
}
