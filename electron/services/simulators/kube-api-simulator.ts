import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { createTestCa } from './test-ca';
import { KubeStore } from './kube-api-store';
import { createCsrApproval } from './kube-api-approval';
import { createRouter } from './kube-api-routes';
import { status } from './kube-api-http';
import { simulateJoiningWorker } from './kube-api-joining';
import type { KubeApiSimulator, KubeApiSimulatorSeed, SimRequest } from './kube-api-types';

export type { KubeApiSimulator, KubeApiSimulatorSeed, SimNode, SimRequest } from './kube-api-types';

/**
 * A local stand-in for the parts of a Kubernetes/OpenShift API server the field kit uses, faithful
 * enough for the real kubectl 1.20: TLS with a throw-away CA, bearer-token auth, discovery, CSRs
 * (list, get, streamed watch, the /approval subresource, server-side Table output for `kubectl get`),
 * nodes, configmaps, secrets, ClusterVersion, Infrastructure and the console's ConsoleCLIDownloads.
 * The pieces: kube-api-store (objects, versions, watch history), -routes, -watch, -approval, -tables,
 * -discovery; electron/practice/ builds the practice cluster on it.
 */
export async function startKubeApiSimulator(seed: KubeApiSimulatorSeed = {}): Promise<KubeApiSimulator> {
  const ca = await createTestCa();
  const token = seed.token ?? `sha256~${randomBytes(24).toString('base64url')}`;
  const store = new KubeStore(seed);
  const approval = createCsrApproval(store, ca, seed.autoSign ?? true);
  const requests: SimRequest[] = [];
  let url = '';
  const handle = createRouter({ store, approval, requests, token, url: () => url });
  const server: Server = createServer({ cert: ca.serverCertPem, key: ca.serverKeyPem }, (req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) status(res, 500, 'InternalError', String(err));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    token,
    caPem: ca.caPem,
    requests,
    writeKubeconfig(path, options = {}) {
      const contextName = options.contextName ?? 'admin';
      const cluster = {
        server: url,
        ...(options.withoutCa ? {} : { 'certificate-authority-data': Buffer.from(ca.caPem).toString('base64') }),
        ...(options.insecure ? { 'insecure-skip-tls-verify': true } : {}),
      };
      const config = {
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 'sno-simulated', cluster }],
        users: [{ name: 'admin', user: { token: options.token ?? token } }],
        contexts: [{ name: contextName, context: { cluster: 'sno-simulated', user: 'admin' } }],
        'current-context': contextName,
      };
      writeFileSync(path, stringify(config), { mode: 0o600 });
    },
    addCsr: (csr, requestor) => store.addCsr(csr, requestor),
    getCsr: (name) => (store.csrs.has(name) ? structuredClone(store.csrs.get(name)) : undefined),
    listCsrs: () => [...store.csrs.values()].map((c) => structuredClone(c)),
    addNode: (node) => store.addNode(node),
    getNode: (name) => (store.nodes.has(name) ? structuredClone(store.nodes.get(name)) : undefined),
    setNodeReady: (name, ready) => store.setNodeReady(name, ready),
    setConfigMap: (namespace, name, data) => store.setConfigMap(namespace, name, data),
    setSecret: (namespace, name, data) => store.setSecret(namespace, name, data),
    setClusterVersion: (version) => store.setClusterVersion(version),
    onApproved: (listener) => approval.onApproved(listener),
    failNextApprovals: (n) => approval.failNext(n),
    simulateJoiningWorker: (options) => simulateJoiningWorker(store, approval, options),
    close: () =>
      new Promise<void>((resolve) => {
        for (const w of [...store.watchers]) w.send = () => {};
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
