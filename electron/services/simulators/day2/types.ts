/** Shapes of the day-2 Assisted Installer simulator: its public surface and its internal records. */
import type { Clock } from '../../clock';
import type { AssistedRoute } from '../assisted-simulator';

export interface SimHostSpec {
  /** what the discovery agent reports as hostname (a DHCP-less host says "localhost") */
  hostname: string;
  mac: string;
  ipv4: string;
  serial: string;
  vendor: string;
  model: string;
  cpuCores: number;
  memoryBytes: number;
  diskBytes: number;
  /** ticks during which the host clock is off and NTP fails, then it recovers */
  ntpFailTicks: number;
  /** how the installation ends */
  outcome: 'joined' | 'bootsIsoAgain' | 'fails';
}

export interface SimHost {
  id: string;
  infraEnvId: string;
  clusterId: string;
  spec: SimHostSpec;
  status: string;
  statusInfo: string;
  requestedHostname?: string;
  inventory?: string;
  validationsInfo?: string;
  stageIndex: number;
  stage?: string;
  percentage?: number;
  ticksInStatus: number;
  createdAt: string;
  updatedAt: string;
  statusUpdatedAt: string;
  checkedInAt: string;
  ntpTicksLeft: number;
}

export interface SimCluster {
  id: string;
  name: string;
  baseDnsDomain: string;
  apiVipDnsName: string;
  openshiftClusterId: string;
  openshiftVersion?: string;
  createdAt: string;
}

export interface SimInfraEnv {
  id: string;
  name: string;
  clusterId?: string;
  body: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
  downloadUrl?: string;
  expiresAt?: string;
}

export interface SimEvent {
  name: string;
  cluster_id?: string;
  host_id?: string;
  infra_env_id?: string;
  severity: 'info' | 'warning' | 'error' | 'critical';
  category: 'user';
  message: string;
  event_time: string;
}

export interface Exchange {
  method: string;
  path: string;
  query: Record<string, string>;
  requestBody?: unknown;
  status: number;
  responseBody?: unknown;
  headers: Record<string, string>;
  /** when the request was answered (ms since epoch, wall clock) */
  at: number;
}

export interface Day2SimulatorOptions {
  clock?: Clock;
  /** Advance every host one step this often; 0 = only when tick() is called (tests) */
  tickMs?: number;
  /** Lifetime of signed image URLs (the SaaS default is 4 h) */
  imageUrlLifetimeMs?: number;
  /** Practice mode: a host boots the ISO (registers) this long after it was downloaded; undefined = never */
  bootAfterDownloadMs?: number;
  /** Spec for the host that boots after the download */
  practiceHost?: Partial<SimHostSpec>;
  /** Size of the served ISO file */
  isoBytes?: number;
}

export interface Day2Simulator {
  routes: AssistedRoute[];
  publicRoutes: AssistedRoute[];
  readonly exchanges: Exchange[];
  readonly clusters: ReadonlyMap<string, SimCluster>;
  readonly infraEnvs: ReadonlyMap<string, SimInfraEnv>;
  hostStatus(hostId: string): string | undefined;
  hostIds(): string[];
  /** A machine boots the discovery ISO of an infra-env (the newest one if not given) and registers */
  bootHost(spec?: Partial<SimHostSpec>, infraEnvId?: string): string;
  /** Advance every host one step of its state machine */
  tick(): void;
  scenarios: {
    /** The next n API requests answer 500 (error shape) */
    failNextRequests(n: number, status?: number): void;
    /** The next import creates the cluster, then drops the connection without answering */
    dropNextImportResponse(): void;
    /** The next image URL is already expired when used */
    expireNextImageUrl(): void;
    /** DNS for api/api-int/*.apps fails on every host until turned off */
    dnsFailure(on: boolean): void;
  };
  /** How many ISO downloads were served successfully */
  readonly isoDownloads: number;
  stop(): void;
}
