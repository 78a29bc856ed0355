// @vitest-environment happy-dom
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { ApiProvider } from '../../../renderer/api/context';
import { useContractMutation, useContractQuery } from '../../../renderer/api/query';
import { startTestBackend } from '../../support/backend';
import type { Backend } from '../../../electron/app/backend';
import type { ApiClient } from '../../../shared/api/client';

let backend: Backend;
let api: ApiClient;

beforeAll(async () => {
  ({ backend, api } = await startTestBackend());
});
afterAll(async () => {
  cleanup();
  // Let the query cache's scheduled notifications (setTimeout 0) run while the DOM still exists.
  await new Promise((resolve) => setTimeout(resolve, 0));
  await backend.dispose();
});

/** Counts the calls a read makes, so a test can tell a refetch from a cached answer. */
function counting(client: ApiClient): { client: ApiClient; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    client: { ...client, call: ((method: string, input?: unknown) => (calls.push(method), (client.call as (m: string, i?: unknown) => Promise<unknown>)(method, input))) as ApiClient['call'] },
  };
}

function JobTitles() {
  const jobs = useContractQuery('jobs.list', undefined, { invalidateOn: ['jobs.changed'] });
  return <p data-testid="titles">{jobs.data ? jobs.data.map((j) => j.title).join(',') || '(none)' : 'loading'}</p>;
}

function CreateButton({ title }: { title: string }) {
  const create = useContractMutation('jobs.create', { invalidates: ['jobs.list'] });
  return (
    <button type="button" onClick={() => create.mutate({ kind: 'manual', title })}>
      create {title}
    </button>
  );
}

/** Reads the language setting; only the settings.changed event can tell it about a change. */
function Language() {
  const settings = useContractQuery('settings.get', undefined, { invalidateOn: ['settings.changed'] });
  return <p data-testid="language">{settings.data?.language ?? 'loading'}</p>;
}

describe('renderer query layer over the memory transport', () => {
  it('a mutation invalidates the reads it names: the list shows the new job without a reload', async () => {
    // Without invalidation the list would stay as first read: staleTime is Infinity.
    const { client, calls } = counting(api);
    render(
      <ApiProvider client={client}>
        <JobTitles />
        <CreateButton title="worker-q1" />
      </ApiProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('titles').textContent).toBe('(none)'));
    const listCalls = () => calls.filter((m) => m === 'jobs.list').length;
    expect(listCalls()).toBe(1);
    await act(async () => screen.getByText('create worker-q1').click());
    await waitFor(() => expect(screen.getByTestId('titles').textContent).toBe('worker-q1'));
    expect(listCalls()).toBeGreaterThanOrEqual(2);
    cleanup();
  });

  it('a backend event invalidates a read: a change made elsewhere (another window, the CLI) appears', async () => {
    render(
      <ApiProvider client={api}>
        <Language />
      </ApiProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('language').textContent).toBe('auto'));
    // Changed behind the page's back, straight in the service: only the event reaches the page.
    await act(async () => {
      backend.services.settings.update({ language: 'zh-CN' });
    });
    await waitFor(() => expect(screen.getByTestId('language').textContent).toBe('zh-CN'));
    cleanup();
  });
});
