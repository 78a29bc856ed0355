import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fixturePath } from '../../support/fixtures';
import { parseCsrRequest } from '../../../electron/services/cluster/csr-parse';
import { judgeCsr, planApprovals, type VerdictContext } from '../../../shared/csr/verdict';
import { canonicalIp, ipInCidr, sameIp } from '../../../shared/csr/ip';
import type { CsrObject } from '../../../shared/csr/types';
import { generateKubeletCsrPem, kubeletCsrObject } from '../../../electron/services/simulators/kubelet-csr';

interface Case {
  file: string;
  kind: string;
  context: { expectedNodeName: string; nodeObjectExists: boolean; nodeAddresses?: { type: string; address: string }[] };
  verdict: string;
}
const expected = JSON.parse(readFileSync(fixturePath('csr', 'expected.json'), 'utf8')) as { cases: Case[] };
const load = (file: string) => JSON.parse(readFileSync(fixturePath('csr', file), 'utf8')) as CsrObject;

async function judge(csr: CsrObject, ctx: VerdictContext) {
  return judgeCsr(csr, await parseCsrRequest(csr.spec.request), ctx);
}

describe('reference CSRs (test/fixtures/csr/expected.json)', () => {
  for (const c of expected.cases) {
    it(`${c.file} for ${c.context.expectedNodeName} → ${c.verdict}`, async () => {
      const v = await judge(load(c.file), {
        expected: { nodeName: c.context.expectedNodeName },
        node: { exists: c.context.nodeObjectExists, addresses: c.context.nodeAddresses ?? [] },
      });
      expect(v.kind).toBe(c.kind);
      expect(v.verdict).toBe(c.verdict);
      if (c.verdict !== 'approve') expect(v.decidedBy?.outcome).toBe('fail');
    });
  }

  it('explains the reasons: wrong CN, DNS SAN on a client CSR, IP not of the node', async () => {
    expect((await judge(load('client-bootstrapper-wrong-cn.json'), { expected: { nodeName: 'zebra' } })).decidedBy).toMatchObject({ id: 'commonName', params: { cn: 'system:notnode:zebra' } });
    expect((await judge(load('client-bootstrapper-with-dns-san.json'), { expected: { nodeName: 'monkey' } })).decidedBy).toMatchObject({ id: 'noSans', params: { sans: 'banana' } });
    const extra = await judge(load('serving-node-extra-ip.json'), {
      expected: { nodeName: 'test' },
      node: {
        exists: true,
        addresses: [
          { type: 'InternalIP', address: '127.0.0.1' },
          { type: 'ExternalIP', address: '10.0.0.1' },
          { type: 'InternalDNS', address: 'node1.local' },
          { type: 'ExternalDNS', address: 'node1' },
        ],
      },
    });
    expect(extra.decidedBy).toMatchObject({ id: 'ipSans', params: { bad: '99.0.1.1' } });
  });

  it('parses the reference PKCS#10: subject, SANs, RSA 2048, signature', async () => {
    const parsed = await parseCsrRequest(load('serving-node-valid.json').spec.request);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.request).toMatchObject({ commonName: 'system:node:test', organizations: ['system:nodes'], keyType: 'RSA', keyBits: 2048, signatureValid: true });
    expect(parsed.request.dnsNames.sort()).toEqual(['node1', 'node1.local']);
    expect(parsed.request.ipAddresses.sort()).toEqual(['10.0.0.1', '127.0.0.1']);
  });
});

describe('CSRs generated like a kubelet', () => {
  for (const keyType of ['ecdsa-p256', 'rsa-2048'] as const) {
    it(`${keyType}: client approves before the Node exists, serving approves once it does`, async () => {
      const client = (await kubeletCsrObject('client', 'worker-1.example.com', { keyType })) as CsrObject;
      client.metadata.creationTimestamp = new Date().toISOString();
      const ctx: VerdictContext = { expected: { nodeName: 'worker-1.example.com', addresses: ['192.168.50.0/24'], notBefore: new Date(Date.now() - 60_000).toISOString() } };
      const vc = await judge(client, ctx);
      expect(vc.verdict).toBe('approve');
      expect(vc.checks.find((c) => c.id === 'key')?.params?.key).toBe(keyType === 'rsa-2048' ? 'RSA 2048' : 'ECDSA P-256');

      const serving = (await kubeletCsrObject('serving', 'worker-1.example.com', { keyType, addresses: ['192.168.50.21'] })) as CsrObject;
      expect((await judge(serving, ctx)).verdict).toBe('wait');
      const node = {
        exists: true,
        addresses: [
          { type: 'InternalIP', address: '192.168.50.21' },
          { type: 'Hostname', address: 'worker-1.example.com' },
        ],
      };
      expect((await judge(serving, { ...ctx, node })).verdict).toBe('approve');
      // the same client CSR once the Node exists is a stale/duplicate join: a human decides
      expect((await judge(client, { ...ctx, node })).decidedBy?.id).toBe('nodeAbsent');
    });
  }

  it('rejects a tampered signature', async () => {
    const pem = await generateKubeletCsrPem({ commonName: 'system:node:w1' });
    const der = Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
    der[der.length - 5] = der[der.length - 5]! ^ 0xff;
    const tampered = `-----BEGIN CERTIFICATE REQUEST-----\n${der.toString('base64')}\n-----END CERTIFICATE REQUEST-----\n`;
    const csr = (await kubeletCsrObject('client', 'w1')) as CsrObject;
    csr.spec.request = Buffer.from(tampered).toString('base64');
    const v = await judge(csr, { expected: { nodeName: 'w1' } });
    expect(v.verdict).toBe('reject');
    expect(v.decidedBy?.id).toBe('signature');
  });

  it('rejects garbage, two PEM blocks, and a certificate instead of a request', async () => {
    const csr = (await kubeletCsrObject('client', 'w1')) as CsrObject;
    const pem = Buffer.from(csr.spec.request, 'base64').toString();
    for (const request of [Buffer.from('hello').toString('base64'), Buffer.from(pem + pem).toString('base64'), Buffer.from(pem.replaceAll('CERTIFICATE REQUEST', 'CERTIFICATE')).toString('base64')]) {
      const v = await judge({ ...csr, spec: { ...csr.spec, request } }, { expected: { nodeName: 'w1' } });
      expect(v.verdict).toBe('reject');
      expect(v.decidedBy?.id).toBe('pem');
    }
  });

  it('rejects a client CSR from someone other than node-bootstrapper, or with extra groups', async () => {
    const csr = (await kubeletCsrObject('client', 'w1')) as CsrObject;
    expect((await judge({ ...csr, spec: { ...csr.spec, username: 'system:admin' } }, { expected: { nodeName: 'w1' } })).decidedBy?.id).toBe('requestor');
    expect((await judge({ ...csr, spec: { ...csr.spec, groups: [...csr.spec.groups!, 'system:masters'] } }, { expected: { nodeName: 'w1' } })).decidedBy?.id).toBe('bootstrapGroups');
    expect((await judge({ ...csr, spec: { ...csr.spec, usages: ['digital signature', 'client auth', 'server auth'] } }, { expected: { nodeName: 'w1' } })).decidedBy?.id).toBe('usages');
  });

  it('rejects a serving CSR whose username is another node, and an IP outside the planned addresses', async () => {
    const serving = (await kubeletCsrObject('serving', 'w1', { addresses: ['10.1.1.5'] })) as CsrObject;
    const node = { exists: true, addresses: [{ type: 'InternalIP', address: '10.1.1.5' }] };
    expect((await judge({ ...serving, spec: { ...serving.spec, username: 'system:node:w2' } }, { expected: { nodeName: 'w1' }, node })).decidedBy?.id).toBe('servingRequestor');
    const outside = await judge(serving, { expected: { nodeName: 'w1', addresses: ['192.168.0.0/16'] }, node });
    expect(outside.verdict).toBe('reject');
    expect(outside.decidedBy).toMatchObject({ id: 'ipExpected', params: { bad: '10.1.1.5' } });
    // without planned addresses it still approves, with a warning that only self-reported addresses were checked
    const noPlan = await judge(serving, { expected: { nodeName: 'w1' }, node });
    expect(noPlan.verdict).toBe('approve');
    expect(noPlan.checks.find((c) => c.id === 'ipExpected')?.outcome).toBe('warn');
  });

  it('ignores other signers (OVN, Multus) and CSRs for other nodes; reports decided ones as done', async () => {
    const csr = (await kubeletCsrObject('client', 'w1')) as CsrObject;
    expect((await judge({ ...csr, spec: { ...csr.spec, signerName: 'kubernetes.io/kube-apiserver-client', username: 'system:node:w1' } }, { expected: { nodeName: 'w1' } })).verdict).toBe('ignore');
    expect((await judge(csr, { expected: { nodeName: 'w10' } })).verdict).toBe('ignore');
    const approved = { ...csr, status: { conditions: [{ type: 'Approved', status: 'True' }] } };
    expect((await judge(approved, { expected: { nodeName: 'w1' } })).verdict).toBe('done');
  });

  it('rejects a CSR older than the join window (a leftover from an earlier attempt)', async () => {
    const csr = (await kubeletCsrObject('client', 'w1')) as CsrObject;
    csr.metadata.creationTimestamp = '2026-01-01T00:00:00Z';
    const v = await judge(csr, { expected: { nodeName: 'w1', notBefore: '2026-01-02T00:00:00Z' } });
    expect(v.decidedBy?.id).toBe('window');
  });
});

describe('planApprovals', () => {
  it('approves client before serving and only the newest of each', () => {
    const mk = (name: string, kind: 'client' | 'serving', at: string) => ({
      csr: { metadata: { name, creationTimestamp: at }, spec: { request: '', signerName: '' } } as CsrObject,
      verdict: { name, kind, verdict: 'approve' as const, checks: [] },
    });
    const plan = planApprovals([mk('s1', 'serving', '2026-01-01T00:05:00Z'), mk('c1', 'client', '2026-01-01T00:00:00Z'), mk('c2', 'client', '2026-01-01T00:01:00Z')]);
    expect(plan).toEqual({ approve: ['c2', 's1'], superseded: ['c1'] });
  });
});

describe('IP helpers', () => {
  it('compares canonical forms and CIDRs', () => {
    expect(canonicalIp('FD00:0:0::0001')).toBe('fd00::1');
    expect(sameIp('::ffff:10.0.0.1', '10.0.0.1')).toBe(true);
    expect(sameIp('10.0.0.1', '10.0.0.10')).toBe(false);
    expect(ipInCidr('192.168.50.21', '192.168.50.0/24')).toBe(true);
    expect(ipInCidr('192.168.51.21', '192.168.50.0/24')).toBe(false);
    expect(ipInCidr('fd00::5', 'fd00::/64')).toBe(true);
    expect(ipInCidr('10.0.0.1', '10.0.0.1')).toBe(true);
    expect(canonicalIp('300.1.1.1')).toBeUndefined();
  });
});
