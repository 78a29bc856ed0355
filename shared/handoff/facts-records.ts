import { z } from 'zod';
import type { AuditEntry, Job } from '../api/domains/jobs';
import { clusterDataSchema, csrCheckSchema, preflightCheckSchema, type PreflightCheck } from '../api/domains/cluster';
import { assistedDataSchema } from '../api/domains/assisted';
import { manualStateSchema } from '../api/domains/manual';
import { isoJobDataSchema } from '../api/domains/iso';

/** One file the job used, with where it came from and its digest. */
export interface ReportArtifact {
  at?: string;
  kind: string;
  name: string;
  source: string;
  sha256?: string;
  /** Ignition files are pinned by sha512 (coreos-installer --ignition-hash), so that is the digest the job knows */
  sha512?: string;
  /** The digest was checked against a published value (stream metadata, sha256sum.txt) */
  verified?: boolean;
}

export interface ReportUsbWrite {
  at: string;
  state: string;
  drive: string;
  target: string;
  image: string;
  sha256?: string;
  readBackSha256?: string;
  verified: boolean;
  matchedExpected?: boolean;
  errorCode?: string;
}

export interface ReportPreflight {
  at: string;
  online: boolean;
  checks: PreflightCheck[];
}

export interface ReportCsr {
  at: string;
  name: string;
  kind: string;
  /** 'auto' or the OS user who pressed Approve */
  actor: string;
  mode: string;
  subject?: string;
  sans: string[];
  verdict: string;
  checks: z.infer<typeof csrCheckSchema>[];
}

export interface ReportNodeReady {
  at: string;
  node?: string;
  version?: string;
}

/** A warning the technician went on past. `code` names handoff.report.override.<code>. */
export interface ReportOverride {
  at: string;
  code: string;
  params: Record<string, string | number>;
  /** For code 'preflight': the check as it was shown */
  check?: PreflightCheck;
}

const loose = <T extends z.ZodRawShape>(shape: T) => z.object(shape);
const artifactUse = loose({ kind: z.string(), name: z.string(), sha256: z.string(), source: z.string(), checkedAgainstPublished: z.boolean().optional() });
const usbWrite = loose({
  state: z.string(),
  device: z.string(),
  byId: z.string().optional(),
  driveName: z.string(),
  imageName: z.string(),
  sha256: z.string().optional(),
  readBackSha256: z.string().optional(),
  matchedExpected: z.boolean().optional(),
  verified: z.boolean(),
  errorCode: z.string().optional(),
});
const preflightRun = loose({ online: z.boolean(), checks: z.array(preflightCheckSchema) });
const approval = loose({
  csr: z.string(),
  kind: z.string(),
  mode: z.string().optional(),
  subject: z.string().optional(),
  dnsNames: z.array(z.string()).default([]),
  ipAddresses: z.array(z.string()).default([]),
  passed: z.array(z.string()).default([]),
  checks: z.array(csrCheckSchema).optional(),
  verdict: z.string().optional(),
});
const overrideList = z.array(z.object({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).default({}) }));
const workerIgnSource = loose({ origin: z.string(), sha512: z.string() });

function detailsOf<T>(schema: z.ZodType<T>, entry: AuditEntry): T | undefined {
  const r = schema.safeParse(entry.details);
  return r.success ? r.data : undefined;
}

const baseName = (path: string) => path.split(/[\\/]/).pop() ?? path;

export function artifactFacts(job: Job, timeline: readonly AuditEntry[]): ReportArtifact[] {
  const out: ReportArtifact[] = [];
  for (const e of timeline) {
    const d = e.action === 'artifact.used' ? detailsOf(artifactUse, e) : undefined;
    if (d) out.push({ at: e.at, kind: d.kind, name: d.name, source: d.source, sha256: d.sha256, verified: d.checkedAgainstPublished ?? false });
  }
  const assisted = assistedDataSchema.safeParse(job.data.assisted ?? {});
  const iso = assisted.success ? assisted.data.iso : undefined;
  if (iso)
    out.push({
      at: iso.downloadedAt,
      kind: 'discovery-iso',
      name: baseName(iso.path),
      source: `Assisted Installer infra-env ${assisted.data!.infraEnv?.id ?? ''}`.trim(),
      ...(iso.sha256 ? { sha256: iso.sha256 } : {}),
    });
  const manual = manualStateSchema.safeParse(job.data.manual);
  if (manual.success && manual.data.workerIgn) {
    const w = manual.data.workerIgn;
    out.push({ at: w.loadedAt, kind: 'worker-ign', name: 'worker.ign', source: w.origin, sha512: w.sha512 });
  } else {
    const e = [...timeline].reverse().find((x) => x.action === 'manual.workerIgn');
    const d = e ? detailsOf(workerIgnSource.partial(), e) : undefined;
    if (e && d?.sha512) out.push({ at: e.at, kind: 'worker-ign', name: 'worker.ign', source: 'worker.ign', sha512: d.sha512 });
  }
  if (manual.success && manual.data.generated) {
    for (const f of manual.data.generated.files) out.push({ at: manual.data.generated.generatedAt, kind: 'generated', name: f.name, source: `jobs/${job.id}/manual/`, sha512: f.sha512 });
  }
  const builds = isoJobDataSchema.safeParse(job.data.iso ?? {});
  for (const b of builds.success ? builds.data.builds : []) {
    out.push({ at: b.at, kind: 'source-iso', name: baseName(b.sourcePath), source: b.sourcePath, ...(b.sourceSha256 ? { sha256: b.sourceSha256 } : {}) });
    // a stick written straight from the source has no customised file to list (its write is in the USB section)
    if (b.mode !== 'stick') out.push({ at: b.at, kind: 'custom-iso', name: baseName(b.outputPath), source: b.outputPath, ...(b.outputSha256 ? { sha256: b.outputSha256 } : {}) });
  }
  return dedupe(out);
}

/** The same file reached the job by several routes (downloaded, then customised, then written): list it once, first route wins. */
function dedupe(list: ReportArtifact[]): ReportArtifact[] {
  const seen = new Set<string>();
  return list.filter((a) => {
    const key = a.sha256 ?? a.sha512 ?? `${a.kind}:${a.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function usbFacts(timeline: readonly AuditEntry[]): ReportUsbWrite[] {
  return timeline.flatMap((e) => {
    const d = e.action === 'usb.write' ? detailsOf(usbWrite, e) : undefined;
    if (!d) return [];
    return [
      {
        at: e.at,
        state: d.state,
        drive: d.driveName,
        target: d.byId ?? d.device,
        image: d.imageName,
        ...(d.sha256 ? { sha256: d.sha256 } : {}),
        ...(d.readBackSha256 ? { readBackSha256: d.readBackSha256 } : {}),
        verified: d.verified,
        ...(d.matchedExpected !== undefined ? { matchedExpected: d.matchedExpected } : {}),
        ...(d.errorCode ? { errorCode: d.errorCode } : {}),
      },
    ];
  });
}

export function preflightFact(timeline: readonly AuditEntry[]): ReportPreflight | undefined {
  const e = [...timeline].reverse().find((x) => x.action === 'cluster.preflight');
  const d = e ? detailsOf(preflightRun, e) : undefined;
  return e && d ? { at: e.at, online: d.online, checks: d.checks } : undefined;
}

export function csrFacts(timeline: readonly AuditEntry[]): ReportCsr[] {
  return timeline.flatMap((e) => {
    const d = e.action === 'csr.approve' ? detailsOf(approval, e) : undefined;
    if (!d) return [];
    // Entries written before the full checklist was recorded still name the checks that passed.
    const checks = d.checks ?? d.passed.map((id) => ({ id, outcome: 'ok' as const }));
    return [
      {
        at: e.at,
        name: d.csr,
        kind: d.kind,
        actor: e.actor,
        mode: d.mode ?? (e.actor === 'auto' ? 'auto' : 'manual'),
        ...(d.subject ? { subject: d.subject } : {}),
        sans: [...d.dnsNames, ...d.ipAddresses],
        verdict: d.verdict ?? 'approve',
        checks,
      },
    ];
  });
}

export function nodeReadyFact(job: Job, timeline: readonly AuditEntry[]): ReportNodeReady | undefined {
  const e = [...timeline].reverse().find((x) => x.action === 'cluster.nodeReady');
  const data = clusterDataSchema.safeParse(job.data.cluster);
  const at = (data.success ? data.data.join?.nodeReadyAt : undefined) ?? e?.at;
  if (!at) return undefined;
  const node = typeof e?.details?.node === 'string' ? e.details.node : undefined;
  const version = typeof e?.details?.version === 'string' ? e.details.version : undefined;
  return { at, ...(node ? { node } : {}), ...(version ? { version } : {}) };
}

export function overrideFacts(job: Job, timeline: readonly AuditEntry[], preflight: ReportPreflight | undefined, ready: ReportNodeReady | undefined): ReportOverride[] {
  const out: ReportOverride[] = [];
  for (const e of timeline) {
    const list = overrideList.safeParse(e.details?.overrides);
    if (list.success) for (const o of list.data) out.push({ at: e.at, code: o.code, params: o.params });
  }
  // Pre-flight warnings and failures count as overridden once the job went on (or finished) after that run.
  if (preflight && (job.status === 'done' || timeline.some((e) => e.at > preflight.at && e.action !== 'cluster.preflight'))) {
    for (const c of preflight.checks.filter((x) => x.status === 'warn' || x.status === 'fail')) out.push({ at: preflight.at, code: 'preflight', params: { status: c.status }, check: c });
  }
  if (job.status === 'done' && !ready) {
    const closed = [...timeline].reverse().find((e) => e.action === 'job.status' && e.details?.to === 'done');
    out.push({ at: closed?.at ?? job.updatedAt, code: 'doneWithoutReady', params: {} });
  }
  return out.sort((a, b) => a.at.localeCompare(b.at));
}
