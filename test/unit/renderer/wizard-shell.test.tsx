// @vitest-environment happy-dom
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { ApiProvider } from '../../../renderer/api/context';
import { initI18n } from '../../../renderer/i18n';
import { WizardShell } from '../../../renderer/components/wizard/WizardShell';
import { WizardAction, WizardNext } from '../../../renderer/components/wizard/wizard-context';
import { startTestBackend } from '../../support/backend';
import type { Backend } from '../../../electron/app/backend';
import type { ApiClient } from '../../../shared/api/client';
import type { Job } from '../../../shared/api/domains/jobs';

let backend: Backend;
let api: ApiClient;
beforeAll(async () => {
  ({ backend, api } = await startTestBackend());
  await initI18n('en');
});
afterAll(async () => {
  cleanup();
  await backend.dispose();
});

const job: Job = { id: 'job-123456', kind: 'console', title: 't', status: 'active', step: 'a', createdAt: '', updatedAt: '', revision: 0, data: {} };
const states = { a: { enabled: true, status: 'inProgress' as const }, b: { enabled: true, status: 'notStarted' as const } };
const shell = (children: React.ReactNode, current: 'a' | 'b' = 'a') => (
  <ApiProvider client={api}>
    <WizardShell job={job} ids={['a', 'b'] as const} states={states} current={current} onGo={() => undefined} label={(s) => s} navLabel="steps" prefix="t" helpTopic={() => 'page.jobs'}>
      {children}
    </WizardShell>
  </ApiProvider>
);
const primaries = () => [...document.querySelectorAll('.pf-v6-c-button.pf-m-primary')].map((b) => b.textContent);

describe('the wizard footer', () => {
  it('puts the step action and the step Next in the footer, with exactly one primary button', async () => {
    const view = render(
      shell(
        <>
          <WizardAction testId="act">Run</WizardAction>
          <WizardNext testId="nxt">Save and go on</WizardNext>
        </>,
      ),
    );
    await screen.findByTestId('nxt');
    expect(screen.getByTestId('act').closest('footer')).not.toBeNull();
    expect(screen.queryByTestId('wizard-next')).toBeNull();
    await waitFor(() => expect(primaries()).toEqual(['Run']));
    view.unmount();
  });

  it('Next is primary when the step has no primary action; on the last step Mark job done is', async () => {
    const view = render(shell(<p>text</p>));
    await waitFor(() => expect(primaries()).toEqual(['Next']));
    view.rerender(shell(<p>text</p>, 'b'));
    await waitFor(() => expect(primaries()).toEqual(['Mark job done']));
    view.unmount();
  });
});
