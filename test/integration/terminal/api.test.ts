import { afterEach, describe, expect, it } from 'vitest';
import { startTestBackend } from '../../support/backend';
import type { Backend } from '../../../electron/app/backend';
import type { ApiClient } from '../../../shared/api/client';
import { AppError } from '../../../shared/api/errors';
import { until } from '../../support/wait';

let backend: Backend | undefined;
afterEach(async () => {
  await backend?.dispose();
  backend = undefined;
});

/** A minimal renderer: draws events in order after attach and acknowledges them. */
function follow(api: ApiClient, id: string) {
  const state = { text: '', seq: 0, exit: undefined as number | undefined, outOfOrder: 0 };
  api.on('terminal.output', (e) => {
    if (e.id !== id || e.seq <= state.seq) return;
    if (e.seq !== state.seq + 1) state.outOfOrder += 1;
    state.seq = e.seq;
    state.text += e.data;
    void api.call('terminal.ack', { id, chars: e.data.length });
  });
  api.on('terminal.exit', (e) => {
    if (e.id === id) state.exit = e.exitCode;
  });
  return state;
}

describe('terminal over the contract (memory transport, JSON round trip)', () => {
  it('opens a job tab, streams output as numbered events, takes input and reports the exit', async () => {
    const started = await startTestBackend();
    backend = started.backend;
    const { api } = started;
    const job = await api.call('jobs.create', { kind: 'assisted', title: 'api-job' });
    await api.call('jobs.update', { id: job.id, data: { assisted: { infraEnvId: 'e1b2c3d4-0000-4000-8000-00000000000e' } } });
    const ctx = await api.call('terminal.context', { jobId: job.id });
    expect(ctx.vars.find((v) => v.name === 'INFRA_ENV_ID')).toEqual({ name: 'INFRA_ENV_ID', value: 'e1b2c3d4-0000-4000-8000-00000000000e', source: 'data.assisted.infraEnvId' });
    expect(ctx.vars.find((v) => v.name === 'KUBECONFIG')).toEqual({ name: 'KUBECONFIG' });
    expect(ctx.folder).toBe(backend.services.jobs.folder(job.id));

    const session = await api.call('terminal.openLocal', { jobId: job.id, cols: 90, rows: 25 });
    expect(session.contextVars).toEqual(['API_URL', 'INFRA_ENV_ID']);
    const view = follow(api, session.id);
    const attached = await api.call('terminal.attach', { id: session.id });
    view.seq = attached.seq;
    view.text = attached.replay;
    expect((await api.call('terminal.list')).map((s) => s.id)).toEqual([session.id]);
    await api.call('terminal.resize', { id: session.id, cols: 120, rows: 40 });
    await api.call('terminal.input', { id: session.id, data: 'echo "IE=$INFRA_ENV_ID SZ=$(stty size)"; exit 3\r' });
    await until(() => view.exit !== undefined, 'exit');
    expect(view.text).toContain('IE=e1b2c3d4-0000-4000-8000-00000000000e SZ=40 120');
    expect(view.exit).toBe(3);
    expect(view.outOfOrder).toBe(0);
    expect(await api.call('terminal.close', { id: session.id })).toEqual({ ok: true });
  });

  it('reports problems as coded, translated errors', async () => {
    const started = await startTestBackend();
    backend = started.backend;
    const { api } = started;
    const err = await api.call('terminal.input', { id: 'tabcdef012345', data: 'ls' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('terminal.notFound');
    expect((err as AppError).localized('zh-CN')).toContain('终端会话 tabcdef012345 已不存在');
    // A host that ssh would read as an option is refused by the dispatcher before any process starts.
    const reply = await backend.dispatch('terminal.openSsh', { host: '-oProxyCommand=evil', user: 'core', port: 22, cols: 80, rows: 24 }, { transport: 'memory' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'common.invalidInput' } });
    if (!reply.ok) expect(reply.error.params?.issues).toMatch(/host/);
    expect(await api.call('terminal.list')).toEqual([]);
  });
});
