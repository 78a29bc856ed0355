import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError, toWireError } from '../../shared/api/errors';
import { createFileLogger } from '../../electron/services/logging/logger';
import { JobStore } from '../../electron/services/jobs/job-store';
import { SessionLogFile } from '../../electron/services/terminal/session-log-file';
import { testClock } from '../support/backend';

// The same secrets through every place text leaves the app: error text, app.log, audit.jsonl and
// terminal session logs all use shared/redact.ts.
const KEY_LINE = 'MIIEpAIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw';
const KEY = `-----BEGIN RSA PRIVATE KEY-----\n${KEY_LINE}\n-----END RSA PRIVATE KEY-----`;
const TOKEN = 'sha256~n7TqJz0yZ2kP4eQvX1cR9mL8sW3uA6bD5fG0hI2jK4l';
const TEXT = `failed: ${KEY}\nclient-key-data: LS0tLS1CRUdJTiBSU0Eg\noc login --token ${TOKEN}\npassword: hunter2 two\nhttps://tech:pw-s3cr3t@git.lab/x`;
const LEAKS = [KEY_LINE.slice(0, 20), 'LS0tLS1CRUdJTiBSU0Eg', TOKEN.slice(7), 'hunter2', 'pw-s3cr3t'];

function expectClean(text: string): void {
  for (const leak of LEAKS) expect(text).not.toContain(leak);
}

describe('every sink redacts with the one shared function', () => {
  it('error text: AppError params and messages, and unexpected errors on the wire', () => {
    const err = new AppError('common.unexpected', { message: TEXT });
    expectClean(err.message);
    expectClean(err.localized('zh-CN'));
    expectClean(JSON.stringify(err.toWire()));
    expect(err.message).toContain('[REDACTED-PRIVATE-KEY]');
    expectClean(JSON.stringify(toWireError(new Error(TEXT))));
  });

  it('app.log entries', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sfk-log-')), 'app.log');
    const log = createFileLogger(file);
    log.error(TEXT, { detail: TEXT, nested: { lines: [TEXT] } });
    const written = readFileSync(file, 'utf8');
    expectClean(written);
    expect(written).toContain('oc login --token [REDACTED]');
  });

  it('job audit entries', async () => {
    const jobs = new JobStore(mkdtempSync(join(tmpdir(), 'sfk-audit-')), testClock());
    const job = await jobs.create('manual', 'audit');
    await jobs.appendAudit(job.id, { action: 'x', summary: TEXT, details: { output: TEXT } });
    expectClean(readFileSync(join(jobs.folder(job.id), 'audit.jsonl'), 'utf8'));
  });

  it('terminal session log files, header and footer included', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sfk-slog-')), 'terminal', 's.log');
    const file = new SessionLogFile(path, `session: ${TEXT}`);
    const raw = TEXT.replace(/\n/g, '\r\n');
    file.write(raw.slice(0, 50));
    file.write(raw.slice(50));
    await file.close(`ended: ${TEXT}`);
    const written = readFileSync(path, 'utf8');
    expectClean(written);
    expect(written.match(/\[REDACTED-PRIVATE-KEY\]/g)).toHaveLength(3);
  });
});
