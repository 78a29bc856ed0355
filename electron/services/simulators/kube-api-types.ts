import type { KubeletKeyType } from './kubelet-csr';

/** A Kubernetes object as JSON: the simulator stores and serves what the API server would. */
export type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface KubeApiSimulatorSeed {
  configMaps?: { namespace: string; name: string; data: Record<string, string> }[];
  /** Plain strings; the simulator base64-encodes them like the API does */
  secrets?: { namespace: string; name: string; data: Record<string, string> }[];
  clusterVersion?: { clusterId?: string; version?: string; history?: string[]; image?: string };
  /** console.openshift.io/v1 ConsoleCLIDownload objects (see ocCliDownloadsObject) */
  consoleCliDownloads?: Obj[];
  infrastructure?: { apiServerURL?: string; apiServerInternalURL?: string; platform?: string; infrastructureName?: string };
  nodes?: SimNode[];
  csrs?: Obj[];
  /** Sign approved CSRs (status.certificate) like kube-controller-manager's signer; default true */
  autoSign?: boolean;
  token?: string;
}

export interface SimNode {
  name: string;
  roles?: string[];
  ready?: boolean;
  addresses?: { type: string; address: string }[];
  kubeletVersion?: string;
  architecture?: string;
}

export interface SimRequest {
  method: string;
  path: string;
  query: string;
  accept: string;
  userAgent: string;
  status: number;
}

export interface CsrRequestor {
  username?: string;
  groups?: string[];
}

export interface KubeApiSimulator {
  url: string;
  token: string;
  caPem: string;
  readonly requests: SimRequest[];
  writeKubeconfig(path: string, options?: { contextName?: string; token?: string; withoutCa?: boolean; insecure?: boolean }): void;
  addCsr(csr: Obj, requestor?: CsrRequestor): Obj;
  getCsr(name: string): Obj | undefined;
  listCsrs(): Obj[];
  addNode(node: SimNode): Obj;
  setNodeReady(name: string, ready: boolean): void;
  getNode(name: string): Obj | undefined;
  /** Creates or replaces a ConfigMap (plain strings), e.g. when practice mode switches the cluster's version */
  setConfigMap(namespace: string, name: string, data: Record<string, string>): void;
  /** Creates or replaces a Secret (plain strings; stored base64-encoded like the API does) */
  setSecret(namespace: string, name: string, data: Record<string, string>): void;
  /** What ClusterVersion reports from now on (desired version, newest history entry) */
  setClusterVersion(version: string): void;
  /** Called after each approval (the simulated kubelets react to their CSRs being approved) */
  onApproved(listener: (csr: Obj) => void): () => void;
  /** The next n approval PUTs answer 409 Conflict (as when someone else changed the CSR meanwhile). */
  failNextApprovals(n: number): void;
  /** Plays a kubelet joining: client CSR → (approved) Node NotReady + serving CSR → (approved) Node Ready. */
  simulateJoiningWorker(options: { nodeName: string; address: string; keyType?: KubeletKeyType; readyDelayMs?: number }): Promise<{ stop(): void }>;
  close(): Promise<void>;
}

export type WatchKind = 'csr' | 'node';

export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  object: Obj;
  rv: number;
}
