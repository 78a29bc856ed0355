import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseCsrRequest } from '../../../electron/services/cluster/csr-parse';
import { csrObjectFor } from '../../../electron/services/simulators/kubelet-csr';
import { judgeCsr, type VerdictContext } from '../../../shared/csr/verdict';
import type { CsrObject } from '../../../shared/csr/types';
import { buildCsrPem, nodeSubject, OID, sanExtension, STRING, tlv, type Atv, type CsrSpec, type San } from '../../support/csr-builder';

// Issue #13.1: a node CSR must name exactly one node, read the way the Go signer reads it.

const worker: VerdictContext = { expected: { nodeName: 'worker-1', addresses: ['192.168.50.0/24'] } };
const workerNode: VerdictContext = {
  ...worker,
  node: {
    exists: true,
    addresses: [
      { type: 'InternalIP', address: '192.168.50.21' },
      { type: 'Hostname', address: 'worker-1' },
    ],
  },
};
const O = (value = 'system:nodes', tag: number = STRING.printable): Atv => ({ oid: OID.o, value, tag });
const CN = (value: string, tag: number = STRING.printable): Atv => ({ oid: OID.cn, value, tag });
const servingSans = (extra: San[] = []) => [[[sanExtension([{ dns: 'worker-1' }, { ip: [192, 168, 50, 21] }, ...extra])]]];

async function judge(kind: 'client' | 'serving', spec: CsrSpec, ctx: VerdictContext = kind === 'client' ? worker : workerNode) {
  const csr = csrObjectFor(kind, buildCsrPem(spec), 'worker-1') as CsrObject;
  const parsed = await parseCsrRequest(csr.spec.request);
  return { parsed, verdict: judgeCsr(csr, parsed, ctx) };
}

describe('the well-formed kubelet requests still pass', () => {
  it('client and serving CSRs built byte by byte approve', async () => {
    expect((await judge('client', { subject: nodeSubject('system:node:worker-1') })).verdict.verdict).toBe('approve');
    expect((await judge('serving', { subject: nodeSubject('system:node:worker-1'), extensionRequests: servingSans() })).verdict.verdict).toBe('approve');
  });
});

describe('subject: exactly one O and one CN, nothing else', () => {
  it('two CNs, worker first: reads the LAST CN as Go does and rejects (was approved for worker-1)', async () => {
    const { parsed, verdict } = await judge('client', { subject: [[O()], [CN('system:node:worker-1')], [CN('system:node:sno-0')]] });
    expect(parsed.ok && parsed.request.commonName).toBe('system:node:sno-0');
    expect(verdict.verdict).toBe('reject');
    expect(verdict.decidedBy).toMatchObject({ id: 'subjectShape', params: { subject: 'O=system:nodes, CN=system:node:worker-1, CN=system:node:sno-0', problems: '2 CN' } });
  });

  it('two CNs, worker last: rejected, not merely "for another node"', async () => {
    const { verdict } = await judge('client', { subject: [[O()], [CN('system:node:sno-0')], [CN('system:node:worker-1')]] });
    expect(verdict).toMatchObject({ verdict: 'reject', nodeName: 'worker-1', decidedBy: { id: 'subjectShape' } });
  });

  it('two CNs on a serving CSR: rejected', async () => {
    const { verdict } = await judge('serving', { subject: [[O()], [CN('system:node:worker-1')], [CN('system:node:sno-0')]], extensionRequests: servingSans() });
    expect(verdict.decidedBy?.id).toBe('subjectShape');
  });

  it('two Os (also system:nodes twice) and no O: rejected', async () => {
    for (const subject of [[[O()], [O('system:masters')], [CN('system:node:worker-1')]], [[O()], [O()], [CN('system:node:worker-1')]], [[CN('system:node:worker-1')]]]) {
      const { verdict } = await judge('client', { subject });
      expect(verdict).toMatchObject({ verdict: 'reject', decidedBy: { id: 'subjectShape' } });
    }
  });

  it('a multi-valued RDN (O + CN in one SET): rejected', async () => {
    const { verdict } = await judge('client', { subject: [[O(), CN('system:node:worker-1')]] });
    expect(verdict.decidedBy).toMatchObject({ id: 'subjectShape', params: { subject: 'O=system:nodes + CN=system:node:worker-1', problems: 'multi-valued RDN' } });
  });

  it('extra attributes OU, serialNumber, C: rejected (a kubelet never sends them)', async () => {
    for (const extra of [
      { oid: OID.ou, value: 'x' },
      { oid: OID.serialNumber, value: '1', tag: STRING.printable },
      { oid: OID.c, value: 'CN', tag: STRING.printable },
      { oid: '1.2.3.4', value: 'y' },
    ]) {
      const { verdict } = await judge('client', { subject: [[O()], [extra], [CN('system:node:worker-1')]] });
      expect(verdict.decidedBy?.id).toBe('subjectShape');
      expect(String(verdict.decidedBy?.params?.problems)).toMatch(/^other attributes: (OU|SERIALNUMBER|C|1\.2\.3\.4)$/);
    }
  });

  it('string types other than PrintableString / UTF8String: rejected; UTF8String passes', async () => {
    expect((await judge('client', { subject: [[O('system:nodes', STRING.utf8)], [CN('system:node:worker-1', STRING.utf8)]] })).verdict.verdict).toBe('approve');
    for (const tag of [STRING.bmp, STRING.t61, STRING.ia5]) {
      const { parsed, verdict } = await judge('client', { subject: [[O()], [CN('system:node:worker-1', tag)]] });
      expect(parsed.ok && parsed.request.commonName).toBe('system:node:worker-1');
      expect(verdict.decidedBy).toMatchObject({ id: 'subjectShape', params: { problems: expect.stringMatching(/^string types: CN (BMPString|T61String|IA5String)$/) } });
    }
  });

  it('a CN Go cannot read as text (UniversalString, INTEGER) is no CN to Go: rejected', async () => {
    for (const tag of [STRING.universal, STRING.integer]) {
      const { parsed, verdict } = await judge('client', { subject: [[O()], [CN('system:node:worker-1')], [CN('7', tag)]] });
      expect(parsed.ok && parsed.request.commonName).toBe('system:node:worker-1');
      expect(verdict.decidedBy?.id).toBe('subjectShape');
    }
  });

  it('a byte-order mark at the start of a UTF8String CN is part of the name, as in Go (was silently dropped and approved)', async () => {
    const { parsed, verdict } = await judge('client', { subject: [[O('system:nodes', STRING.utf8)], [CN('\uFEFFsystem:node:worker-1', STRING.utf8)]] });
    expect(parsed.ok && parsed.request.commonName).toBe('\uFEFFsystem:node:worker-1');
    expect(verdict.verdict).toBe('reject');
    expect(verdict.decidedBy?.id).toBe('commonName');
    const o = await judge('client', { subject: [[O('\uFEFFsystem:nodes', STRING.utf8)], [CN('system:node:worker-1', STRING.utf8)]] });
    expect(o.verdict.decidedBy?.id).toBe('organization');
  });

  it('case variants of the system:node: prefix are not node names', async () => {
    for (const cn of ['System:Node:worker-1', 'SYSTEM:NODE:worker-1', 'system:Node:worker-1']) {
      const { parsed, verdict } = await judge('client', { subject: nodeSubject(cn) });
      expect(parsed.ok && parsed.request.commonName).toBe(cn);
      expect(verdict).toMatchObject({ verdict: 'reject', decidedBy: { id: 'commonName', params: { cn } } });
    }
  });

  it('never approves any subject but exactly O=system:nodes, CN=system:node:worker-1 (generated subjects)', async () => {
    const atv = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom<number>(STRING.printable, STRING.utf8).map((tag) => O('system:nodes', tag)) },
      {
        weight: 3,
        arbitrary: fc
          .tuple(fc.constantFrom('system:node:worker-1', 'system:node:sno-0', 'System:Node:worker-1'), fc.constantFrom<number>(STRING.printable, STRING.utf8, STRING.bmp))
          .map(([v, tag]) => CN(v, tag)),
      },
      { weight: 1, arbitrary: fc.constantFrom(O('system:masters'), { oid: OID.ou, value: 'x' }, { oid: OID.serialNumber, value: '1', tag: STRING.printable }) },
    );
    const rdn = fc.oneof({ weight: 4, arbitrary: atv.map((a) => [a]) }, { weight: 1, arbitrary: fc.tuple(atv, atv) });
    const subject = fc.array(rdn, { minLength: 1, maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(subject, async (rdns) => {
        const { verdict } = await judge('client', { subject: rdns });
        const flat = rdns.flat();
        const exact =
          rdns.length === 2 &&
          flat.length === 2 &&
          flat.some((a) => a.oid === OID.o && a.value === 'system:nodes') &&
          flat.some((a) => a.oid === OID.cn && a.value === 'system:node:worker-1') &&
          flat.every((a) => a.tag !== STRING.bmp);
        expect(verdict.verdict === 'approve').toBe(exact);
      }),
      { numRuns: 150, seed: 1313 },
    );
  });
});

describe('subject alternative names', () => {
  it('a client CSR with any SAN at all is rejected, kinds Go skips included', async () => {
    const kinds: San[] = [
      { dns: 'worker-1' },
      { ip: [10, 0, 0, 1] },
      { uri: 'spiffe://cluster/ns/x' },
      { email: 'a@example.com' },
      { otherName: '1.3.6.1.4.1.311.20.2.3' },
      { rid: '1.2.3.4' },
      { dirName: true },
    ];
    for (const san of kinds) {
      const { verdict } = await judge('client', { subject: nodeSubject('system:node:worker-1'), extensionRequests: [[[sanExtension([san])]]] });
      expect(verdict).toMatchObject({ verdict: 'reject', decidedBy: { id: 'noSans' } });
    }
  });

  it('a serving CSR with a SAN other than DNS or IP is rejected', async () => {
    for (const san of [{ uri: 'https://worker-1' }, { email: 'root@worker-1' }, { otherName: '1.3.6.1.4.1.311.20.2.3' }, { rid: '1.2.3.4' }, { dirName: true }] as San[]) {
      const { parsed, verdict } = await judge('serving', { subject: nodeSubject('system:node:worker-1'), extensionRequests: servingSans([san]) });
      expect(parsed.ok).toBe(true);
      expect(verdict).toMatchObject({ verdict: 'reject', decidedBy: { id: 'servingSans' } });
    }
  });

  it('reads IP SANs as Go prints them: IPv4-mapped IPv6 is the IPv4 address', async () => {
    const mapped = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 192, 168, 50, 21];
    const v6 = [0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
    const { parsed } = await judge('serving', { subject: nodeSubject('system:node:worker-1'), extensionRequests: [[[sanExtension([{ ip: mapped }, { ip: v6 }])]]] });
    expect(parsed.ok && parsed.request.ipAddresses).toEqual(['192.168.50.21', 'fd00::1']);
  });
});

describe('request encodings Go could read differently', () => {
  const subject = nodeSubject('system:node:worker-1');
  const mine = sanExtension([{ dns: 'worker-1' }, { ip: [192, 168, 50, 21] }]);
  const other = sanExtension([{ dns: 'sno-0' }, { ip: [192, 168, 50, 10] }]);

  it('two SAN extensions (Go keeps the last): rejected', async () => {
    const { verdict } = await judge('serving', { subject, extensionRequests: [[[mine, other]]] });
    expect(verdict.decidedBy).toMatchObject({ id: 'requestEncoding', params: { problems: 'extension 2.5.29.17 ×2' } });
  });

  it('two extensionRequest attributes, or one with two values: rejected', async () => {
    const twoAttributes = await judge('serving', { subject, extensionRequests: [[[mine]], [[other]]] });
    expect(twoAttributes.verdict.decidedBy?.params?.problems).toContain('extensionRequest attribute ×2');
    const twoValues = await judge('serving', { subject, extensionRequests: [[[mine], [other]]] });
    expect(twoValues.verdict.decidedBy?.params?.problems).toContain('extensionRequest with 2 values');
  });

  it('a SAN entry without a context tag (Go would take a universal 0x02 as a DNS name): rejected', async () => {
    const odd = { rawTlv: tlv(0x02, Buffer.from('sno-0')) };
    const { verdict } = await judge('serving', { subject, extensionRequests: servingSans([odd]) });
    expect(verdict.decidedBy).toMatchObject({ id: 'requestEncoding', params: { problems: 'subjectAltName entry with tag 0x02' } });
  });

  it('not DER (indefinite or non-minimal length, trailing bytes) does not parse at all', async () => {
    const good = Buffer.from(buildCsrPem({ subject }).replace(/-----[^-]+-----|\s/g, ''), 'base64');
    const nonMinimal = Buffer.concat([Uint8Array.of(0x30, 0x82, 0x00, good[1]!), good.subarray(2)]);
    const trailing = Buffer.concat([good, Uint8Array.of(0)]);
    for (const der of [nonMinimal, trailing]) {
      const pem = `-----BEGIN CERTIFICATE REQUEST-----\n${der.toString('base64')}\n-----END CERTIFICATE REQUEST-----\n`;
      const parsed = await parseCsrRequest(Buffer.from(pem).toString('base64'));
      expect(parsed).toMatchObject({ ok: false, reason: expect.stringMatching(/non-minimal length|trailing data/) });
    }
  });
});
