import type { AssistedSimulator, AssistedSimulatorOptions } from './assisted-simulator';
import { startAssistedSimulator } from './assisted-simulator';
import { day2ApiRoute } from './day2/api-route';
import { bootHost, step } from './day2/host-machine';
import { day2ImageRoute } from './day2/image-route';
import { createDay2State } from './day2/state';
import type { Day2Simulator, Day2SimulatorOptions } from './day2/types';

export type { Day2Simulator, Day2SimulatorOptions, Exchange, SimHostSpec } from './day2/types';

/**
 * The day-2 part of the Assisted Installer simulator: imported clusters, infra-envs, tokenised
 * image URLs that expire, hosts that follow the real SaaS day-2 state machine
 * (discovering → insufficient/known → installing → installing-in-progress → added-to-existing-cluster,
 * with installing-pending-user-action, error and reset), validations_info as a JSON string, events with
 * Event-Count, and both error body shapes. Scripted scenarios reproduce what goes wrong in the field.
 * Field names, status codes and shapes follow swagger.yaml; the tests check every exchange against it.
 * The parts live in ./day2/: state, representations, validations, the host state machine, the routes.
 */
export function createDay2Simulator(options: Day2SimulatorOptions = {}): Day2Simulator {
  const s = createDay2State(options);
  const tick = () => {
    for (const h of s.hosts.values()) step(s, h);
  };
  const auto = options.tickMs ? setInterval(tick, options.tickMs) : undefined;
  auto?.unref();
  return {
    routes: [day2ApiRoute(s)],
    publicRoutes: [day2ImageRoute(s)],
    exchanges: s.exchanges,
    clusters: s.clusters,
    infraEnvs: s.infraEnvs,
    hostStatus: (id) => s.hosts.get(id)?.status,
    hostIds: () => [...s.hosts.keys()],
    bootHost: (spec, infraEnvId) => bootHost(s, spec, infraEnvId),
    tick,
    scenarios: {
      failNextRequests(n, status = 500) {
        s.faults.failNext = n;
        s.faults.failStatus = status;
      },
      dropNextImportResponse() {
        s.faults.dropImport = true;
      },
      expireNextImageUrl() {
        s.faults.expireNextUrl = true;
      },
      dnsFailure(on) {
        s.faults.dnsBroken = on;
      },
    },
    get isoDownloads() {
      return s.isoDownloads;
    },
    stop() {
      if (auto) clearInterval(auto);
      for (const t of s.timers) clearTimeout(t);
      s.timers.clear();
    },
  };
}

export interface Day2SimulatorServer extends AssistedSimulator {
  day2: Day2Simulator;
}

/** The full Assisted Installer simulator (auth + component-versions + day-2) on 127.0.0.1. */
export async function startDay2Simulator(auth: Omit<AssistedSimulatorOptions, 'publicRoutes'>, options: Day2SimulatorOptions = {}): Promise<Day2SimulatorServer> {
  const day2 = createDay2Simulator(options);
  const server = await startAssistedSimulator({ ...auth, publicRoutes: day2.publicRoutes }, day2.routes);
  return {
    ...server,
    day2,
    close: async () => {
      day2.stop();
      await server.close();
    },
  };
}
