import { connect } from 'node:net';
import type { MonitorSnapshot } from '../../../shared/api/domains/nodeimage';
import type { CsrRow } from '../../../shared/api/domains/cluster';
import type { NodeObject } from '../../../shared/csr/types';

/** The node's agent API (assisted-service on the booted ISO) and kubelet, as `oc adm node-image monitor` checks them. */
export const AGENT_PORT = 8090;
export const KUBELET_PORT = 10250;

export type Probe = (host: string, port: number) => Promise<'up' | 'down'>;

/** A TCP connect with a short timeout: enough to tell "listening" from "not there yet". */
export const tcpProbe: Probe = (host, port) =>
  new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2500 });
    const done = (state: 'up' | 'down') => {
      socket.destroy();
      resolve(state);
    };
    socket.once('connect', () => done('up'));
    socket.once('timeout', () => done('down'));
    socket.once('error', () => done('down'));
  });

export interface MonitorInput {
  ips: string[];
  nodes: NodeObject[];
  /** The job's CSR rows, judged by the identity checklist (cluster service) */
  csrRows: CsrRow[];
  /** The node name this job expects (from nodes-config.yaml) */
  expectedNode?: string;
  probe: Probe;
  now: () => Date;
}

/**
 * The same picture as `oc adm node-image monitor --ip-addresses …` (installer
 * pkg/agent/monitoraddnodes.go: agent API up, kubelet running, first and second CSR pending, node
 * joined, node Ready), read from here instead of a pod on the cluster. Pending CSRs are matched to
 * the node by the job's checklist rather than by reverse DNS, so they show even without PTR records.
 */
export async function monitorSnapshot(input: MonitorInput): Promise<MonitorSnapshot> {
  const pending = input.csrRows
    .filter((r) => r.condition === 'Pending' && r.kind !== 'other' && (!input.expectedNode || r.nodeName === input.expectedNode))
    .map((r) => ({ name: r.name, signerName: r.signerName, username: r.requestor, kind: r.kind === 'client' ? ('first' as const) : ('second' as const) }));
  const nodes = await Promise.all(
    input.ips.map(async (ip) => {
      const [agentApi, kubelet] = await Promise.all([input.probe(ip, AGENT_PORT), input.probe(ip, KUBELET_PORT)]);
      const node = input.nodes.find((n) => (n.status?.addresses ?? []).some((a) => a.type === 'InternalIP' && a.address === ip));
      const ready = Boolean(node?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
      const lines: string[] = [];
      const say = (text: string) => lines.push(`Node ${ip}: ${text}`);
      if (agentApi === 'up') say('Assisted Service API is available');
      if (kubelet === 'up') say('Kubelet is running');
      for (const kind of ['first', 'second'] as const) {
        const mine = pending.filter((c) => c.kind === kind);
        if (mine.length === 0) continue;
        say(`${kind === 'first' ? 'First' : 'Second'} CSR Pending approval`);
        for (const c of mine) say(`CSR ${c.name} with signerName ${c.signerName} and username ${c.username} is Pending and awaiting approval`);
      }
      if (node) say('Node joined cluster');
      if (ready) say('Node is Ready');
      return { ip, agentApi, kubelet, ...(node?.metadata?.name ? { nodeName: node.metadata.name } : {}), joined: Boolean(node), ready, lines };
    }),
  );
  return { nodes, pendingCsrs: pending, checkedAt: input.now().toISOString() };
}
