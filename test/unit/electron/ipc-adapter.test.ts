import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import { handleInvoke, registerIpc, forwardEvents } from '../../../electron/ipc-adapter';
import { mayNavigate, onWindowOpen, APP_CSP } from '../../../electron/window-policy';
import { IPC_INVOKE, IPC_EVENT } from '../../../shared/api/ipc-channels';
import { startTestBackend } from '../../support/backend';
import type { Backend } from '../../../electron/app/backend';

let backend: Backend;
beforeAll(async () => {
  ({ backend } = await startTestBackend());
});
afterAll(() => backend.dispose());

/** The parts of an IpcMainInvokeEvent the adapter reads: the sending frame's URL and parent. */
function fakeEvent(url: string, parent: unknown = null): Pick<IpcMainInvokeEvent, 'senderFrame'> {
  return { senderFrame: { url, parent } as IpcMainInvokeEvent['senderFrame'] };
}

describe('IPC adapter', () => {
  it('serves our own page in the main frame', async () => {
    const reply = await handleInvoke(fakeEvent('app://sno-field-kit/index.html#/jobs'), 'app.info', undefined, backend.dispatch);
    expect(reply).toMatchObject({ ok: true, result: { version: '0.0.0-test' } });
  });

  it('refuses another origin, a subframe and a missing frame before any handler runs', async () => {
    for (const event of [
      fakeEvent('https://evil.example/'),
      fakeEvent('file:///home/tech/evil.html'),
      fakeEvent('app://other-host/index.html'),
      fakeEvent('app://sno-field-kit/index.html', { url: 'app://sno-field-kit/index.html' }),
      { senderFrame: null },
    ]) {
      const reply = await handleInvoke(event as Pick<IpcMainInvokeEvent, 'senderFrame'>, 'jobs.create', { kind: 'manual', title: 'x' }, backend.dispatch);
      expect(reply).toMatchObject({ ok: false, error: { code: 'common.forbiddenSender' } });
    }
    expect(await backend.services.jobs.list()).toEqual([]);
  });

  it('parses input with the contract schema and encodes errors as {code, message, params}', async () => {
    const reply = await handleInvoke(fakeEvent('app://sno-field-kit/index.html'), 'credentials.saveOfflineToken', { token: 42 }, backend.dispatch);
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.error.code).toBe('common.invalidInput');
      expect(reply.error.message).toMatch(/not valid/);
    }
  });

  it('registers one invoke channel on ipcMain and forwards events on one event channel', async () => {
    const handlers = new Map<string, (...args: unknown[]) => unknown>();
    const ipcMain = {
      handle: (channel: string, fn: (...args: unknown[]) => unknown) => void handlers.set(channel, fn),
      removeHandler: (channel: string) => void handlers.delete(channel),
    };
    const unregister = registerIpc(ipcMain as never, backend.dispatch);
    expect([...handlers.keys()]).toEqual([IPC_INVOKE]);
    const reply = await handlers.get(IPC_INVOKE)!(fakeEvent('app://sno-field-kit/index.html'), 'jobs.list', undefined);
    expect(reply).toEqual({ ok: true, result: [] });
    const sent: unknown[][] = [];
    const stop = forwardEvents(backend.services.bus, (...args) => sent.push(args));
    const job = await backend.services.jobs.create('manual', 'w');
    expect(sent).toEqual([[IPC_EVENT, 'jobs.changed', { id: job.id }]]);
    stop();
    unregister();
    expect(handlers.size).toBe(0);
  });
});

describe('window policy', () => {
  it('only ever shows our own page', () => {
    expect(mayNavigate('app://sno-field-kit/index.html#/settings')).toBe(true);
    expect(mayNavigate('https://console.redhat.com/openshift/token')).toBe(false);
    expect(mayNavigate('file:///etc/passwd')).toBe(false);
  });
  it('never opens a window; allow-listed Red Hat pages go to the system browser', () => {
    expect(onWindowOpen('https://console.redhat.com/openshift/token')).toEqual({ action: 'deny', openExternally: true });
    expect(onWindowOpen('https://docs.redhat.com/en/documentation/')).toEqual({ action: 'deny', openExternally: true });
    expect(onWindowOpen('http://console.redhat.com/')).toEqual({ action: 'deny', openExternally: false });
    expect(onWindowOpen('https://console.redhat.com.evil.example/')).toEqual({ action: 'deny', openExternally: false });
    expect(onWindowOpen('https://user:pw@console.redhat.com/')).toEqual({ action: 'deny', openExternally: false });
  });
  it('has a strict CSP: no remote scripts, no eval, no inline script', () => {
    expect(APP_CSP).toContain("default-src 'self'");
    expect(APP_CSP).toContain("script-src 'self'");
    expect(APP_CSP).not.toMatch(/unsafe-eval|https?:/);
    expect(APP_CSP).toContain("connect-src 'self'");
  });
});
