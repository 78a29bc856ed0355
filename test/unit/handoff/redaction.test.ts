import { beforeAll, describe, expect, it } from 'vitest';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { HandoffService } from '../../../electron/services/handoff/handoff-service';
import { redact } from '../../../shared/redact';
import { SECRETS, assistedJobInProgress, finishedManualJob, secretFiles } from '../../support/handoff-jobs';

/**
 * The proof behind "no secret ever appears": jobs that refer to a real kubeconfig (bearer token,
 * client key), an SSH private key, a pull secret file and a proxy password, plus an audit log and a
 * terminal log written the way an older, unredacted build might have, are turned into site reports
 * (both languages) and fleet exports. No secret value may appear in any of them, and the shared
 * redaction patterns must find nothing left to redact.
 */
const PRIVATE_KEY = `-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAsecretRSAkeymaterial0123456789\n-----END RSA PRIVATE KEY-----`;
const RAW_PULL_SECRET = JSON.stringify({ auths: { 'quay.io': { auth: SECRETS.pullSecretAuth } } });

function everyFile(root: string, dir = root): { path: string; content: string }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? everyFile(root, path) : [{ path: relative(root, path), content: readFileSync(path, 'utf8') }];
  });
}

/** What an unredacted log line could have held: an image URL with its token, a header, a key, a kubeconfig, a pull secret. */
function writeRawSecrets(jobFolder: string): void {
  const entry = {
    at: '2026-11-28T08:03:30.000Z',
    actor: 'tech',
    action: 'assisted.isoDownloaded',
    summary: `GET https://api.openshift.com/api/assisted-images/bytoken/${SECRETS.imageToken}/4.18/x86_64/full.iso with Authorization: Bearer ${SECRETS.offlineToken}`,
    details: { note: PRIVATE_KEY, kubeconfig: `users:\n- name: admin\n  user:\n    token: ${SECRETS.kubeToken}\n`, pullSecret: RAW_PULL_SECRET },
  };
  appendFileSync(join(jobFolder, 'audit.jsonl'), `${JSON.stringify(entry)}\n`);
  mkdirSync(join(jobFolder, 'terminal'), { recursive: true });
  writeFileSync(join(jobFolder, 'terminal', 'local-1.log'), `$ cat ~/.kube/config\n    token: ${SECRETS.kubeToken}\n$ cat pull-secret.json\n${RAW_PULL_SECRET}\n`);
}

describe('site report and fleet export never carry a secret', () => {
  const outputs: { name: string; content: string }[] = [];
  const secretValues = [...Object.values(SECRETS), 'MIIEowIBAAKCAQEAsecretRSAkeymaterial0123456789'];

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sfk-redact-'));
    const files = secretFiles();
    const jobs = [await finishedManualJob(dataDir, files), await assistedJobInProgress(dataDir, files)];
    for (const { store, job } of jobs) {
      writeRawSecrets(store.folder(job.id));
      const service = new HandoffService({ jobs: store, clock: { now: () => Date.parse('2026-11-29T10:00:00Z') }, appVersion: '1.2.3' });
      for (const lang of ['en', 'zh-CN'] as const) outputs.push({ name: `${job.kind} report ${lang}`, content: (await service.report(job.id, lang)).html });
      const options = { ...(await service.fleetDefaults(job.id)), bmcAddress: 'redfish-virtualmedia+https://10.1.1.20/redfish/v1/Systems/1' };
      const { folder } = await service.exportFleet(job.id, 'en', options);
      for (const f of everyFile(folder)) outputs.push({ name: `${job.kind} export ${f.path}`, content: f.content });
    }
  });

  it('contains no secret value, literally', () => {
    expect(outputs.length).toBeGreaterThan(12);
    const leaks = outputs.flatMap((o) => secretValues.filter((s) => o.content.includes(s)).map((s) => `${o.name}: ${s.slice(0, 12)}…`));
    expect(leaks).toEqual([]);
    for (const o of outputs) {
      expect(o.content, o.name).not.toMatch(/PRIVATE KEY-----|"auths"|Bearer [A-Za-z0-9]/);
    }
  });

  it('leaves nothing for the shared redaction patterns to find (Secret templates hold only REPLACE_WITH_ placeholders)', () => {
    for (const o of outputs) expect(redact(o.content), o.name).toBe(o.content);
    const templates = outputs.filter((o) => o.name.includes('export secrets/'));
    expect(templates.length).toBe(4);
    for (const t of templates) expect(t.content).toMatch(/: REPLACE_WITH_[A-Z_]+\n/);
  });

  it('still shows what the unredacted entry was about, with the secret parts replaced', () => {
    const report = outputs.find((o) => o.name === 'assisted report en')!.content;
    expect(report).toContain('/bytoken/[REDACTED]/4.18/x86_64/full.iso');
    expect(report).toContain('Authorization: Bearer [REDACTED]');
  });
});
