// @vitest-environment happy-dom
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, render, screen, fireEvent, waitFor, cleanup } from '@testing-library/react';
import { ApiProvider } from '../../../renderer/api/context';
import { App } from '../../../renderer/app/App';
import { initI18n } from '../../../renderer/i18n';
import { startTestBackend } from '../../support/backend';
import type { Backend } from '../../../electron/app/backend';
import type { ApiClient } from '../../../shared/api/client';

let backend: Backend;
let api: ApiClient;

beforeAll(async () => {
  ({ backend, api } = await startTestBackend());
  await initI18n('en');
});
afterAll(async () => {
  cleanup();
  // Let the query cache's scheduled notifications (setTimeout 0) run while the DOM still exists.
  await new Promise((resolve) => setTimeout(resolve, 0));
  await backend.dispose();
});

describe('renderer shell over the memory transport', () => {
  it('lists the pages, creates a job through the contract and opens it', async () => {
    window.location.hash = '#/jobs';
    render(
      <ApiProvider client={api}>
        <App />
      </ApiProvider>,
    );
    expect(await screen.findByTestId('nav-settings')).toBeTruthy();
    expect(await screen.findByText('No jobs yet. Start one to add a worker node.')).toBeTruthy();
    const create = screen.getByTestId('create-job') as HTMLButtonElement;
    expect(create.disabled).toBe(true);
    fireEvent.change(screen.getByPlaceholderText('e.g. worker-1 at site A'), { target: { value: 'worker-7' } });
    expect(create.disabled).toBe(false);
    await act(async () => {
      fireEvent.click(create);
    });
    await waitFor(() => expect(window.location.hash).toMatch(/^#\/jobs\/.+/));
    const jobs = await backend.services.jobs.list();
    expect(jobs.map((j) => j.title)).toEqual(['worker-7']);
    expect(await screen.findByTestId('job-title')).toHaveProperty('textContent', 'worker-7');
  });

  it('sidebar items are links with an href, so the keyboard reaches them (Tab skips an <a> without one)', async () => {
    cleanup();
    window.location.hash = '#/settings';
    render(
      <ApiProvider client={api}>
        <App />
      </ApiProvider>,
    );
    const item = await screen.findByTestId('nav-jobs');
    expect(item.tagName).toBe('A');
    expect(item.getAttribute('href')).toBe('#/jobs');
    expect((await screen.findByTestId('nav-settings')).getAttribute('aria-current')).toBe('page');
  });
});
