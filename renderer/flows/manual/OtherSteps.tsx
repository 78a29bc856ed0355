import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Content, List, ListItem, Tab, TabTitleText, Tabs } from '@patternfly/react-core';
import { Alert } from '../../components/pf/translated';
import { ManualCsrAdvice } from '../../components/cluster/ManualCsrAdvice';
import { CommandBlock } from '../../components/CommandBlock';
import { UsbWriter } from '../../components/usb/UsbWriter';
import { SelfInstallingUsb } from '../../components/iso/SelfInstallingUsb';
import { CsrPanel } from '../../components/cluster/CsrPanel';
import { useApi } from '../../api/context';
import { clusterFacts } from './state';
import { matchingIsos } from './ArtifactsStep';
import type { CachedArtifact } from '../../../shared/api/domains/artifacts';
import { ServerPanel } from './ServerPanel';
import { manualConsoleCommands } from './console-commands';
import type { StepProps } from './ManualFlow';

/** The boot USB: the USB writer (and the self-installing USB once that component is in the build). */
export function UsbStep({ job, state }: StepProps) {
  const { t } = useTranslation();
  const api = useApi();
  const arch = clusterFacts(job, state).architecture ?? 'x86_64';
  const [iso, setIso] = useState<CachedArtifact | undefined>();
  const [tab, setTab] = useState<string | number>('live');
  useEffect(() => {
    api.call('artifacts.list', undefined).then(
      (r) => setIso(matchingIsos(r.artifacts, job.id, arch)[0]),
      () => undefined,
    );
  }, [api, job.id, arch]);
  return (
    <div data-testid="manual-usb-step">
      <Content component="p">{t('manual.wizard.usb.intro')}</Content>
      <Tabs activeKey={tab} onSelect={(_e, k) => setTab(k)} aria-label={t('manual.wizard.steps.usb')} mountOnEnter unmountOnExit>
        <Tab eventKey="live" title={<TabTitleText>{t('manual.wizard.usb.liveTab')}</TabTitleText>} data-testid="manual-usb-tab-live">
          <div style={{ marginTop: 16 }}>
            {iso && <Alert variant="info" isInline isPlain title={t('manual.wizard.usb.isoFromCache', { name: iso.name })} />}
            <UsbWriter jobId={job.id} {...(iso ? { imagePath: iso.path, expectedSha256: iso.sha256 } : {})} key={iso?.id ?? 'none'} />
          </div>
        </Tab>
        <Tab eventKey="self" title={<TabTitleText>{t('manual.wizard.usb.selfInstalling')}</TabTitleText>} data-testid="manual-usb-tab-self">
          <div style={{ marginTop: 16 }}>
            <SelfInstallingUsb job={job} />
          </div>
        </Tab>
      </Tabs>
    </div>
  );
}

/** What to type on the node, in order, each copyable and sendable to a terminal. */
export function ConsoleStep({ job, state, generated }: StepProps) {
  const { t } = useTranslation();
  if (!generated) return null;
  const steps = manualConsoleCommands(generated, { hostname: state.hostname, network: state.network });
  return (
    <div data-testid="manual-console-step">
      <Content component="p">{t('manual.wizard.console.intro')}</Content>
      <ServerPanel jobId={job.id} compact />
      <List component="ol" style={{ marginTop: 16 }}>
        {steps.map((s) => (
          <ListItem key={s.key} data-testid={`manual-console-${s.key}`}>
            <Content component="p">{t(`manual.wizard.console.${s.key}`)}</Content>
            {s.text && <CommandBlock id={`manual-console-${s.key}`} text={s.text} testId={`manual-cmd-${s.key}`} target={s.target} />}
          </ListItem>
        ))}
      </List>
    </div>
  );
}

/** CSR approval and node Ready (the cluster's CSR panel, told which node to expect), then close the job. */
export function JoinStep({ job, state }: StepProps) {
  const { t } = useTranslation();
  const api = useApi();
  const hostname = state.hostname ?? '';
  // Only a kubeconfig lets the app read and approve CSRs; typed cluster values get the per-node commands.
  const connected = (job.data.cluster as { source?: string } | undefined)?.source === 'kubeconfig';
  const expected = (job.data.cluster as { worker?: { nodeName?: string } } | undefined)?.worker?.nodeName;
  const addresses = (state.network?.interfaces ?? []).flatMap((i) => [...i.ipv4.addresses, ...i.ipv6.addresses].map((a) => a.ip));
  const addressKey = addresses.join(',');
  // Tell the CSR checks which node to expect: the host name and static addresses typed in this wizard.
  useEffect(() => {
    if (!connected || !hostname || expected === hostname) return;
    void api.call('cluster.setWorker', { jobId: job.id, worker: { nodeName: hostname, addresses: addressKey ? addressKey.split(',') : [] } }).catch(() => undefined);
  }, [api, job.id, connected, hostname, expected, addressKey]);
  return (
    <div data-testid="manual-join-step">
      <Alert variant="info" isInline title={t('manual.wizard.join.intro', { hostname })} />
      {connected ? (
        <div style={{ marginTop: 16 }}>
          <CsrPanel job={job} />
        </div>
      ) : (
        <>
          <div style={{ marginTop: 16 }}>
            <ManualCsrAdvice nodeName={hostname} idPrefix="manual-join" />
          </div>
        </>
      )}
    </div>
  );
}
