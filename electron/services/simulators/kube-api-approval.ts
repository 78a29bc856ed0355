import type { ServerResponse } from 'node:http';
import type { TestCa } from './test-ca';
import type { KubeStore } from './kube-api-store';
import type { Obj } from './kube-api-types';
import { sendJson, status } from './kube-api-http';

export interface CsrApproval {
  /** PUT …/certificatesigningrequests/<name>/approval, validated like the API server does */
  approve(name: string, body: Obj | undefined, res: ServerResponse): void;
  failNext(n: number): void;
  onApproved(listener: (csr: Obj) => void): () => void;
}

/**
 * The /approval subresource: optimistic concurrency on resourceVersion, Approved and Denied
 * mutually exclusive, and (like kube-controller-manager's signer) a certificate issued shortly
 * after approval.
 */
export function createCsrApproval(store: KubeStore, ca: TestCa, autoSign: boolean): CsrApproval {
  let conflicts = 0;
  const listeners: ((csr: Obj) => void)[] = [];

  function rejection(name: string, current: Obj, body: Obj | undefined, incoming: Obj[]): [number, string, string] | undefined {
    if (body?.metadata?.name && body.metadata.name !== name) return [400, 'BadRequest', 'the name of the object does not match the name on the URL'];
    if (conflicts > 0 || (body?.metadata?.resourceVersion && body.metadata.resourceVersion !== current.metadata.resourceVersion)) {
      if (conflicts > 0) conflicts--;
      return [
        409,
        'Conflict',
        `Operation cannot be fulfilled on certificatesigningrequests.certificates.k8s.io "${name}": the object has been modified; please apply your changes to the latest version and try again`,
      ];
    }
    const had = (t: string) => (current.status.conditions ?? []).some((c: Obj) => c.type === t);
    for (const c of incoming) {
      if (c.type !== 'Approved' && c.type !== 'Denied') continue;
      if (c.status !== 'True') return [422, 'Invalid', `status.conditions: Invalid value: "${c.status}": must be True`];
      if ((c.type === 'Approved' && had('Denied')) || (c.type === 'Denied' && had('Approved'))) {
        return [422, 'Invalid', 'status.conditions: Invalid value: Approved and Denied conditions are mutually exclusive'];
      }
    }
    return undefined;
  }

  function sign(name: string, requestB64: string, now: string): void {
    ca.sign(Buffer.from(requestB64, 'base64').toString('utf8'))
      .then((cert) => {
        const latest = store.csrs.get(name);
        if (!latest || latest.status.certificate) return;
        latest.status.certificate = Buffer.from(cert).toString('base64');
        store.storeCsr(latest, 'MODIFIED');
      })
      .catch(() => {
        const latest = store.csrs.get(name);
        if (!latest) return;
        latest.status.conditions.push({
          type: 'Failed',
          status: 'True',
          reason: 'SignerValidationFailure',
          message: 'the simulated signer could not sign this request',
          lastUpdateTime: now,
          lastTransitionTime: now,
        });
        store.storeCsr(latest, 'MODIFIED');
      });
  }

  return {
    approve(name, body, res) {
      const current = store.csrs.get(name);
      if (!current) return status(res, 404, 'NotFound', `certificatesigningrequests.certificates.k8s.io "${name}" not found`);
      const incoming: Obj[] = Array.isArray(body?.status?.conditions) ? body.status.conditions : [];
      const refused = rejection(name, current, body, incoming);
      if (refused) return status(res, ...refused);
      const kept = (current.status.conditions ?? []).filter((c: Obj) => c.type !== 'Approved' && c.type !== 'Denied');
      const now = new Date().toISOString();
      const next = incoming
        .filter((c) => c.type === 'Approved' || c.type === 'Denied')
        .map((c) => ({ type: c.type, status: c.status, reason: c.reason ?? '', message: c.message ?? '', lastUpdateTime: c.lastUpdateTime ?? now, lastTransitionTime: c.lastTransitionTime ?? now }));
      current.status.conditions = [...kept, ...next];
      store.storeCsr(current, 'MODIFIED');
      sendJson(res, 200, current);
      if (!next.some((c) => c.type === 'Approved')) return;
      for (const listener of [...listeners]) listener(current);
      if (autoSign) sign(name, current.spec.request, now);
    },
    failNext(n) {
      conflicts = n;
    },
    onApproved(listener) {
      listeners.push(listener);
      return () => {
        const i = listeners.indexOf(listener);
        if (i >= 0) listeners.splice(i, 1);
      };
    },
  };
}
