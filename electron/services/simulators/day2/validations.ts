import type { Day2State } from './state';
import type { SimHost } from './types';
import { hostName } from './representations';

/**
 * validations_info as the service computes it for a day-2 worker: hardware, network (DNS for the
 * cluster's names, host clock and NTP) and operators, with the service's own message texts.
 */
export function validations(s: Day2State, h: SimHost) {
  const v = (id: string, ok: boolean | 'pending', okMessage: string, failMessage: string) => ({
    id,
    status: ok === 'pending' ? 'pending' : ok ? 'success' : 'failure',
    message: ok === true ? okMessage : failMessage,
  });
  const name = hostName(h);
  const localhost = /^localhost(\d)?(\.localdomain\d?)?$/.test(name);
  const unique = ![...s.hosts.values()].some((o) => o.id !== h.id && o.clusterId === h.clusterId && hostName(o) === name);
  const cluster = s.clusters.get(h.clusterId);
  const clockOff = h.ntpTicksLeft > 0;
  const dnsMessage = (label: string, domain: string) =>
    s.faults.dnsBroken
      ? `Couldn't resolve domain name ${domain} on the host. To continue installation, create the necessary DNS entries to resolve this domain name to your cluster's ${label} IP address`
      : `Domain name resolution for the ${domain} domain was successful or not required`;
  const domain = cluster ? `${cluster.name}.${cluster.baseDnsDomain}` : 'unknown';
  return {
    hardware: [
      v('has-inventory', true, 'Valid inventory exists for the host', "Did not receive the host's hardware inventory"),
      v(
        'has-min-cpu-cores',
        h.spec.cpuCores >= 2,
        'Sufficient CPU cores',
        `The host is not eligible to participate in Openshift Cluster because the minimum required CPU cores for any role is 2, found only ${h.spec.cpuCores}`,
      ),
      v(
        'has-min-memory',
        h.spec.memoryBytes >= 8 * 2 ** 30,
        'Sufficient minimum RAM',
        'The host is not eligible to participate in Openshift Cluster because the minimum required RAM for any role is 8.00 GiB',
      ),
      v('has-min-valid-disks', h.spec.diskBytes >= 100e9, 'Sufficient disk capacity', 'No eligible disks were found, please check specific disks to see why they are not eligible'),
      v('has-cpu-cores-for-role', h.spec.cpuCores >= 2, 'Sufficient CPU cores for role worker', `Require at least 2 CPU cores for worker role, found only ${h.spec.cpuCores}`),
      v('has-memory-for-role', h.spec.memoryBytes >= 8 * 2 ** 30, 'Sufficient RAM for role worker', 'Require at least 8.00 GiB RAM for role worker'),
      v('hostname-unique', unique, `Hostname ${name} is unique in cluster`, `Hostname ${name} is not unique in cluster`),
      v('hostname-valid', !localhost, `Hostname ${name} is allowed`, `Hostname ${name} is forbidden`),
    ],
    network: [
      v('connected', true, 'Host is connected', 'Host is disconnected'),
      v('media-connected', true, 'Media device is connected', 'Failed - Unable to read from the discovery media'),
      v('has-default-route', true, 'Host has been configured with at least one default route.', 'Host has not yet been configured with a default route.'),
      v('belongs-to-machine-cidr', true, 'No machine network CIDR validation needed: Day2 cluster', ''),
      v('ignition-downloadable', true, 'Ignition is downloadable', ''),
      v('api-domain-name-resolved-correctly', !s.faults.dnsBroken, dnsMessage('API load balancer', `api.${domain}`), dnsMessage('API load balancer', `api.${domain}`)),
      v('api-int-domain-name-resolved-correctly', !s.faults.dnsBroken, dnsMessage('internal API load balancer', `api-int.${domain}`), dnsMessage('internal API load balancer', `api-int.${domain}`)),
      v(
        'apps-domain-name-resolved-correctly',
        !s.faults.dnsBroken,
        dnsMessage('application ingress load balancer', `*.apps.${domain}`),
        dnsMessage('application ingress load balancer', `*.apps.${domain}`),
      ),
      v('dns-wildcard-not-configured', true, 'DNS wildcard check is not required for day2', ''),
      v(
        'time-synced-between-host-and-service',
        !clockOff,
        'Host clock is synchronized with service',
        "Host clock is not synchronized, service time is ahead of host's at least for 20.0 minutes, please configure an NTP server via DHCP. Service time: " + s.now(),
      ),
      v('ntp-synced', !clockOff, 'Host NTP is synced', "Host couldn't synchronize with any NTP server"),
    ],
    operators: [
      v('lso-requirements-satisfied', true, 'lso is disabled', ''),
      v('odf-requirements-satisfied', true, 'odf is disabled', ''),
      v('cnv-requirements-satisfied', true, 'cnv is disabled', ''),
    ],
  };
}
