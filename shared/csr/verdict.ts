import { CLIENT_SIGNER, SERVING_SIGNER, NODE_BOOTSTRAPPER, NODE_BOOTSTRAPPER_GROUPS, type CsrObject, type NodeAddress } from './types';
import { canonicalIp, ipInCidr, sameIp } from './ip';
import { nodeSubjectProblems, type RequestNames, type SubjectAttribute } from './subject';

/**
 * The approver checklist (docs: usb-and-csr.md §B.4) as a pure function: one CSR + what the job knows
 * about the worker being added → approve / reject / ignore / wait / done, with every check and its
 * outcome so the technician (and the audit log) sees why. Parsing the PKCS#10 is done outside (it
 * needs WebCrypto); this module receives the parsed result.
 */

export interface ParsedCsrRequest extends RequestNames {
  /** For display: every subject attribute in request order */
  subject: string;
  subjectAttributes: SubjectAttribute[];
  /** The CN as Go reads it (the last one): what a certificate would be issued for */
  commonName?: string;
  /** Subject O values, in order */
  organizations: string[];
  keyType: 'RSA' | 'ECDSA' | 'Ed25519' | 'other';
  keyBits?: number;
  curve?: string;
  signatureValid: boolean;
}

export type CsrParseResult = { ok: true; request: ParsedCsrRequest } | { ok: false; reason: string };

export interface ExpectedWorker {
  /** The node name exactly as the kubelet registers it (short name vs FQDN matters) */
  nodeName: string;
  /** The worker's planned/known IP addresses and/or machine-network CIDRs */
  addresses?: string[];
  /** CSRs created before this moment (ISO) are stale leftovers, not this join */
  notBefore?: string;
}

export interface VerdictContext {
  expected: ExpectedWorker;
  /** The Node object of the expected name, when it exists */
  node?: { exists: boolean; addresses?: NodeAddress[] };
}

export type CsrKind = 'client' | 'serving' | 'other';
export type Verdict = 'approve' | 'reject' | 'ignore' | 'wait' | 'done';
export type CheckOutcome = 'ok' | 'fail' | 'warn';

/** One line of the checklist; `id` names the i18n key cluster.checks.<id>.<outcome>. */
export interface CsrCheck {
  id: string;
  outcome: CheckOutcome;
  params?: Record<string, string | number>;
}

export interface CsrVerdict {
  name: string;
  kind: CsrKind;
  verdict: Verdict;
  /** The node the CSR is for, from its CN (system:node:<name>) */
  nodeName?: string;
  checks: CsrCheck[];
  /** The check that decided a non-approve verdict */
  decidedBy?: CsrCheck;
}

const CLIENT_USAGES = [
  ['digital signature', 'client auth'],
  ['key encipherment', 'digital signature', 'client auth'],
];
const SERVING_USAGES = [
  ['digital signature', 'server auth'],
  ['key encipherment', 'digital signature', 'server auth'],
];
/** kubelet-csr-approver's cap; the kubelet itself asks for none (the signer's default applies) */
const MAX_EXPIRATION_SECONDS = 367 * 86_400;
/** Clock skew tolerated on the CSR window's lower bound */
const WINDOW_SKEW_MS = 10 * 60_000;
const NODE_PREFIX = 'system:node:';

export function csrKind(csr: Pick<CsrObject, 'spec'>): CsrKind {
  if (csr.spec.signerName === CLIENT_SIGNER) return 'client';
  if (csr.spec.signerName === SERVING_SIGNER) return 'serving';
  return 'other';
}

/** Approved / Denied / Failed / Issued / Pending, as `kubectl get csr` shows it. */
export function csrCondition(csr: CsrObject): string {
  const types = (csr.status?.conditions ?? []).filter((c) => c.status === 'True').map((c) => c.type);
  const text = types.length ? types.join(',') : 'Pending';
  return types.includes('Approved') && csr.status?.certificate ? `${text},Issued` : text;
}

export function isPending(csr: CsrObject): boolean {
  return !(csr.status?.conditions ?? []).some((c) => ['Approved', 'Denied', 'Failed'].includes(c.type)) && !csr.status?.certificate;
}

export function normaliseDns(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

export function judgeCsr(csr: CsrObject, parsed: CsrParseResult, ctx: VerdictContext): CsrVerdict {
  const kind = csrKind(csr);
  const name = csr.metadata.name;
  const checks: CsrCheck[] = [];
  const add = (id: string, ok: boolean | 'warn', params?: CsrCheck['params']): CsrCheck => {
    const check: CsrCheck = { id, outcome: ok === 'warn' ? 'warn' : ok ? 'ok' : 'fail', ...(params ? { params } : {}) };
    checks.push(check);
    return check;
  };
  const finish = (verdict: Verdict, decidedBy?: CsrCheck, nodeName?: string): CsrVerdict => ({
    name,
    kind,
    verdict,
    ...(nodeName !== undefined ? { nodeName } : {}),
    checks,
    ...(decidedBy ? { decidedBy } : {}),
  });

  // 7. Other signers (OVN, Multus, plain client certs) have their own approvers: leave them alone.
  if (kind === 'other') return finish('ignore', add('signer', false, { signer: csr.spec.signerName }));
  add('signer', true, { signer: csr.spec.signerName });

  const cnName = parsed.ok && parsed.request.commonName?.startsWith(NODE_PREFIX) ? parsed.request.commonName.slice(NODE_PREFIX.length) : undefined;

  // 2. Already decided: nothing to do, whoever did it.
  const conditions = csr.status?.conditions ?? [];
  for (const type of ['Denied', 'Failed', 'Approved'] as const) {
    if (conditions.some((c) => c.type === type && c.status === 'True')) return finish('done', add('state', 'warn', { state: csrCondition(csr) }), cnName);
  }

  // 1. Shape
  if (csr.apiVersion !== undefined || csr.kind !== undefined) {
    const okShape = csr.apiVersion === 'certificates.k8s.io/v1' && csr.kind === 'CertificateSigningRequest';
    const shape = add('apiVersion', okShape, { apiVersion: `${csr.apiVersion ?? '-'} ${csr.kind ?? '-'}` });
    if (!okShape) return finish('reject', shape, cnName);
  }

  // 4. The request itself
  if (!parsed.ok) return finish('reject', add('pem', false, { reason: parsed.reason }), cnName);
  const req = parsed.request;
  add('pem', true);
  const sig = add('signature', req.signatureValid);
  const failures: CsrCheck[] = sig.outcome === 'fail' ? [sig] : [];
  const must = (check: CsrCheck) => {
    if (check.outcome === 'fail') failures.push(check);
  };
  // Where our reading and Go's (the signer's, kubectl's) could differ, we refuse rather than guess.
  must(add('requestEncoding', req.ambiguities.length === 0, { problems: req.ambiguities.join('; ') || '-' }));
  const subjectProblems = nodeSubjectProblems(req.subjectAttributes);
  must(add('subjectShape', subjectProblems.length === 0, { subject: req.subject || '-', problems: subjectProblems.join('; ') || '-' }));

  // 5. Key strength
  const keyText = req.keyType === 'RSA' ? `RSA ${req.keyBits ?? '?'}` : req.keyType === 'ECDSA' ? `ECDSA ${req.curve ?? '?'}` : req.keyType;
  must(add('key', (req.keyType === 'RSA' && (req.keyBits ?? 0) >= 2048) || (req.keyType === 'ECDSA' && (req.curve === 'P-256' || req.curve === 'P-384')), { key: keyText }));

  // 6. Requested lifetime
  const exp = csr.spec.expirationSeconds;
  if (exp !== undefined) must(add('expiration', exp >= 600 && exp <= MAX_EXPIRATION_SECONDS, { days: Math.round(exp / 86_400) }));

  // 3. Created while this worker is joining (not a leftover)
  if (ctx.expected.notBefore && csr.metadata.creationTimestamp) {
    const created = Date.parse(csr.metadata.creationTimestamp);
    const start = Date.parse(ctx.expected.notBefore);
    if (Number.isFinite(created) && Number.isFinite(start)) must(add('window', created >= start - WINDOW_SKEW_MS, { created: csr.metadata.creationTimestamp, start: ctx.expected.notBefore }));
  }

  const usages = [...new Set(csr.spec.usages ?? [])];
  const usageSets = kind === 'client' ? CLIENT_USAGES : SERVING_USAGES;
  must(add('usages', usageSets.some((set) => sameSet(set, usages)) && usages.length === (csr.spec.usages ?? []).length, { usages: usages.join(', ') || '-' }));

  must(add('organization', req.organizations.length === 1 && req.organizations[0] === 'system:nodes', { o: req.organizations.join(', ') || '-' }));
  const cnCheck = add('commonName', cnName !== undefined && cnName.length > 0, { cn: req.commonName ?? '-' });
  must(cnCheck);

  const sans = [...req.dnsNames, ...req.ipAddresses, ...req.emails, ...req.uris, ...req.otherSans];
  const username = csr.spec.username ?? '';
  const groups = csr.spec.groups ?? [];
  if (kind === 'client') {
    // 10-14: only the node-bootstrapper service account, exact groups, no SANs
    must(add('requestor', username === NODE_BOOTSTRAPPER, { username: username || '-' }));
    must(add('bootstrapGroups', sameSet(groups, NODE_BOOTSTRAPPER_GROUPS), { groups: groups.join(', ') || '-' }));
    must(add('noSans', sans.length === 0, { sans: sans.join(', ') }));
  } else {
    // 18-21: the node itself, CN == username, node groups, at least one DNS/IP SAN and nothing else
    must(add('servingRequestor', username.startsWith(NODE_PREFIX) && username.length > NODE_PREFIX.length && username === req.commonName, { username: username || '-', cn: req.commonName ?? '-' }));
    must(add('servingGroups', groups.includes('system:nodes') && groups.includes('system:authenticated'), { groups: groups.join(', ') || '-' }));
    must(add('servingSans', req.dnsNames.length + req.ipAddresses.length > 0 && req.emails.length + req.uris.length + req.otherSans.length === 0, { sans: sans.join(', ') || '-' }));
  }
  if (failures.length) return finish('reject', failures[0], cnName);

  // 13/18. Is it the worker we are adding? A well-formed CSR for another node is not ours to judge.
  const expectedName = ctx.expected.nodeName.trim();
  const forUs = cnName !== undefined && cnName.toLowerCase() === expectedName.toLowerCase();
  const identity = add('nodeName', forUs, { name: cnName ?? '-', expected: expectedName });
  if (!forUs) return finish('ignore', identity, cnName);
  // The kubelet registers exactly this name; a case difference means the technician typed it differently.
  if (cnName !== expectedName) must(add('nodeNameCase', false, { name: cnName, expected: expectedName }));

  if (kind === 'client') {
    // 15. No Node of that name yet: a stale Node object from an earlier attempt needs a human.
    must(add('nodeAbsent', !ctx.node?.exists, { name: cnName }));
    if (failures.length) return finish('reject', failures[0], cnName);
    return finish('approve', undefined, cnName);
  }

  // 22. Serving: the Node must have registered (the client certificate was issued and used).
  const present = add('nodePresent', ctx.node?.exists === true, { name: cnName });
  if (present.outcome === 'fail') return finish('wait', present, cnName);
  const addresses = ctx.node?.addresses ?? [];
  const dnsAllowed = new Set([normaliseDns(cnName), ...addresses.filter((a) => ['Hostname', 'InternalDNS', 'ExternalDNS'].includes(a.type)).map((a) => normaliseDns(a.address))]);
  const badDns = req.dnsNames.filter((d) => !dnsAllowed.has(normaliseDns(d)));
  must(add('dnsSans', badDns.length === 0, { names: req.dnsNames.join(', ') || '-', bad: badDns.join(', '), node: cnName }));
  const nodeIps = addresses.filter((a) => a.type === 'InternalIP' || a.type === 'ExternalIP').map((a) => a.address);
  const badIps = req.ipAddresses.filter((ip) => !nodeIps.some((n) => sameIp(n, ip)));
  must(add('ipSans', badIps.length === 0, { ips: req.ipAddresses.map((i) => canonicalIp(i) ?? i).join(', ') || '-', bad: badIps.join(', '), node: cnName }));
  // 23. Node addresses are self-reported by the same kubelet: check IPs against what the technician planned too.
  const expectedAddrs = (ctx.expected.addresses ?? []).filter((a) => a.trim());
  if (req.ipAddresses.length) {
    if (expectedAddrs.length === 0) add('ipExpected', 'warn');
    else {
      const outside = req.ipAddresses.filter((ip) => !expectedAddrs.some((cidr) => ipInCidr(ip, cidr)));
      must(add('ipExpected', outside.length === 0, { bad: outside.join(', '), expected: expectedAddrs.join(', ') }));
    }
  }
  if (failures.length) return finish('reject', failures[0], cnName);
  return finish('approve', undefined, cnName);
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const x = new Set(a);
  const y = new Set(b);
  return x.size === y.size && [...x].every((v) => y.has(v));
}

/**
 * Which CSRs to approve now, in order: client before serving; when the kubelet retried and several
 * qualify, only the newest of each kind (older ones stay Pending and are shown as superseded).
 */
export function planApprovals(items: { csr: CsrObject; verdict: CsrVerdict }[]): { approve: string[]; superseded: string[] } {
  const approve: string[] = [];
  const superseded: string[] = [];
  for (const kind of ['client', 'serving'] as const) {
    const ok = items
      .filter((i) => i.verdict.kind === kind && i.verdict.verdict === 'approve')
      .sort((a, b) => Date.parse(b.csr.metadata.creationTimestamp ?? '') - Date.parse(a.csr.metadata.creationTimestamp ?? '') || b.csr.metadata.name.localeCompare(a.csr.metadata.name));
    if (ok[0]) approve.push(ok[0].csr.metadata.name);
    superseded.push(...ok.slice(1).map((i) => i.csr.metadata.name));
  }
  return { approve, superseded };
}
