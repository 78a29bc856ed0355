/** What the cluster connection read (job.data.cluster); `source` says whether a kubeconfig was loaded or values were typed. */
export interface ClusterSummary {
  clusterId?: string;
  apiHost?: string;
  apiServerUrl?: string;
  version?: string;
  source?: string;
}

/**
 * "Filled in from the loaded kubeconfig" is true only when a kubeconfig was loaded and every value
 * on screen is still the one it gave; a value typed by hand (or typed values saved by the
 * connection step) never carries that label.
 */
export function filledFromKubeconfig(fromKube: ClusterSummary | undefined, typed: { clusterId: string; apiHost: string; version: string }): boolean {
  if (!fromKube || fromKube.source !== 'kubeconfig' || !fromKube.clusterId) return false;
  const host = fromKube.apiHost ?? fromKube.apiServerUrl ?? '';
  return typed.clusterId.trim() === fromKube.clusterId && typed.apiHost.trim() === host && typed.version.trim() === (fromKube.version ?? '');
}
