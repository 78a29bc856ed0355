import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Content, ExpandableSection, Form, FormGroup, Stack, TextInput } from '@patternfly/react-core';
import { ClipboardCopy } from '../../components/pf/translated';
import { ExternalLinkAltIcon } from '@patternfly/react-icons';
import type { Job } from '../../../shared/api/domains/jobs';
import { links } from '../../../shared/external-links';
import { validateHostname } from '../../../shared/hostname';
import { useApi } from '../../api/context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CommandBlock } from '../../components/CommandBlock';
import { UsbWriter } from '../../components/usb/UsbWriter';
import { ClusterConnect } from '../../components/cluster/ClusterConnect';
import { CsrPanel } from '../../components/cluster/CsrPanel';
import { ManualCsrAdvice } from '../../components/cluster/ManualCsrAdvice';
import { WizardAction } from '../../components/wizard/wizard-context';
import { FieldMessages } from '../../components/wizard/FieldMessages';
import { placeIssues } from '../../components/wizard/field-errors';
import { useAutosave } from '../../components/wizard/use-autosave';
import { useContractMutation } from '../../api/query';
import { clusterDomain } from '../cluster-domain';
import { consoleData, type ConsoleData } from './state';

/** Saves the console path's typed values (always the whole slice: a reload that has not arrived must not drop a field). */
function useConsoleSave(job: Job) {
  const update = useContractMutation('jobs.update');
  return (patch: ConsoleData) => update.mutateAsync({ id: job.id, data: { console: { ...consoleData(job), ...patch } } });
}

export function ConsoleStep(_props: { job: Job }) {
  const { t } = useTranslation();
  const api = useApi();
  const open = (e: React.MouseEvent) => {
    e.preventDefault();
    void api.call('app.openExternal', { url: links.ocmClusters }).then((r) => {
      if (!r.opened) window.open(links.ocmClusters, '_blank', 'noopener,noreferrer');
    });
  };
  return (
    <Stack hasGutter>
      <Content component="p">{t('console.consoleText')}</Content>
      <Content component="ol">
        <Content component="li">{t('console.consoleSteps.open')}</Content>
        <Content component="li">{t('console.consoleSteps.addHosts')}</Content>
        <Content component="li">{t('console.consoleSteps.fullIso')}</Content>
        <Content component="li">{t('console.consoleSteps.download')}</Content>
      </Content>
      <ClipboardCopy isReadOnly hoverTip={t('common.copy')} clickTip={t('common.copied')}>
        {links.ocmClusters}
      </ClipboardCopy>
      <WizardAction component="a" href={links.ocmClusters} icon={<ExternalLinkAltIcon />} iconPosition="end" onClick={open} testId="console-open">
        {t('console.openConsole')}
      </WizardAction>
    </Stack>
  );
}

export function IsoStep({ job }: { job: Job }) {
  const { t } = useTranslation();
  const saved = consoleData(job);
  const [isoPath, setIsoPath] = useState(saved.isoPath ?? '');
  const save = useConsoleSave(job);
  const autosave = useAutosave(isoPath.trim(), (v) => save({ isoPath: v }));
  const path = isoPath.trim();
  return (
    <Stack hasGutter>
      <Content component="p">{t('console.isoText')}</Content>
      <Form onSubmit={(e) => e.preventDefault()}>
        <FormGroup label={t('console.isoPath')} fieldId="console-iso-path">
          <TextInput id="console-iso-path" data-testid="console-iso-path" value={isoPath} onChange={(_e, v) => setIsoPath(v)} placeholder="/home/tech/Downloads/discovery_image_sno.iso" />
          <FieldMessages messages={undefined} help={t('console.usbHint')} />
        </FormGroup>
      </Form>
      <ErrorAlert error={autosave.error} />
      {path && (
        <ExpandableSection toggleText={t('app.wizard.checksum')} data-testid="console-sha-section">
          <CommandBlock id="console-sha" text={`sha256sum '${path.replace(/'/g, "'\\''")}'`} target="laptop" />
        </ExpandableSection>
      )}
      {path.startsWith('/') && (
        <ExpandableSection toggleText={t('console.openUsb')} data-testid="console-usb">
          <UsbWriter imagePath={path} jobId={job.id} key={path} />
        </ExpandableSection>
      )}
    </Stack>
  );
}

export function InstallStep() {
  const { t } = useTranslation();
  return <Content component="p">{t('console.installText')}</Content>;
}

/** CSRs and node Ready: with a kubeconfig the app checks and approves; without, per-request commands and the checklist (never a blanket approve). */
export function JoinStep({ job }: { job: Job }) {
  const { t } = useTranslation();
  const saved = consoleData(job);
  const [hostName, setHostName] = useState(saved.hostName ?? '');
  const save = useConsoleSave(job);
  const autosave = useAutosave(hostName.trim(), (v) => save({ hostName: v }));
  const connected = (job.data.cluster as { source?: string } | undefined)?.source === 'kubeconfig';
  const domain = clusterDomain(job);
  const { byField } = placeIssues(hostName ? validateHostname(hostName.trim(), 'hostname', domain) : [], { hostname: 'hostname' });
  const node = hostName.trim() || `worker-0${domain ? `.${domain}` : ''}`;
  return (
    <Stack hasGutter>
      <Content component="p">{t('console.joinText')}</Content>
      <Form onSubmit={(e) => e.preventDefault()}>
        <FormGroup label={t('console.hostName')} fieldId="console-host-name">
          <TextInput
            id="console-host-name"
            data-testid="console-host-name"
            value={hostName}
            onChange={(_e, v) => setHostName(v)}
            validated={byField.hostname ? 'error' : 'default'}
            placeholder={node}
          />
          <FieldMessages messages={byField.hostname} help={t('app.wizard.hostNameHelp', { example: `worker-1.${domain || 'sno1.example.com'}` })} testId="console-host-name-help" />
        </FormGroup>
      </Form>
      <ErrorAlert error={autosave.error} />
      {connected ? <CsrPanel job={job} /> : <ManualCsrAdvice nodeName={node} idPrefix="console" />}
      <ExpandableSection toggleText={t('app.wizard.connectCluster')} data-testid="console-connect">
        <ClusterConnect job={job} />
      </ExpandableSection>
    </Stack>
  );
}
