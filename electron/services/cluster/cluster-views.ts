import type { NodeObject, CsrObject } from '../../../shared/csr/types';
import type { NodeRow, ClusterSummary, CsrRow } from '../../../shared/api/domains/cluster';
import type { ClusterIdentity } from './kube-access';
import { csrCondition, csrKind, isPending, type CsrParseResult, type CsrVerdict } from '../../../shared/csr/verdict';

/** `oc get nodes` columns for one Node */
export function nodeRow(node: NodeObject): NodeRow {
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  const roles = Object.keys(node.metadata.labels ?? {})
    .filter((l) => l.startsWith('node-role.kubernetes.io/'))
    .map((l) => l.slice('node-role.kubernetes.io/'.length))
    .sort();
  return {
    name: node.metadata.name,
    status: ready?.status === 'True' ? 'Ready' : ready ? 'NotReady' : 'Unknown',
    roles,
    ...(node.metadata.creationTimestamp ? { createdAt: node.metadata.creationTimestamp } : {}),
    version: node.status?.nodeInfo?.kubeletVersion ?? '',
    addresses: (node.status?.addresses ?? []).map((a) => ({ type: a.type, address: a.address })),
  };
}

/** "4.18.12" >= "4.11" */
export function versionAtLeast(version: string, minimum: string): boolean {
  const a = version.split(/[.-]/).map((p) => parseInt(p, 10));
  const b = minimum.split('.').map((p) => parseInt(p, 10));
  for (let i = 0; i < b.length; i++) {
    const x = Number.isFinite(a[i]) ? a[i]! : 0;
    if (x !== b[i]) return x > b[i]!;
  }
  return true;
}

export const MIN_VERSION = '4.11';

export function summarise(identity: ClusterIdentity, nodes: NodeObject[], access: { contextName: string; server: string; insecure: boolean }): ClusterSummary {
  const rows = nodes.map(nodeRow);
  const isControlPlane = (r: NodeRow) => r.roles.includes('master') || r.roles.includes('control-plane');
  const workerCount = rows.filter((r) => !isControlPlane(r)).length;
  return {
    ...identity,
    contextName: access.contextName,
    server: access.server,
    insecure: access.insecure,
    versionSupported: versionAtLeast(identity.version, MIN_VERSION),
    nodes: rows,
    workerCount,
    tooManyWorkers: workerCount >= 2,
  };
}

const LONG_WAIT_MS = 50 * 60_000;

export function csrRow(csr: CsrObject, parsed: CsrParseResult, verdict: CsrVerdict, superseded: boolean, now: number): CsrRow {
  const created = csr.metadata.creationTimestamp;
  const request: CsrRow['request'] = parsed.ok
    ? {
        ok: true,
        subject: parsed.request.subject,
        ...(parsed.request.commonName !== undefined ? { commonName: parsed.request.commonName } : {}),
        organizations: parsed.request.organizations,
        dnsNames: parsed.request.dnsNames,
        ipAddresses: parsed.request.ipAddresses,
        emails: parsed.request.emails,
        uris: parsed.request.uris,
        key:
          parsed.request.keyType === 'RSA' ? `RSA ${parsed.request.keyBits ?? ''}`.trim() : parsed.request.keyType === 'ECDSA' ? `ECDSA ${parsed.request.curve ?? ''}`.trim() : parsed.request.keyType,
        signatureValid: parsed.request.signatureValid,
      }
    : { ok: false, reason: parsed.reason };
  return {
    name: csr.metadata.name,
    ...(created ? { createdAt: created } : {}),
    signerName: csr.spec.signerName,
    requestor: csr.spec.username ?? '',
    groups: csr.spec.groups ?? [],
    usages: csr.spec.usages ?? [],
    condition: csrCondition(csr),
    kind: csrKind(csr),
    request,
    verdict: verdict.verdict,
    ...(verdict.nodeName !== undefined ? { nodeName: verdict.nodeName } : {}),
    checks: verdict.checks,
    ...(verdict.decidedBy ? { decidedBy: verdict.decidedBy } : {}),
    superseded,
    waitingLong: isPending(csr) && created !== undefined && now - Date.parse(created) > LONG_WAIT_MS,
  };
}
