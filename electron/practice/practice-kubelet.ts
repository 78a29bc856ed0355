import { randomBytes } from 'node:crypto';
import type { KubeApiSimulator } from '../services/simulators/kube-api-simulator';
import { csrObjectFor, generateKubeletCsrPem, kubeletCsrObject } from '../services/simulators/kubelet-csr';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface PracticeKubeletOptions {
  kube: KubeApiSimulator;
  nodeName: string;
  /** The node's InternalIP (and the serving certificate's IP SAN) */
  address: string;
  kubeletVersion: string;
  /** The other node the impersonating request claims to be (the control plane) */
  otherNode: { name: string; address: string };
  /** How long after its serving certificate is issued the node reports Ready */
  readyAfterMs?: number;
  /** How often to look for the issued certificate after an approval */
  certPollMs?: number;
}

export type KubeletPhase = 'bootstrapping' | 'registered' | 'ready' | 'stopped';

export interface PracticeKubelet {
  readonly nodeName: string;
  readonly phase: KubeletPhase;
  /** The names of the CSRs it posted: its own two, and the two the checklist must reject */
  readonly csrNames: { client: string; serving?: string; impersonating?: string; malformed: string };
  stop(): void;
}

/**
 * A simulated kubelet as it behaves on first boot. It posts its client CSR as the
 * node-bootstrapper (O=system:nodes, CN=system:node:<name>, signer kube-apiserver-client-kubelet);
 * once that is approved and issued it registers its Node (NotReady) and posts the serving CSR as
 * system:node:<name> with its DNS and IP SANs; once that is issued the node turns Ready.
 * For practice it also posts two requests the checklist must reject: a client CSR whose request
 * is not a PKCS#10 at all, and a serving CSR sent by this node for another node's name.
 */
export async function startPracticeKubelet(o: PracticeKubeletOptions): Promise<PracticeKubelet> {
  let phase: KubeletPhase = 'bootstrapping';
  const timers = new Set<NodeJS.Timeout>();
  const later = (fn: () => void, ms: number) => {
    const t = setTimeout(() => {
      timers.delete(t);
      if (phase !== 'stopped') fn();
    }, ms);
    timers.add(t);
  };
  const malformed = o.kube.addCsr(csrObjectFor('client', malformedRequestPem(), o.nodeName));
  const client = o.kube.addCsr(await kubeletCsrObject('client', o.nodeName));
  const names: PracticeKubelet['csrNames'] = { client: client.metadata.name, malformed: malformed.metadata.name };

  /** Calls `then` once the approved CSR carries its certificate (the signer issues it shortly after approval). */
  const whenIssued = (name: string, then: () => void) => {
    const look = () => (o.kube.getCsr(name)?.status?.certificate ? then() : later(look, o.certPollMs ?? 100));
    look();
  };

  const register = async () => {
    if (!o.kube.getNode(o.nodeName)) {
      o.kube.addNode({
        name: o.nodeName,
        roles: ['worker'],
        ready: false,
        kubeletVersion: o.kubeletVersion,
        addresses: [
          { type: 'InternalIP', address: o.address },
          { type: 'Hostname', address: o.nodeName },
        ],
      });
    }
    phase = 'registered';
    const serving = o.kube.addCsr(await kubeletCsrObject('serving', o.nodeName, { addresses: [o.address] }));
    names.serving = serving.metadata.name;
    names.impersonating = o.kube.addCsr(await impersonatingCsr(o.nodeName, o.otherNode)).metadata.name;
  };

  const unsubscribe = o.kube.onApproved((csr: Obj) => {
    if (phase === 'stopped') return;
    if (csr.metadata.name === names.client && phase === 'bootstrapping') whenIssued(names.client, () => void register());
    const serving = names.serving;
    if (serving && csr.metadata.name === serving && phase === 'registered') {
      whenIssued(serving, () =>
        later(() => {
          o.kube.setNodeReady(o.nodeName, true);
          phase = 'ready';
        }, o.readyAfterMs ?? 3000),
      );
    }
  });

  return {
    nodeName: o.nodeName,
    get phase() {
      return phase;
    },
    csrNames: names,
    stop() {
      phase = 'stopped';
      unsubscribe();
      timers.forEach(clearTimeout);
      timers.clear();
    },
  };
}

/** PEM armour around bytes that are not DER: the kind of request a broken or hostile client sends. */
function malformedRequestPem(): string {
  const body = randomBytes(96)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n');
  return `-----BEGIN CERTIFICATE REQUEST-----\n${body}\n-----END CERTIFICATE REQUEST-----\n`;
}

/** A serving CSR sent by `nodeName` whose subject and SANs name another node: a node asking for someone else's identity. */
async function impersonatingCsr(nodeName: string, other: { name: string; address: string }) {
  const pem = await generateKubeletCsrPem({ commonName: `system:node:${other.name}`, dnsNames: [other.name], ipAddresses: [other.address] });
  return csrObjectFor('serving', pem, nodeName);
}
