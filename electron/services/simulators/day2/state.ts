import type { Clock } from '../../clock';
import { systemClock } from '../../clock';
import type { Day2SimulatorOptions, Exchange, SimCluster, SimEvent, SimHost, SimInfraEnv } from './types';

export const API_BASE = '/api/assisted-install/v2';

/** What the service keeps between requests, shared by the routes, the host state machine and the image service. */
export interface Day2State {
  options: Day2SimulatorOptions;
  clock: Clock;
  /** Lifetime of signed image URLs */
  lifetime: number;
  isoSize: number;
  clusters: Map<string, SimCluster>;
  infraEnvs: Map<string, SimInfraEnv>;
  hosts: Map<string, SimHost>;
  events: SimEvent[];
  exchanges: Exchange[];
  imageTokens: Map<string, { infraEnvId: string; exp: number }>;
  /** Scripted faults (scenarios) */
  faults: { failNext: number; failStatus: number; dropImport: boolean; expireNextUrl: boolean; dnsBroken: boolean };
  isoDownloads: number;
  hostCounter: number;
  timers: Set<NodeJS.Timeout>;
  now(): string;
  addEvent(e: Omit<SimEvent, 'category' | 'event_time'>): void;
}

export function createDay2State(options: Day2SimulatorOptions): Day2State {
  const clock = options.clock ?? systemClock;
  const now = () => new Date(clock.now()).toISOString();
  const events: SimEvent[] = [];
  return {
    options,
    clock,
    lifetime: options.imageUrlLifetimeMs ?? 4 * 3600_000,
    isoSize: options.isoBytes ?? 4 * 1024 * 1024,
    clusters: new Map(),
    infraEnvs: new Map(),
    hosts: new Map(),
    events,
    exchanges: [],
    imageTokens: new Map(),
    faults: { failNext: 0, failStatus: 500, dropImport: false, expireNextUrl: false, dnsBroken: false },
    isoDownloads: 0,
    hostCounter: 0,
    timers: new Set(),
    now,
    addEvent: (e) => events.push({ ...e, category: 'user', event_time: now() }),
  };
}
