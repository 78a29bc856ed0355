import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { startKubeApiSimulator, type KubeApiSimulator } from '../../../electron/services/simulators/kube-api-simulator';
import { csrObjectFor } from '../../../electron/services/simulators/kubelet-csr';
import { parseCsrRequest } from '../../../electron/services/cluster/csr-parse';
import { judgeCsr } from '../../../shared/csr/verdict';
import { goNameView } from '../../../shared/csr/subject';
import type { CsrObject } from '../../../shared/csr/types';
import type { ParsedCsrRequest } from '../../../shared/csr/verdict';
import { buildCsrPem, nodeSubject, OID, sanExtension, STRING, tlv } from '../../support/csr-builder';
import { OPENSSL_STRING, OPENSSL_TYPE, parseKubectlDescribe, parseOpensslText, type KubectlCsrView, type OpensslCsrView } from '../../support/csr-tool-views';
import { requireKubectl, requirePeer } from '../../support/peers';

// Issue #13.1: what our parser reads from a CSR must be what Go (the signer, via the real kubectl
// 1.20 `describe csr`, built with Go 1.19) and openssl read, for CSRs made by openssl and byte by
// byte. Where readers cannot agree (duplicate or split extension requests) the CSR must be rejected.
const KUBECTL = requireKubectl();
const OPENSSL = requirePeer('openssl', 'openssl');
const run = promisify(execFile);

let sim: KubeApiSimulator;
let dir: string;
let kubeconfig: string;
let keyFile: string;

beforeAll(async () => {
  if (!existsSync(KUBECTL)) throw new Error(`kubectl 1.20 missing at ${KUBECTL}: run npm run setup:peers`);
  dir = mkdtempSync(join(tmpdir(), 'sfk-csrdiff-'));
  sim = await startKubeApiSimulator({ nodes: [{ name: 'sno-0', roles: ['master', 'worker'], ready: true }] });
  kubeconfig = join(dir, 'kubeconfig');
  sim.writeKubeconfig(kubeconfig);
  keyFile = join(dir, 'key.pem');
  writeFileSync(keyFile, generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
}, 60_000);
afterAll(() => sim?.close());

interface Case {
  label: string;
  pem: string;
}

type Rdn = [type: string, value: string][];

async function opensslCsr(label: string, rdns: Rdn[], sans: string[] = []): Promise<Case> {
  const out = join(dir, `${label}.csr`);
  const subj = `/${rdns.map((rdn) => rdn.map(([t, v]) => `${t}=${v}`).join('+')).join('/')}`;
  const args = [
    'req',
    '-new',
    '-key',
    keyFile,
    '-subj',
    subj,
    ...(rdns.some((r) => r.length > 1) ? ['-multivalue-rdn'] : []),
    ...(sans.length ? ['-addext', `subjectAltName=${sans.join(',')}`] : []),
    '-out',
    out,
  ];
  await run(OPENSSL, args);
  return { label, pem: readFileSync(out, 'utf8') };
}

async function opensslView(pem: string): Promise<OpensslCsrView> {
  const file = join(dir, 'view.csr');
  writeFileSync(file, pem);
  const { stdout } = await run(OPENSSL, ['req', '-in', file, '-noout', '-subject', '-text', '-nameopt', 'sep_multiline,sname,utf8,show_type,space_eq']);
  return parseOpensslText(stdout);
}

/** Every case into the simulator, then one real `kubectl describe csr` for all of them. */
async function kubectlViews(cases: Case[]): Promise<Map<string, KubectlCsrView>> {
  const names = cases.map((c) => {
    const name = `diff-${c.label}`;
    sim.addCsr(csrObjectFor('client', c.pem, 'worker-1', name));
    return name;
  });
  const { stdout } = await run(KUBECTL, ['--kubeconfig', kubeconfig, '--cache-dir', join(dir, 'cache'), 'describe', 'csr', ...names], { timeout: 120_000, maxBuffer: 16 * 1024 * 1024 });
  return new Map(parseKubectlDescribe(stdout).map((v) => [v.name.replace(/^diff-/, ''), v]));
}

async function ours(pem: string): Promise<ParsedCsrRequest> {
  const parsed = await parseCsrRequest(Buffer.from(pem).toString('base64'));
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.request;
}

async function servingVerdict(pem: string) {
  const csr = csrObjectFor('serving', pem, 'worker-1') as CsrObject;
  return judgeCsr(csr, await parseCsrRequest(csr.spec.request), { expected: { nodeName: 'worker-1' }, node: { exists: true, addresses: [{ type: 'Hostname', address: 'worker-1' }] } });
}

function expectSameAsKubectl(label: string, our: ParsedCsrRequest, go: KubectlCsrView) {
  const { commonName, serialNumber, organization, organizationalUnit, country, locality, province, streetAddress, postalCode } = go;
  expect(goNameView(our.subjectAttributes), label).toEqual({ commonName, serialNumber, organization, organizationalUnit, country, locality, province, streetAddress, postalCode });
  expect(our.commonName ?? '', label).toBe(go.commonName);
  expect(our.organizations, label).toEqual(go.organization);
  expect({ dns: our.dnsNames, emails: our.emails, uris: our.uris, ips: our.ipAddresses }, label).toEqual({ dns: go.dnsNames, emails: go.emails, uris: go.uris, ips: go.ipAddresses });
}

function expectSameAsOpenssl(label: string, our: ParsedCsrRequest, view: OpensslCsrView) {
  const rdns = [...new Set(our.subjectAttributes.map((a) => a.rdn))].map((rdn) =>
    our.subjectAttributes.filter((a) => a.rdn === rdn).map((a) => ({ type: OPENSSL_TYPE[a.type] ?? a.type, stringType: OPENSSL_STRING[a.stringType] ?? a.stringType, value: a.value ?? '' })),
  );
  const sorted = (list: typeof rdns) => list.map((rdn) => [...rdn].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))));
  // a multi-valued RDN is a SET: openssl may list its parts in another order
  expect(sorted(rdns), label).toEqual(sorted(view.rdns));
  const sans = view.sanExtensions.flat();
  const of = (kind: string) => sans.filter((s) => s.kind === kind).map((s) => s.value);
  expect({ dns: our.dnsNames, emails: our.emails, uris: our.uris, ips: our.ipAddresses }, label).toEqual({ dns: of('DNS'), emails: of('email'), uris: of('URI'), ips: of('IP Address') });
  expect(our.otherSans.length, label).toBe(sans.length - of('DNS').length - of('email').length - of('URI').length - of('IP Address').length);
}

/** The one safety property, checked against Go's own reading: approve only O=system:nodes, CN=system:node:worker-1, no SAN. */
async function expectVerdictMatchesGo(c: Case, our: ParsedCsrRequest, go: KubectlCsrView) {
  const csr = csrObjectFor('client', c.pem, 'worker-1') as CsrObject;
  const verdict = judgeCsr(csr, await parseCsrRequest(csr.spec.request), { expected: { nodeName: 'worker-1' } });
  const kubeletShaped = our.subjectAttributes.length === 2 && our.subjectAttributes[0]!.rdn !== our.subjectAttributes[1]!.rdn;
  const goSaysWorker =
    go.commonName === 'system:node:worker-1' && JSON.stringify(go.organization) === '["system:nodes"]' && go.organizationalUnit.length + go.country.length + go.serialNumber.length === 0;
  const noSans = go.dnsNames.length + go.emails.length + go.uris.length + go.ipAddresses.length + our.otherSans.length === 0;
  expect(verdict.verdict === 'approve', `${c.label}: ${verdict.verdict} (${verdict.decidedBy?.id ?? ''})`).toBe(kubeletShaped && goSaysWorker && noSans);
}

const fixedCases: [string, Rdn[], string[]?][] = [
  ['two-cn-worker-first', [[['O', 'system:nodes']], [['CN', 'system:node:worker-1']], [['CN', 'system:node:sno-0']]]],
  ['two-cn-worker-last', [[['O', 'system:nodes']], [['CN', 'system:node:sno-0']], [['CN', 'system:node:worker-1']]]],
  ['two-o', [[['O', 'system:nodes']], [['O', 'system:masters']], [['CN', 'system:node:worker-1']]]],
  [
    'multi-valued',
    [
      [
        ['O', 'system:nodes'],
        ['CN', 'system:node:worker-1'],
      ],
    ],
  ],
  ['extra-attributes', [[['C', 'US']], [['O', 'system:nodes']], [['OU', 'ops']], [['serialNumber', '7']], [['serialNumber', '8']], [['CN', 'system:node:worker-1']]]],
  ['prefix-case', [[['O', 'system:nodes']], [['CN', 'System:Node:worker-1']]]],
  ['kubelet-shape', [[['O', 'system:nodes']], [['CN', 'system:node:worker-1']]]],
  [
    'san-kinds',
    [[['O', 'system:nodes']], [['CN', 'system:node:worker-1']]],
    ['DNS:worker-1', 'IP:192.168.50.21', 'URI:spiffe://cluster/ns/x', 'email:root@worker-1', 'IP:fd00::1', 'IP:::ffff:192.168.50.22'],
  ],
  ['san-go-skips', [[['O', 'system:nodes']], [['CN', 'system:node:worker-1']]], ['otherName:1.3.6.1.4.1.311.20.2.3;UTF8:x', 'RID:1.2.3.4']],
];

const POOLS: Record<string, string[]> = {
  CN: ['system:node:worker-1', 'system:node:sno-0', 'System:Node:worker-1', 'SYSTEM:NODE:worker-1', 'system:node:Worker-1'],
  O: ['system:nodes', 'system:nodes', 'system:masters'],
  OU: ['ops', 'field kit'],
  C: ['US', 'CN'],
  serialNumber: ['1', '42'],
  L: ['Berlin'],
  ST: ['BY'],
};
const attribute = fc.constantFrom('CN', 'CN', 'CN', 'O', 'O', 'O', 'OU', 'C', 'serialNumber', 'L', 'ST').chain((t) => fc.constantFrom(...POOLS[t]!).map((v): [string, string] => [t, v]));
const generated = fc.record({
  rdns: fc.array(fc.oneof({ weight: 4, arbitrary: attribute.map((a) => [a]) }, { weight: 1, arbitrary: fc.tuple(attribute, attribute) }), { minLength: 1, maxLength: 4 }),
  sans: fc.subarray(['DNS:worker-1', 'DNS:sno-0', 'IP:192.168.50.21', 'IP:fd00::1', 'IP:::ffff:192.168.50.22', 'URI:spiffe://c/x', 'email:a@example.com'], { maxLength: 3 }),
});

describe('our CSR parser reads what kubectl 1.20 (Go) and openssl read', () => {
  it('openssl-made CSRs: two CNs either way, two Os, multi-valued RDNs, extra attributes, prefix case, every SAN kind, and 24 generated ones', async () => {
    const cases = await Promise.all(fixedCases.map(([label, rdns, sans]) => opensslCsr(label, rdns, sans)));
    const samples = fc.sample(generated, { numRuns: 24, seed: 20260113 });
    for (const [i, s] of samples.entries()) cases.push(await opensslCsr(`gen-${i}`, s.rdns, s.sans));
    const go = await kubectlViews(cases);
    expect(go.size).toBe(cases.length);
    for (const c of cases) {
      const our = await ours(c.pem);
      expectSameAsKubectl(c.label, our, go.get(c.label)!);
      expectSameAsOpenssl(c.label, our, await opensslView(c.pem));
      await expectVerdictMatchesGo(c, our, go.get(c.label)!);
    }
    // the attack from the issue, spelled out: Go reads the control plane's name, and we refuse
    expect(go.get('two-cn-worker-first')!.commonName).toBe('system:node:sno-0');
    expect((await ours(cases[0]!.pem)).commonName).toBe('system:node:sno-0');
  }, 180_000);

  it('byte-built CSRs with string types openssl does not pick (BMPString, IA5String CN) read the same', async () => {
    const cases: Case[] = [STRING.bmp, STRING.ia5].map((tag) => ({
      label: `cn-type-${tag}`,
      pem: buildCsrPem({ subject: [[{ oid: OID.o, value: 'system:nodes', tag: STRING.printable }], [{ oid: OID.cn, value: 'system:node:worker-1', tag }]] }),
    }));
    const go = await kubectlViews(cases);
    for (const c of cases) {
      const our = await ours(c.pem);
      expectSameAsKubectl(c.label, our, go.get(c.label)!);
      expectSameAsOpenssl(c.label, our, await opensslView(c.pem));
      const verdict = judgeCsr(csrObjectFor('client', c.pem, 'worker-1') as CsrObject, { ok: true, request: our }, { expected: { nodeName: 'worker-1' } });
      expect(verdict.decidedBy?.id).toBe('subjectShape');
    }
  }, 120_000);

  it("two SAN extensions: kubectl's Go refuses the request, openssl shows both, we reject it", async () => {
    const pem = buildCsrPem({ subject: nodeSubject('system:node:worker-1'), extensionRequests: [[[sanExtension([{ dns: 'worker-1' }]), sanExtension([{ dns: 'sno-0' }])]]] });
    sim.addCsr(csrObjectFor('client', pem, 'worker-1', 'diff-dup-san'));
    const refused = await run(KUBECTL, ['--kubeconfig', kubeconfig, '--cache-dir', join(dir, 'cache'), 'describe', 'csr', 'diff-dup-san']).catch((e: { stderr: string }) => e);
    expect((refused as { stderr: string }).stderr).toContain('duplicate requested extensions');
    expect((await opensslView(pem)).sanExtensions.map((e) => e.map((x) => x.value))).toEqual([['worker-1'], ['sno-0']]);
    const verdict = await servingVerdict(pem);
    expect(verdict).toMatchObject({ verdict: 'reject', decidedBy: { id: 'requestEncoding', params: { problems: 'extension 2.5.29.17 ×2' } } });
  }, 120_000);

  it('two extensionRequest attributes: Go merges them and sees the SAN of the second, openssl only the first; we reject', async () => {
    const keyUsage = { oid: '2.5.29.15', value: tlv(0x03, Uint8Array.of(0x05, 0xa0)) };
    const pem = buildCsrPem({ subject: nodeSubject('system:node:worker-1'), extensionRequests: [[[keyUsage]], [[sanExtension([{ dns: 'sno-0' }])]]] });
    const go = (await kubectlViews([{ label: 'two-requests', pem }])).get('two-requests')!;
    expect(go.dnsNames).toEqual(['sno-0']);
    expect((await opensslView(pem)).sanExtensions).toEqual([]);
    expect((await servingVerdict(pem)).decidedBy).toMatchObject({ id: 'requestEncoding', params: { problems: 'extensionRequest attribute ×2' } });
  }, 120_000);
});
