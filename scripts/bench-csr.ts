/**
 * `npm run bench:csr`: how fast the CSR checklist runs and how long an approval takes, against
 * reference tools in the same run: `openssl req -noout -verify` for parsing + signature checking, and
 * the real kubectl 1.20 `certificate approve` for the approval round trip (both against the local fake
 * API server over TLS). Rewrites the "CSR checks and approval" section of docs/benchmarks.md.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem, release } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { kubeletCsrObject } from '../electron/services/simulators/kubelet-csr';
import { startKubeApiSimulator } from '../electron/services/simulators/kube-api-simulator';
import { parseCsrRequest } from '../electron/services/cluster/csr-parse';
import { openKubeAccess } from '../electron/services/cluster/kube-access';
import { judgeCsr } from '../shared/csr/verdict';
import type { CsrObject } from '../shared/csr/types';
import { finishBench, startBench } from './bench-report';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '..');
const KUBECTL = join(root, '.cache/peers/kubectl');
const dir = mkdtempSync(join(tmpdir(), 'sfk-bench-csr-'));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const bench = startBench();
  const n = 120;
  const csrs: CsrObject[] = [];
  for (let i = 0; i < n; i++) {
    csrs.push((await kubeletCsrObject(i % 2 ? 'serving' : 'client', `w${i}`, { keyType: i % 4 < 2 ? 'ecdsa-p256' : 'rsa-2048', addresses: ['10.0.0.5'] })) as CsrObject);
  }
  const files = csrs.slice(0, 40).map((c, i) => {
    const f = join(dir, `csr-${i}.pem`);
    writeFileSync(f, Buffer.from(c.spec.request, 'base64'));
    return f;
  });

  // ours: parse + verify + full checklist, per CSR
  const ours: number[] = [];
  for (let round = 0; round < 3; round++) {
    const start = performance.now();
    for (const csr of csrs) {
      const parsed = await parseCsrRequest(csr.spec.request);
      judgeCsr(csr, parsed, { expected: { nodeName: 'w1', addresses: ['10.0.0.0/24'] }, node: { exists: true, addresses: [{ type: 'InternalIP', address: '10.0.0.5' }] } });
    }
    ours.push((performance.now() - start) / csrs.length);
  }
  // reference: openssl parses and verifies each request (one process per CSR, as a script would)
  const openssl: number[] = [];
  for (let round = 0; round < 3; round++) {
    const start = performance.now();
    for (const f of files) await run('openssl', ['req', '-noout', '-verify', '-in', f]);
    openssl.push((performance.now() - start) / files.length);
  }

  // approval round trip against the fake API server over TLS
  const sim = await startKubeApiSimulator({ autoSign: false });
  const kubeconfig = join(dir, 'kubeconfig');
  sim.writeKubeconfig(kubeconfig);
  const access = await openKubeAccess({ kubeconfigPath: kubeconfig });
  const oursApprove: number[] = [];
  const kubectlApprove: number[] = [];
  await run(KUBECTL, ['--kubeconfig', kubeconfig, '--cache-dir', join(dir, 'kc'), 'get', 'csr']); // warm discovery cache
  for (let i = 0; i < 15; i++) {
    const a = sim.addCsr({ metadata: {}, spec: { ...(await kubeletCsrObject('client', `a${i}`)).spec } });
    const b = sim.addCsr({ metadata: {}, spec: { ...(await kubeletCsrObject('client', `b${i}`)).spec } });
    let t = performance.now();
    await access.approveCsr(a.metadata.name, { reason: 'Bench', message: 'bench' });
    oursApprove.push(performance.now() - t);
    t = performance.now();
    await run(KUBECTL, ['--kubeconfig', kubeconfig, '--cache-dir', join(dir, 'kc'), 'certificate', 'approve', b.metadata.name]);
    kubectlApprove.push(performance.now() - t);
  }
  await sim.close();

  const cpu =
    cpus()[0]
      ?.model.replace(/\s+\d+-Core Processor|\(R\)|\(TM\)/g, '')
      .trim() ?? 'unknown CPU';
  const section = [
    '## CSR checks and approval (`npm run bench:csr`)',
    '',
    `Run ${new Date().toISOString()} on ${cpu} (${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB RAM), kernel ${release()}, Node ${process.versions.node}.`,
    `${n} kubelet-style CSRs (half client, half serving; half ECDSA P-256, half RSA 2048), 3 rounds, medians. Ours = base64 + PEM + PKCS#10 parse (@peculiar/x509) + signature verification (WebCrypto) + the whole checklist, in process. Reference = \`openssl req -noout -verify -in <file>\` per CSR (a process each, as a shell script would run it), on 40 of them.`,
    'Approval = read + PUT …/approval against the local fake API server over TLS (signing disabled), ours through @kubernetes/client-node auth + undici vs the real kubectl 1.20 `certificate approve` with a warm discovery cache; 15 each, alternating.',
    '',
    '| measure | ours | reference | ratio |',
    '| --- | --- | --- | --- |',
    `| parse + verify + checklist, ms per CSR | ${median(ours).toFixed(2)} | ${median(openssl).toFixed(2)} (openssl req -verify, parse + verify only) | ${(median(openssl) / median(ours)).toFixed(1)}× faster |`,
    `| approve one CSR, ms | ${median(oursApprove).toFixed(1)} | ${median(kubectlApprove).toFixed(1)} (kubectl certificate approve) | ${(median(kubectlApprove) / median(oursApprove)).toFixed(1)}× faster |`,
    '',
    `Per round (ms/CSR): ours ${ours.map((x) => x.toFixed(2)).join(' / ')}; openssl ${openssl.map((x) => x.toFixed(2)).join(' / ')}.`,
    '',
  ].join('\n');
  finishBench(bench, {
    heading: 'CSR checks and approval',
    section,
    referenceRounds: openssl,
    headline: `csr: checklist ${(median(openssl) / median(ours)).toFixed(1)}× faster than openssl req -verify; approval ${(median(kubectlApprove) / median(oursApprove)).toFixed(1)}× faster than kubectl certificate approve`,
  });
}

main()
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => rmSync(dir, { recursive: true, force: true }));
