import { consoleDiscovery } from './kube-api-console';
import type { Obj } from './kube-api-types';

const resource = (name: string, kind: string, namespaced: boolean, verbs: string[], shortNames?: string[]) => ({
  name,
  singularName: '',
  namespaced,
  kind,
  verbs,
  ...(shortNames ? { shortNames } : {}),
});

const groupResources = (groupVersion: string, resources: Obj[]) => ({ kind: 'APIResourceList', apiVersion: 'v1', groupVersion, resources });

/** The discovery documents kubectl reads before any request (/api, /apis and each group version). */
export function discoveryDoc(path: string, url: string): Obj | undefined {
  switch (path) {
    case '/api':
      return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: new URL(url).host }] };
    case '/apis':
      return {
        kind: 'APIGroupList',
        apiVersion: 'v1',
        groups: ['certificates.k8s.io', 'config.openshift.io', 'console.openshift.io'].map((name) => ({
          name,
          versions: [{ groupVersion: `${name}/v1`, version: 'v1' }],
          preferredVersion: { groupVersion: `${name}/v1`, version: 'v1' },
        })),
      };
    case '/api/v1':
      return {
        kind: 'APIResourceList',
        groupVersion: 'v1',
        resources: [
          resource('configmaps', 'ConfigMap', true, ['get', 'list'], ['cm']),
          resource('nodes', 'Node', false, ['get', 'list', 'watch'], ['no']),
          resource('nodes/status', 'Node', false, ['get']),
          resource('secrets', 'Secret', true, ['get', 'list']),
        ],
      };
    case '/apis/certificates.k8s.io/v1':
      return groupResources('certificates.k8s.io/v1', [
        resource('certificatesigningrequests', 'CertificateSigningRequest', false, ['create', 'get', 'list', 'watch'], ['csr']),
        resource('certificatesigningrequests/approval', 'CertificateSigningRequest', false, ['get', 'update']),
        resource('certificatesigningrequests/status', 'CertificateSigningRequest', false, ['get', 'update']),
      ]);
    case '/apis/config.openshift.io/v1':
      return groupResources('config.openshift.io/v1', [resource('clusterversions', 'ClusterVersion', false, ['get', 'list']), resource('infrastructures', 'Infrastructure', false, ['get', 'list'])]);
    case '/apis/console.openshift.io/v1':
      return consoleDiscovery;
    default:
      return undefined;
  }
}
