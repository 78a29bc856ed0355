import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type WebSocket from 'ws';
import { startHost, type RunningHost } from '../../support/host';
import { addressOf, afterBadMessage, connect, request, stillServes, stubRendererDir, type HostAddress, type Outcome } from '../../support/ws-client';

/**
 * Issue #13 item 3: one message from a token holder must never take the browser host down (and
 * with it downloads, Ignition servers and terminals). The real host runs as its own process, so a
 * crash shows up as a dead process, not as an error inside the test runner.
 */
let host: RunningHost;
let address: HostAddress;

const rendererDir = stubRendererDir();

/** Each case gets a running host, so one crash does not hide what the next case would do. */
async function ensureHost(): Promise<void> {
  if (host && host.process.exitCode === null && host.process.signalCode === null) return;
  host = await startHost({ env: { ...process.env, SFK_RENDERER_DIR: rendererDir } });
  address = addressOf(host.url);
}
beforeAll(ensureHost);
beforeEach(ensureHost);
afterAll(async () => {
  await host?.stop();
});

async function sendBad(send: Parameters<typeof afterBadMessage>[1]): Promise<Outcome> {
  const ws = await connect(address);
  const outcome = await afterBadMessage(ws, send);
  ws.terminate();
  return outcome;
}

async function expectHostAlive(): Promise<void> {
  expect(host.process.exitCode, host.output()).toBeNull();
  expect(await stillServes(address)).toBe(true);
}

describe('browser host: a bad message closes at most its own connection', () => {
  it('survives the text `null` and closes that connection with 1007', async () => {
    const outcome = await sendBad((ws) => ws.send('null'));
    expect(outcome.closed?.code).toBe(1007);
    await expectHostAlive();
  });

  it('survives a frame over 16 MiB and closes that connection with 1009', async () => {
    const outcome = await sendBad((ws) => ws.send(Buffer.alloc(16 * 1024 * 1024 + 1, 0x20), { binary: false }));
    expect(outcome.closed?.code).toBe(1009);
    await expectHostAlive();
  });

  it('survives a text frame with invalid UTF-8 and closes that connection with 1007', async () => {
    const outcome = await sendBad((ws) => ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false }));
    expect(outcome.closed?.code).toBe(1007);
    await expectHostAlive();
  });

  it('refuses binary frames with 1003', async () => {
    const outcome = await sendBad((ws) => ws.send(Buffer.from('{"id":1,"method":"app.info"}'), { binary: true }));
    expect(outcome.closed?.code).toBe(1003);
    await expectHostAlive();
  });

  it('refuses an input with millions of wrong-typed values before the schema builds an issue for each', async () => {
    const ws = await connect(address);
    const reply = await new Promise<{ ok: boolean; error?: { code: string } }>((resolve) => {
      ws.on('message', (data) => {
        const msg = JSON.parse(String(data)) as { id?: unknown; reply?: { ok: boolean; error?: { code: string } } };
        if (msg.id === 'many') resolve(msg.reply!);
      });
      const many = `[${'1,'.repeat(7_000_000)}1]`;
      ws.send(`{"id":"many","method":"assisted.saveInfraEnv","input":{"jobId":"abcdef","pullSecretPath":"p","macInterfaceMap":${many}}}`);
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'common.inputTooLarge' } });
    ws.close();
    await expectHostAlive();
  });

  it('closes with 1007 for text that is not a request object, and explains why', async () => {
    for (const text of ['', 'not json', '[]', '42', '"app.info"', '{"method":"app.info"}', '{"id":{},"method":"app.info"}']) {
      const outcome = await sendBad((ws) => ws.send(text));
      expect(outcome.closed, text).toMatchObject({ code: 1007, reason: expect.stringMatching(/JSON object with an id/) });
    }
    await expectHostAlive();
  });

  it('answers a method name that is not a string (even one whose text form throws) with a coded error', async () => {
    const ws = await connect(address);
    for (const method of [{ toString: 1 }, ['a', ['b']], null, 7, '__proto__', 'constructor']) {
      const reply = await request(ws, { id: 'bad-method', method });
      expect(reply, JSON.stringify(method)).toMatchObject({ ok: false, error: { code: 'common.unknownMethod' } });
    }
    ws.close();
    await expectHostAlive();
  });
});

/** Methods the fuzzer may call with arbitrary input: none opens a shell, a download or the keychain. */
const FUZZ_METHODS = ['app.info', 'settings.get', 'jobs.list', 'jobs.get', 'jobs.audit', 'jobs.update', 'jobs.create', 'nope.nothing', '__proto__', 'constructor', 'toString'];

const nested = (depth: number, open: string, close: string) => open.repeat(depth) + close.repeat(depth);

/** One frame to send; it prints as a short description, since big ones are built only when sent. */
interface Frame {
  send(ws: WebSocket): void;
  [fc.toStringMethod](): string;
}
const frame = (describe: string, send: (ws: WebSocket) => void): Frame => ({ send, [fc.toStringMethod]: () => describe });
const text = (describe: string, build: () => string) => frame(describe, (ws) => ws.send(build()));

const smallJson = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v) ?? 'null'),
  fc
    .record({ id: fc.oneof(fc.integer(), fc.string(), fc.jsonValue()), method: fc.oneof(fc.constantFrom(...FUZZ_METHODS), fc.string(), fc.jsonValue()), input: fc.jsonValue() }, { requiredKeys: [] })
    .map((m) => JSON.stringify(m)),
  fc.string({ unit: 'binary', maxLength: 200 }),
);
const DEEP: Record<string, (depth: number) => string> = {
  top: (d) => nested(d, '[', ']'),
  method: (d) => `{"id":1,"method":${nested(d, '[', ']')}}`,
  input: (d) => `{"id":2,"method":"jobs.update","input":{"id":"abcdef","data":{"x":${nested(d, '[', ']')}}}}`,
  objects: (d) => `{"id":3,"method":"jobs.create","input":{"kind":"manual","title":"w","x":${'{"a":'.repeat(d)}1${'}'.repeat(d)}}}`,
};
const HUGE: Record<string, (size: number) => string> = {
  input: (n) => JSON.stringify({ id: 4, method: 'jobs.get', input: { id: 'x'.repeat(n) } }),
  id: (n) => JSON.stringify({ id: 'x'.repeat(n), method: 'app.info' }),
  method: (n) => JSON.stringify({ id: 5, method: 'x'.repeat(n) }),
  array: (n) => `{"id":6,"method":"jobs.update","input":[${'1,'.repeat(n / 2)}1]}`,
  wrongTypes: (n) => `{"id":7,"method":"assisted.saveInfraEnv","input":{"jobId":"abcdef","pullSecretPath":"p","macInterfaceMap":[${'1,'.repeat(n / 2)}1]}}`,
};

const anyFrame = fc.oneof(
  smallJson.map((t) => text(`text ${JSON.stringify(t)}`, () => t)),
  fc
    .record({ depth: fc.integer({ min: 1_000, max: 400_000 }), where: fc.constantFrom(...Object.keys(DEEP)) })
    .map(({ depth, where }) => text(`${where} nested ${depth} deep`, () => DEEP[where]!(depth))),
  fc.uint8Array({ maxLength: 4096 }).map((bytes) => frame(`binary frame of ${bytes.length} bytes`, (ws) => ws.send(Buffer.from(bytes), { binary: true }))),
  fc.uint8Array({ minLength: 1, maxLength: 256 }).map((bytes) => frame(`text frame of bytes ${Buffer.from(bytes).toString('hex')}`, (ws) => ws.send(Buffer.from(bytes), { binary: false }))),
);
const hugeFrame = fc
  .record({ size: fc.integer({ min: 1 << 20, max: 15 << 20 }), where: fc.constantFrom(...Object.keys(HUGE)) })
  .map(({ size, where }) => text(`${size} bytes in ${where}`, () => HUGE[where]!(size)));

describe('browser host under fuzzing (fast-check)', () => {
  it('keeps serving after arbitrary JSON, deep nesting and binary or non-UTF-8 frames', { timeout: 300_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(anyFrame, async (f) => {
        const outcome = await sendBad((ws) => f.send(ws));
        // Either the host answered the good request that followed, or it closed with a clear code.
        if (outcome.closed) expect([1003, 1007, 1009]).toContain(outcome.closed.code);
        expect(await stillServes(address)).toBe(true);
      }),
      { numRuns: 150 },
    );
    await expectHostAlive();
  });

  it('keeps serving after huge strings', { timeout: 300_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(hugeFrame, async (f) => {
        const outcome = await sendBad((ws) => f.send(ws));
        if (outcome.closed) expect([1007, 1009]).toContain(outcome.closed.code);
        expect(await stillServes(address)).toBe(true);
      }),
      { numRuns: 12 },
    );
    await expectHostAlive();
  });
});
