/**
 * Reads what `oc adm node-image create` prints while it runs. oc prefixes each of its own lines
 * with an RFC 3339 time and "[node-image create]" (pkg/cli/admin/nodeimage/basenodeimagecommand.go);
 * the node-joiner's stages (installer pkg/asset/agent/workflow) arrive as their descriptions,
 * sub-stages indented by two spaces. Errors from flag parsing and CheckErr come unprefixed.
 */
export type PhaseId = 'start' | 'release' | 'pod' | 'inspect' | 'manifests' | 'ignition' | 'baseIso' | 'artifacts' | 'assemble' | 'copy' | 'done' | 'failed';

export interface OcLine {
  at?: string;
  /** The message without the time and the "[node-image create]" prefix */
  text: string;
  /** A node-joiner sub-stage (indented) */
  sub: boolean;
  phase?: PhaseId;
  error?: boolean;
}

/** Phases in order with the share of the whole run each one usually takes (fetching the base ISO dominates). */
export const PHASES: { id: PhaseId; weight: number }[] = [
  { id: 'start', weight: 0 },
  { id: 'release', weight: 4 },
  { id: 'pod', weight: 10 },
  { id: 'inspect', weight: 4 },
  { id: 'manifests', weight: 3 },
  { id: 'ignition', weight: 3 },
  { id: 'baseIso', weight: 45 },
  { id: 'artifacts', weight: 20 },
  { id: 'assemble', weight: 5 },
  { id: 'copy', weight: 6 },
  { id: 'done', weight: 0 },
];

const PREFIXED = /^(\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}:\d{2})) \[node-image (?:create|monitor)\] (.*)$/;

const MESSAGES: { re: RegExp; phase: PhaseId; error?: boolean }[] = [
  { re: /^installer pullspec obtained from installer-images configMap|^configMap containing installer-images is not available/, phase: 'release' },
  { re: /^Launching command$/, phase: 'pod' },
  { re: /^Gathering additional information from the target cluster$/, phase: 'inspect' },
  { re: /^Creating internal configuration manifests$/, phase: 'manifests' },
  { re: /^Rendering ISO ignition$/, phase: 'ignition' },
  { re: /^Retrieving the base ISO image$|^(Extracting base image from release payload|Verifying base image version|Downloading base ISO image)$/, phase: 'baseIso' },
  { re: /^Creating agent artifacts for the final image$|^(Extracting required artifacts from release payload|Preparing artifacts)$/, phase: 'artifacts' },
  { re: /^Assembling (ISO image|PXE files)$/, phase: 'assemble' },
  { re: /^Saving (ISO image|PXE artifacts) to /, phase: 'copy' },
  { re: /^Command successfully completed$/, phase: 'done' },
  { re: /^command execution failed\. Reason: |^unexpected error caught while running the command/, phase: 'failed', error: true },
];

export function parseOcLine(raw: string): OcLine {
  const line = raw.replace(/\r$/, '');
  const m = PREFIXED.exec(line);
  if (!m) {
    const error = /^(error|Error): /.test(line);
    return { text: line, sub: false, ...(error ? { phase: 'failed' as const, error: true } : {}) };
  }
  const body = m[2]!;
  const sub = body.startsWith('  ');
  const text = body.trim();
  const known = MESSAGES.find((x) => x.re.test(text));
  return { at: m[1]!, text, sub, ...(known ? { phase: known.phase } : {}), ...(known?.error ? { error: true } : {}) };
}

/** Progress after a phase has started: the weights of the phases before it, as a fraction of 1. */
export function progressOf(phase: PhaseId): number {
  if (phase === 'done') return 1;
  if (phase === 'failed') return 0;
  const total = PHASES.reduce((n, p) => n + p.weight, 0);
  const index = PHASES.findIndex((p) => p.id === phase);
  const before = PHASES.slice(0, index).reduce((n, p) => n + p.weight, 0);
  return before / total;
}

/** Phases only move forward (oc repeats stage lines it has shown once; a 4.17 cluster skips the stages). */
export function laterPhase(current: PhaseId, next: PhaseId | undefined): PhaseId {
  if (!next) return current;
  if (current === 'failed' || current === 'done') return current;
  if (next === 'failed') return 'failed';
  const order = (p: PhaseId) => PHASES.findIndex((x) => x.id === p);
  return order(next) > order(current) ? next : current;
}
