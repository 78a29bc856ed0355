import { useTranslation } from 'react-i18next';
import { ActionGroup, Alert, Button, Content, List, ListItem, Title } from '@patternfly/react-core';
import { CommandBlock } from '../../components/CommandBlock';
import { UsbWriter } from '../../components/usb/UsbWriter';
import { useApi } from '../../api/context';
import { clusterFacts } from './state';
import { ServerPanel } from './ServerPanel';
import type { StepProps } from './ManualFlow';

/** The RHCOS live ISO of the cluster's release: where it comes from and how it is checked. */
export function ArtifactsStep({ job, state, onNext }: StepProps) {
  const { t } = useTranslation();
  const facts = clusterFacts(job, state);
  const arch = facts.architecture ?? 'x86_64';
  // The cluster's own boot-image stream matches it better than any installer binary's copy.
  const streamCommand = `oc -n openshift-machine-config-operator get configmap coreos-bootimages -o jsonpath='{.data.stream}' \\\n  | jq -r '.architectures.${arch}.artifacts.metal.formats.iso.disk | .location, .sha256'`;
  return (
    <div data-testid="manual-artifacts-step">
      <Content component="p">{t('manual.wizard.artifacts.intro', { version: facts.version ?? '?', arch })}</Content>
      <Button component="a" href="#/downloads" variant="secondary" data-testid="manual-open-downloads">
        {t('manual.wizard.artifacts.openDownloads')}
      </Button>
      <Content component="p" style={{ marginTop: 16 }}>
        {t('manual.wizard.artifacts.streamCommand')}
      </Content>
      <CommandBlock id="manual-stream-cmd" text={streamCommand} testId="manual-stream-cmd" />
      <ActionGroup style={{ marginTop: 16 }}>
        <Button onClick={() => onNext('usb')} data-testid="manual-artifacts-next">
          {t('manual.wizard.next')}
        </Button>
      </ActionGroup>
    </div>
  );
}

/** The boot USB: the USB writer (and the self-installing USB once that component is in the build). */
export function UsbStep({ job, onNext }: StepProps) {
  const { t } = useTranslation();
  return (
    <div data-testid="manual-usb-step">
      <Content component="p">{t('manual.wizard.usb.intro')}</Content>
      <UsbWriter jobId={job.id} />
      <ActionGroup style={{ marginTop: 16 }}>
        <Button onClick={() => onNext('console')} data-testid="manual-usb-next">
          {t('manual.wizard.next')}
        </Button>
      </ActionGroup>
    </div>
  );
}

/** What to type on the node, in order, each copyable and sendable to a terminal. */
export function ConsoleStep({ job, generated, onNext }: StepProps) {
  const { t } = useTranslation();
  if (!generated) return null;
  const steps: { key: string; text?: string }[] = [
    { key: 'boot' },
    generated.commands.nmcli ? { key: 'network', text: generated.commands.nmcli.trimEnd() } : { key: 'dhcp' },
    { key: 'disks', text: generated.commands.listDisks },
    { key: 'verify', text: generated.commands.verify },
    { key: 'install', text: generated.commands.install },
    { key: 'reboot', text: 'sudo reboot' },
  ];
  return (
    <div data-testid="manual-console-step">
      <Content component="p">{t('manual.wizard.console.intro')}</Content>
      <ServerPanel jobId={job.id} compact />
      <List component="ol" style={{ marginTop: 16 }}>
        {steps.map((s) => (
          <ListItem key={s.key} data-testid={`manual-console-${s.key}`}>
            <Content component="p">{t(`manual.wizard.console.${s.key}`)}</Content>
            {s.text && <CommandBlock id={`manual-console-${s.key}`} text={s.text} testId={`manual-cmd-${s.key}`} />}
          </ListItem>
        ))}
      </List>
      <ActionGroup style={{ marginTop: 16 }}>
        <Button onClick={() => onNext('join')} data-testid="manual-console-next">
          {t('manual.wizard.next')}
        </Button>
      </ActionGroup>
    </div>
  );
}

/** CSR approval and node Ready: the commands, and closing the job (which stops the server). */
export function JoinStep({ job, state }: StepProps) {
  const { t } = useTranslation();
  const api = useApi();
  const hostname = state.hostname ?? '';
  return (
    <div data-testid="manual-join-step">
      <Alert variant="info" isInline title={t('manual.wizard.join.intro', { hostname })} />
      <Title headingLevel="h4" style={{ marginTop: 16 }}>
        {t('manual.wizard.join.commands')}
      </Title>
      <CommandBlock id="manual-join-csr" text={`oc get csr --sort-by=.metadata.creationTimestamp | grep -e Pending -e NAME`} />
      <CommandBlock id="manual-join-approve" text={`oc adm certificate approve <csr-name>`} />
      <CommandBlock id="manual-join-node" text={`oc get node ${hostname} -w`} />
      <ActionGroup style={{ marginTop: 16 }}>
        <Button variant="secondary" onClick={() => void api.call('jobs.update', { id: job.id, status: 'done' })} isDisabled={job.status !== 'active'} data-testid="manual-done">
          {t('manual.wizard.markDone')}
        </Button>
      </ActionGroup>
    </div>
  );
}
