/**
 * The `oc` commands the app may show a technician for certificate signing requests.
 *
 * Safety rule: the app never shows a command that approves CSRs it has not named. A blanket approve
 * (every pending name piped into the approve command) would also approve a request forged by anyone
 * holding the bootstrap token, which is exactly what the CSR checklist exists to prevent. So:
 * - with a kubeconfig, the app checks each CSR itself and shows `approve` for the names it checked;
 * - without one, it shows how to list and inspect this node's CSRs, the checklist to apply by eye,
 *   and an approve command for one named CSR that the technician fills in after checking it.
 */

/** A CSR's metadata.name: a Kubernetes object name (DNS subdomain), never anything a shell would expand. */
const CSR_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

export function isCsrName(name: string): boolean {
  return CSR_NAME.test(name);
}

/** `oc adm certificate approve` for exactly the named CSRs; no names, no command. */
export function approveNamedCommand(names: readonly string[]): string | undefined {
  const unique = [...new Set(names)];
  if (unique.length === 0) return undefined;
  const bad = unique.find((n) => !isCsrName(n));
  if (bad !== undefined) throw new Error(`Not a CSR name: ${JSON.stringify(bad)}`);
  return `oc adm certificate approve ${unique.join(' ')}`;
}

export interface ManualCsrCommands {
  /** the pending requests, newest last */
  list: string;
  /** one request in full: requestor, signer, subject and SANs (what the checklist is applied to) */
  describe: string;
  /** approve one request, by the name the technician checked */
  approveOne: string;
  /** follow the node until it is Ready */
  watch: string;
}

/** Placeholder the technician replaces with a checked CSR name (kept obviously not a real name). */
export const CSR_NAME_PLACEHOLDER = '<CSR-NAME>';

/** Commands for a technician without a kubeconfig in the app, for the node `nodeName`. */
export function manualCsrCommands(nodeName: string): ManualCsrCommands {
  const node = nodeName.trim() || 'worker-0';
  return {
    list: 'oc get csr --sort-by=.metadata.creationTimestamp',
    describe: `oc describe csr ${CSR_NAME_PLACEHOLDER}`,
    approveOne: `oc adm certificate approve ${CSR_NAME_PLACEHOLDER}`,
    watch: `oc get node ${node} -o wide -w`,
  };
}

/** The facts the by-eye checklist compares against, for the node `nodeName`. */
export function manualCsrExpectations(nodeName: string): { clientRequestor: string; nodeUser: string; clientSigner: string; servingSigner: string } {
  const node = nodeName.trim() || 'worker-0';
  return {
    clientRequestor: 'system:serviceaccount:openshift-machine-config-operator:node-bootstrapper',
    nodeUser: `system:node:${node}`,
    clientSigner: 'kubernetes.io/kube-apiserver-client-kubelet',
    servingSigner: 'kubernetes.io/kubelet-serving',
  };
}
