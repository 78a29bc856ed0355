import { z } from 'zod';

/**
 * report.json as the node-joiner writes it (openshift/installer pkg/asset/agent/workflow/report)
 * and `oc adm node-image create` saves it in --dir on failure (or always with --report).
 */
const stageSchema = z.object({
  id: z.string(),
  description: z.string().optional(),
  start_time: z.string().optional(),
  end_time: z.string().optional(),
  result: z.string().optional(),
  get sub_stages() {
    return z.array(stageSchema).optional();
  },
});
type RawStage = z.infer<typeof stageSchema>;

export const reportSchema = z.object({
  id: z.string().optional(),
  start_time: z.string().optional(),
  end_time: z.string().optional(),
  stages: z.array(stageSchema).optional(),
  result: z.object({ exit_code: z.number().int(), error_message: z.string().optional(), detailed_error_message: z.string().optional() }).nullable().optional(),
});
export type NodeJoinerReport = z.infer<typeof reportSchema>;

const ZERO_TIME = /^0001-01-01T00:00:00/;

export interface ReportStage {
  id: string;
  description: string;
  done: boolean;
  /** A stage's own result (JSON text for the cluster inspection) */
  result?: string;
  subStages: ReportStage[];
}

export interface ReportSummary {
  id?: string;
  /** The report says it is complete (end_time set) */
  complete: boolean;
  exitCode?: number;
  errorMessage?: string;
  detailedErrorMessage?: string;
  stages: ReportStage[];
  /** What the cluster inspection found (Version, ReleaseImage, OSImage, PlatformType, Architecture) */
  cluster?: Record<string, string>;
}

export function parseReport(text: string): ReportSummary {
  const parsed = reportSchema.parse(JSON.parse(text));
  const stage = (s: RawStage): ReportStage => ({
    id: s.id,
    description: s.description ?? s.id,
    done: Boolean(s.end_time && !ZERO_TIME.test(s.end_time)),
    ...(s.result !== undefined ? { result: s.result } : {}),
    subStages: (s.sub_stages ?? []).map(stage),
  });
  const stages = (parsed.stages ?? []).map(stage);
  const inspection = stages.find((s) => s.id === 'add-nodes-cluster-inspection')?.result;
  return {
    ...(parsed.id ? { id: parsed.id } : {}),
    complete: Boolean(parsed.end_time && !ZERO_TIME.test(parsed.end_time)),
    ...(parsed.result ? { exitCode: parsed.result.exit_code } : {}),
    ...(parsed.result?.error_message ? { errorMessage: parsed.result.error_message } : {}),
    ...(parsed.result?.detailed_error_message ? { detailedErrorMessage: parsed.result.detailed_error_message } : {}),
    stages,
    ...(inspection ? { cluster: inspectionResult(inspection) } : {}),
  };
}

function inspectionResult(text: string): Record<string, string> | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    if (!value || typeof value !== 'object') return undefined;
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
  } catch {
    return undefined;
  }
}

/** An actionable explanation of a failure: i18n key under nodeimage.failure, its params, and the raw text it came from. */
export interface FailureAdvice {
  key: string;
  params: Record<string, string>;
  /** The installer's or oc's own words, shown under the advice */
  detail: string;
}

/** Known failure texts of oc and the node-joiner, most specific first, each with what to do about it. */
const PATTERNS: { re: RegExp; key: string; params?: (m: RegExpExecArray) => Record<string, string> }[] = [
  { re: /address conflict found\. The configured address (\S+) is already used by the cluster node (\S+)/, key: 'addressConflict', params: (m) => ({ address: m[1]!, node: m[2]! }) },
  { re: /hostname conflict found\. The configured hostname (\S+) is already used/, key: 'hostnameConflict', params: (m) => ({ hostname: m[1]! }) },
  { re: /duplicate MAC address found|invalid MAC address|each interface must have a MAC address/, key: 'macRejected' },
  { re: /at least one host must be defined|at least one interface must be defined/, key: 'nodesConfigIncomplete' },
  { re: /Device Name of root device hint|WWN (vendor )?extensions are not supported/, key: 'rootDeviceHint' },
  { re: /nmstatectl gc|staticNetwork configuration is not valid|failed to validate network yaml/, key: 'networkConfigInvalid' },
  { re: /only available for OpenShift versions (\S+) and later/, key: 'clusterTooOld', params: (m) => ({ minimum: m[1]! }) },
  { re: /unable to convert platform type|platform .* is not supported|is not supported for platform/i, key: 'platformUnsupported' },
  { re: /unable to determine target cluster architecture|no ISO found to download for|stream data not found/, key: 'noBaseIso' },
  { re: /unable to pull image|ErrImagePull|ImagePullBackOff|manifest unknown|unauthorized: access to the requested resource/i, key: 'imagePull' },
  { re: /cannot create (namespace|service account|role|role binding|pod|configmap): .*forbidden/i, key: 'forbidden' },
  { re: /command expects a connection to an OpenShift 4\.x server/, key: 'notOpenShift' },
  { re: /config file nodes-config\.yaml is not valid|(open|stat) nodes-config\.yaml: (file does not exist|no such file)/, key: 'nodesConfigUnreadable' },
  { re: /timed out waiting for the condition|context deadline exceeded/, key: 'timeout' },
  { re: /Unable to connect to the server|connection refused|no such host|i\/o timeout/, key: 'unreachable' },
  { re: /x509: certificate|tls: failed to verify/, key: 'tls' },
  { re: /(Error: )?unknown (flag|shorthand flag): (\S+)/, key: 'unknownFlag', params: (m) => ({ flag: m[3]! }) },
];

/** Turns report.json and/or the command output into one piece of advice (the first pattern that matches). */
export function adviseFailure(input: { report?: ReportSummary; output?: string; exitCode?: number | null }): FailureAdvice {
  const texts = [input.report?.errorMessage, input.report?.detailedErrorMessage, input.output].filter((t): t is string => Boolean(t));
  for (const text of texts) {
    for (const p of PATTERNS) {
      const m = p.re.exec(text);
      if (m) return { key: `nodeimage.failure.${p.key}`, params: p.params?.(m) ?? {}, detail: firstLines(input.report?.errorMessage ?? m[0]) };
    }
  }
  const detail = input.report?.errorMessage ?? lastErrorLine(input.output ?? '') ?? '';
  return { key: 'nodeimage.failure.unknown', params: { exitCode: String(input.exitCode ?? input.report?.exitCode ?? '?') }, detail: firstLines(detail) };
}

function lastErrorLine(output: string): string | undefined {
  const lines = output
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return [...lines].reverse().find((l) => /^error:|failed|Reason:/i.test(l)) ?? lines.at(-1);
}

const firstLines = (text: string): string => text.split('\n').slice(0, 6).join('\n').slice(0, 800);
