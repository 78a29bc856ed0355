import type { Obj, WatchKind } from './kube-api-types';

/**
 * Server-side Table output (meta.k8s.io/v1 Table) with the columns the real API server prints for
 * `kubectl get csr` and `kubectl get nodes`.
 */
export function table(kind: WatchKind, items: Obj[], withColumns: boolean, resourceVersion: string): Obj {
  const columns = kind === 'csr' ? csrColumns : nodeColumns;
  const rows = items.map((o) => {
    const age = humanAge(o.metadata.creationTimestamp);
    const cells =
      kind === 'csr'
        ? [o.metadata.name, age, o.spec.signerName ?? '', o.spec.username ?? '', csrCondition(o)]
        : [o.metadata.name, nodeStatus(o), nodeRoles(o), age, o.status?.nodeInfo?.kubeletVersion ?? ''];
    return { cells, object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata } };
  });
  return { kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: { resourceVersion }, columnDefinitions: withColumns ? columns : [], rows };
}

/** Columns and cells of the other kinds `kubectl get` prints (the API server's and the CRDs' printer columns). */
export function objectTable(kind: 'clusterversion' | 'secret' | 'configmap', items: Obj[], resourceVersion: string): Obj {
  const { columns, cells } = objectColumns[kind];
  const rows = items.map((o) => ({ cells: cells(o), object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata } }));
  return { kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: { resourceVersion }, columnDefinitions: columns, rows };
}

const condition = (o: Obj, type: string): Obj | undefined => (o.status?.conditions ?? []).find((c: Obj) => c.type === type);

const objectColumns: Record<'clusterversion' | 'secret' | 'configmap', { columns: Obj[]; cells: (o: Obj) => unknown[] }> = {
  clusterversion: {
    columns: [
      col('Name', 'string', 'Name must be unique within a namespace.', 'name'),
      col('Version', 'string', 'The version that the cluster is running.'),
      col('Available', 'string', 'Whether the cluster is available.'),
      col('Progressing', 'string', 'Whether the cluster is progressing.'),
      col('Since', 'date', 'The time of the last condition change.'),
      col('Status', 'string', 'The message of the Progressing condition.'),
    ],
    cells: (o) => [
      o.metadata.name,
      (o.status?.history ?? []).find((h: Obj) => h.state === 'Completed')?.version ?? '',
      condition(o, 'Available')?.status ?? '',
      condition(o, 'Progressing')?.status ?? '',
      humanAge(condition(o, 'Progressing')?.lastTransitionTime ?? o.metadata.creationTimestamp),
      condition(o, 'Progressing')?.message ?? '',
    ],
  },
  secret: {
    columns: [
      col('Name', 'string', 'Name must be unique within a namespace.', 'name'),
      col('Type', 'string', 'Used to facilitate programmatic handling of secret data.'),
      col('Data', 'string', 'The number of keys.'),
      col('Age', 'string', 'CreationTimestamp'),
    ],
    cells: (o) => [o.metadata.name, o.type ?? 'Opaque', Object.keys(o.data ?? {}).length, humanAge(o.metadata.creationTimestamp)],
  },
  configmap: {
    columns: [col('Name', 'string', 'Name must be unique within a namespace.', 'name'), col('Data', 'string', 'The number of keys.'), col('Age', 'string', 'CreationTimestamp')],
    cells: (o) => [o.metadata.name, Object.keys(o.data ?? {}).length, humanAge(o.metadata.creationTimestamp)],
  },
};

function col(name: string, type: string, description: string, format = ''): Obj {
  return { name, type, format, description, priority: 0 };
}

const csrColumns = [
  col('Name', 'string', 'Name must be unique within a namespace.', 'name'),
  col('Age', 'date', 'CreationTimestamp is a timestamp representing the server time when this object was created.'),
  col('SignerName', 'string', 'Only one signer for each CSR.'),
  col('Requestor', 'string', 'Name of the user that submitted the request.'),
  col('Condition', 'string', 'The current condition of the request.'),
];

const nodeColumns = [
  col('Name', 'string', 'Name must be unique within a namespace.', 'name'),
  col('Status', 'string', 'The status of the node'),
  col('Roles', 'string', 'The roles of the node'),
  col('Age', 'string', 'CreationTimestamp is a timestamp representing the server time when this object was created.'),
  col('Version', 'string', 'Kubelet Version reported by the node.'),
];

/** The CONDITION column of `kubectl get csr`: conditions joined by ",", Pending when none. */
function csrCondition(o: Obj): string {
  const conds: string[] = (o.status?.conditions ?? []).map((c: Obj) => c.type);
  let text = conds.length ? conds.join(',') : 'Pending';
  if (conds.includes('Approved') && o.status?.certificate) text += ',Issued';
  return text;
}

function nodeStatus(o: Obj): string {
  const ready = (o.status?.conditions ?? []).find((c: Obj) => c.type === 'Ready');
  return ready?.status === 'True' ? 'Ready' : ready ? 'NotReady' : 'Unknown';
}

function nodeRoles(o: Obj): string {
  const roles = Object.keys(o.metadata.labels ?? {})
    .filter((l) => l.startsWith('node-role.kubernetes.io/'))
    .map((l) => l.slice('node-role.kubernetes.io/'.length))
    .sort();
  return roles.length ? roles.join(',') : '<none>';
}

/** kubectl's duration.HumanDuration, enough of it for ages under a few days. */
export function humanAge(iso: string): string {
  const s = Math.max(0, Math.floor((Date.now() - Date.parse(iso)) / 1000));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return `${m}m${s % 60}s`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h`;
  return `${Math.floor(h / 24)}d`;
}
