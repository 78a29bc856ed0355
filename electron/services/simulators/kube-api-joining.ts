import { kubeletCsrObject, type KubeletKeyType } from './kubelet-csr';
import type { CsrApproval } from './kube-api-approval';
import { readyCondition, type KubeStore } from './kube-api-store';
import type { Obj } from './kube-api-types';

export interface JoiningWorkerOptions {
  nodeName: string;
  address: string;
  keyType?: KubeletKeyType;
  readyDelayMs?: number;
}

/**
 * A kubelet joining, reduced to what the CSR checks see: client CSR → (approved) Node NotReady +
 * serving CSR → (approved) Node Ready after readyDelayMs.
 */
export async function simulateJoiningWorker(store: KubeStore, approval: CsrApproval, o: JoiningWorkerOptions): Promise<{ stop(): void }> {
  const { nodeName, address, keyType, readyDelayMs = 500 } = o;
  let stopped = false;
  const timers: NodeJS.Timeout[] = [];
  const client = store.addCsr(await kubeletCsrObject('client', nodeName, { keyType }));
  const servingPromise = kubeletCsrObject('serving', nodeName, { addresses: [address], keyType });
  const turnReady = () => {
    const node = store.nodes.get(nodeName);
    if (stopped || !node) return;
    node.status.conditions = [readyCondition(true)];
    store.storeNode(node, 'MODIFIED');
  };
  const unsubscribe = approval.onApproved((csr: Obj) => {
    if (stopped) return;
    if (csr.metadata.name === client.metadata.name && !store.nodes.has(nodeName)) {
      store.addNode({
        name: nodeName,
        roles: ['worker'],
        ready: false,
        addresses: [
          { type: 'InternalIP', address },
          { type: 'Hostname', address: nodeName },
        ],
      });
      void servingPromise.then((serving) => !stopped && store.addCsr(serving));
    } else if (csr.spec.signerName === 'kubernetes.io/kubelet-serving' && csr.spec.username === `system:node:${nodeName}`) {
      timers.push(setTimeout(turnReady, readyDelayMs));
    }
  });
  return {
    stop() {
      stopped = true;
      timers.forEach(clearTimeout);
      unsubscribe();
    },
  };
}
