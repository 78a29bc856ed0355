/**
 * Every way a pre-flight check (electron/services/cluster/preflight.ts) can fail or warn, with the
 * catalogue keys the app shows for it: `result` under cluster.preflight.results (what it found) and
 * `fix` under cluster.preflight.fixes (what it means and what to do). The troubleshooting chapter of
 * the guide is generated from this list, so the guide and the screen say the same thing.
 */
export interface PreflightFailure {
  /** the check ids (PreflightCheck.id) that can end this way */
  checks: readonly string[];
  result: string;
  fix: string;
}

export const preflightFailures: readonly PreflightFailure[] = [
  { checks: ['version'], result: 'versionTooOld', fix: 'versionTooOld' },
  { checks: ['connected'], result: 'notConnected', fix: 'notConnected' },
  { checks: ['dns-api', 'dns-api-int', 'dns-apps'], result: 'dnsWorkerIp', fix: 'dnsWorkerIp' },
  { checks: ['dns-api'], result: 'dnsMissing', fix: 'dnsApi' },
  { checks: ['dns-api-int'], result: 'dnsMissing', fix: 'dnsApiInt' },
  { checks: ['dns-apps'], result: 'dnsMissing', fix: 'dnsApps' },
  { checks: ['tcp-api'], result: 'tcpFailed', fix: 'tcpApi' },
  { checks: ['tcp-mcs'], result: 'tcpFailed', fix: 'tcpMcs' },
  { checks: ['tcp-https', 'tcp-http'], result: 'tcpFailed', fix: 'tcpIngress' },
  { checks: ['clock'], result: 'clockSkew', fix: 'clockSkew' },
  { checks: ['clock'], result: 'clockFailed', fix: 'tcpApi' },
  { checks: ['res-vcpu', 'res-memory', 'res-disk'], result: 'resLow', fix: 'resources' },
];
