import type { Host } from '@openshift-assisted/types/assisted-installer-service';
import { AppError, isAppError } from '../../../shared/api/errors';
import type { AssistedData, AssistedEvent, AssistedState } from '../../../shared/api/domains/assisted';
import { hostView } from '../../../shared/assisted/host-display';
import { validateDay2Hostname } from '../../../shared/assisted/hostname';
import { canInstall, canReset, canSetHostname } from '../../../shared/assisted/status';
import type { AssistedContext } from './assisted-context';
import { cap, dropUndefined } from './assisted-values';

const maxEvents = 300;

/** Steps 4-6: the hosts that booted the ISO, their names, validations and installation. */
export class HostsStep {
  constructor(private readonly c: AssistedContext) {}

  /** One poll: hosts always, events when due (or forced). Network failures mark the job offline instead of failing. */
  async refresh(jobId: string, options: { events?: boolean } = { events: true }): Promise<AssistedState> {
    return this.c.once(`${jobId}:refresh`, async () => {
      const data = await this.c.data(jobId);
      if (!data.infraEnv || !data.clusterId) return this.c.state(jobId);
      try {
        const hosts = await this.c.o.client.listHosts(data.infraEnv.id);
        const views = hosts.map((h) => hostView(h as Host & { statusInfo: string }));
        const before = this.c.live.get(jobId)?.hosts ?? [];
        const changed = views.some((v) => before.find((b) => b.id === v.id)?.status !== v.status);
        let page: { events: AssistedEvent[]; total: number } | undefined;
        if (options.events || changed) {
          const got = await this.c.o.client.events({ clusterId: data.clusterId, offset: data.eventsSeen });
          page = {
            total: got.total,
            events: got.events.map((e) => dropUndefined({ time: e.eventTime, severity: e.severity, message: e.message, name: e.name, hostId: e.hostId })),
          };
        }
        this.c.setLive(jobId, { hosts: views, lastPollAt: this.c.now() });
        await this.c.save(jobId, (d) => {
          const record = { ...d.hosts };
          for (const v of views) {
            const prev = record[v.id];
            if (!prev || prev.status !== v.status || prev.name !== v.displayName || prev.stage !== v.stage || prev.percentage !== v.percentage) {
              record[v.id] = dropUndefined({ name: v.displayName, status: v.status, stage: v.stage, percentage: v.percentage, updatedAt: this.c.now() });
            }
          }
          const next: AssistedData = { ...d, hosts: record, offline: false, lastError: undefined };
          if (page) {
            // Event-Count can shrink if the service dropped old events: then start over rather than skip new ones.
            const seen = page.total < d.eventsSeen ? page.events.length : d.eventsSeen + page.events.length;
            next.events = [...(page.total < d.eventsSeen ? [] : d.events), ...page.events].slice(-maxEvents);
            next.eventsSeen = seen;
          }
          if (!next.selectedHostId && views.length === 1) next.selectedHostId = views[0]!.id;
          return next;
        });
        return this.c.state(jobId);
      } catch (err) {
        const offline = isAppError(err) && (err.code === 'assisted.offline' || err.code === 'common.timeout');
        const wire = isAppError(err) ? { code: err.code, params: err.params } : { code: 'common.unexpected', params: { message: String(err) } };
        await this.c.save(jobId, (d) => ({ ...d, offline, lastError: wire }));
        this.c.o.bus.emit('assisted.changed', { id: jobId });
        throw err;
      }
    });
  }

  async selectHost(jobId: string, hostId: string): Promise<AssistedState> {
    await this.c.save(jobId, (d) => ({ ...d, selectedHostId: hostId }));
    return this.c.state(jobId);
  }

  async setHostname(jobId: string, hostId: string, name: string): Promise<AssistedState> {
    const data = await this.c.data(jobId);
    if (!data.infraEnv) throw new AppError('assisted.infraEnvMissing');
    const host = await this.c.o.client.getHost(data.infraEnv.id, hostId);
    if (!canSetHostname(host.status)) throw new AppError('assisted.hostnameNotNow', { status: host.status });
    const others = (await this.c.o.client.listHosts(data.infraEnv.id)).filter((h) => h.id !== hostId).map((h) => hostView(h as Host & { statusInfo: string }).displayName);
    const value = name.trim();
    const issue = validateDay2Hostname(value, { otherHosts: others, nodeNames: await this.c.nodeNames(jobId) })[0];
    if (issue) throw new AppError(`assisted.hostname${cap(issue.key)}`, { name: value.slice(0, 80), ...(issue.params ?? {}) });
    await this.c.o.client.updateHost(data.infraEnv.id, hostId, { hostName: value });
    await this.c.audit(jobId, 'hostname', `Host ${hostId} named ${value}`, { hostId, name: value });
    const addresses = hostView(host as Host & { statusInfo: string }).ips.map((ip) => ip.split('/')[0]!);
    // Without a kubeconfig there is nothing to tell; the CSR step then shows commands instead.
    await this.c.o.onWorkerNamed?.(jobId, value, addresses).catch(() => undefined);
    return this.refresh(jobId, { events: false });
  }

  async install(jobId: string, hostId: string): Promise<AssistedState> {
    return this.c.once(`${jobId}:install:${hostId}`, async () => {
      const data = await this.c.data(jobId);
      if (!data.infraEnv) throw new AppError('assisted.infraEnvMissing');
      const host = await this.c.o.client.getHost(data.infraEnv.id, hostId);
      if (!canInstall(host.status)) throw new AppError('assisted.notReady', { status: host.status });
      await this.c.o.client.installHost(data.infraEnv.id, hostId);
      await this.c.save(jobId, (d) => ({ ...d, selectedHostId: hostId }), 'install');
      // What the host reported at install time: the site report and the fleet export need it after the live view is gone.
      const view = hostView(host as Host & { statusInfo: string });
      await this.c.audit(jobId, 'install', `Installation started on host ${hostId} (${view.displayName})`, {
        hostId,
        host: dropUndefined({
          name: view.displayName,
          macs: view.macs,
          ips: view.ips,
          serial: view.serial,
          vendor: view.vendor,
          model: view.model,
          installationDiskPath: view.installationDiskPath,
          bmcAddress: view.bmcAddress,
          interfaces: view.interfaces.map((i) => ({ name: i.name, mac: i.mac })),
        }),
      });
      return this.refresh(jobId, { events: true });
    });
  }

  async reset(jobId: string, hostId: string): Promise<AssistedState> {
    const data = await this.c.data(jobId);
    if (!data.infraEnv) throw new AppError('assisted.infraEnvMissing');
    const host = await this.c.o.client.getHost(data.infraEnv.id, hostId);
    if (!canReset(host.status)) throw new AppError('assisted.resetNotAllowed', { status: host.status });
    await this.c.o.client.resetHost(data.infraEnv.id, hostId);
    await this.c.audit(jobId, 'reset', `Host ${hostId} reset; boot it from the discovery ISO again`, { hostId });
    return this.refresh(jobId, { events: true });
  }
}
