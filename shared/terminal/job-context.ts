import { redact } from '../redact';

/**
 * The job's context as environment variables for the local terminal tab, named as in Red Hat's
 * "adding worker nodes to single-node OpenShift" procedures so their commands paste as-is
 * (`curl "$API_URL/api/assisted-install/v2/infra-envs/$INFRA_ENV_ID" ...`, `oc get nodes` with
 * KUBECONFIG, `.../clients/ocp/$OCP_VERSION/...`). Values come from the flows' slices of job.data;
 * nothing here is ever a secret (tokens and pull secrets live only in the keychain).
 */
export const CONTEXT_VARS = ['KUBECONFIG', 'API_URL', 'OPENSHIFT_CLUSTER_ID', 'CLUSTER_ID', 'INFRA_ENV_ID', 'HOST_ID', 'OCP_VERSION', 'ARCH'] as const;
export type ContextVarName = (typeof CONTEXT_VARS)[number];

export interface ContextVar {
  name: ContextVarName;
  value?: string;
  /** Where the value came from, e.g. `data.cluster.clusterId`, shown next to it in the UI. */
  source?: string;
}

export interface JobLike {
  id: string;
  data: Record<string, unknown>;
}

export interface ContextOptions {
  /** The Assisted Installer API base from Settings, used when the job does not name one. */
  assistedApiUrl?: string;
}

type Candidate = [slice: string, field: string];

const SOURCES: Record<ContextVarName, Candidate[]> = {
  KUBECONFIG: [['cluster', 'kubeconfigPath']],
  API_URL: [['assisted', 'apiUrl']],
  // The OpenShift cluster's own id (ClusterVersion spec.clusterID), read by the cluster step.
  OPENSHIFT_CLUSTER_ID: [
    ['cluster', 'clusterId'],
    ['assisted', 'openshiftClusterId'],
    ['assisted', 'cluster.openshiftClusterId'],
  ],
  // The Assisted Installer's id for the imported (day-2) cluster.
  CLUSTER_ID: [['assisted', 'clusterId']],
  // The Assisted flow saves the infra-env as an object and the host it installs as selectedHostId.
  INFRA_ENV_ID: [
    ['assisted', 'infraEnvId'],
    ['assisted', 'infraEnv.id'],
  ],
  HOST_ID: [
    ['assisted', 'hostId'],
    ['assisted', 'selectedHostId'],
  ],
  OCP_VERSION: [
    ['cluster', 'version'],
    ['manual', 'ocpVersion'],
    ['manual', 'version'],
    ['assisted', 'openshiftVersion'],
    ['assisted', 'cluster.version'],
  ],
  ARCH: [
    ['cluster', 'architecture'],
    ['manual', 'arch'],
    ['manual', 'architecture'],
    ['assisted', 'cpuArchitecture'],
  ],
};

/** Kubernetes/Go names → the names RHCOS streams and the mirror use. */
const ARCH_ALIASES: Record<string, string> = { amd64: 'x86_64', arm64: 'aarch64', x86_64: 'x86_64', aarch64: 'aarch64', ppc64le: 'ppc64le', s390x: 's390x' };

/** A value may go into the environment only if it is one printable line and not secret-looking. */
export function isSafeEnvValue(value: string): boolean {
  // eslint-disable-next-line no-control-regex
  if (value.length === 0 || value.length > 4096 || /[\u0000-\u001f\u007f]/.test(value)) return false;
  return redact(value) === value && !looksLikeToken(value);
}

/** Long opaque strings (offline tokens, pull-secret auths) never belong in the environment. */
function looksLikeToken(value: string): boolean {
  if (/^eyJ/.test(value)) return true;
  // Paths, URLs, versions and UUIDs are fine; a long unbroken base64 blob is not.
  if (value.startsWith('/') || value.includes('.') || value.includes(':')) return false;
  return value.length >= 40 && /^[A-Za-z0-9+/_=-]+$/.test(value) && !/^[0-9a-f-]{36}$/i.test(value);
}

/** `field` may be a dotted path inside the slice (`infraEnv.id`). */
function pick(data: Record<string, unknown>, [slice, field]: Candidate): string | undefined {
  let value: unknown = data[slice];
  for (const key of field.split('.')) {
    if (!value || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/** Every context variable, with its value when the job has one. */
export function jobContextVars(job: JobLike, options: ContextOptions = {}): ContextVar[] {
  return CONTEXT_VARS.map((name) => {
    for (const candidate of SOURCES[name]) {
      let value = pick(job.data, candidate);
      if (value === undefined) continue;
      if (name === 'ARCH') value = ARCH_ALIASES[value.toLowerCase()] ?? value;
      if (name === 'API_URL') value = value.replace(/\/+$/, '');
      if (!isSafeEnvValue(value)) continue;
      return { name, value, source: `data.${candidate[0]}.${candidate[1]}` };
    }
    if (name === 'API_URL' && options.assistedApiUrl && isSafeEnvValue(options.assistedApiUrl)) {
      return { name, value: options.assistedApiUrl.replace(/\/+$/, ''), source: 'settings.apiUrl' };
    }
    return { name };
  });
}

/** The variables with values, ready to merge into a spawn environment. */
export function jobContextEnv(job: JobLike, options: ContextOptions = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const v of jobContextVars(job, options)) if (v.value !== undefined) env[v.name] = v.value;
  return env;
}
