import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Checkbox, ClipboardCopy, Content, ExpandableSection, ProgressStep, ProgressStepper, Stack, Title } from '@patternfly/react-core';
import { ExternalLinkAltIcon } from '@patternfly/react-icons';
import type { FlowProps } from '../registry';
import { useApi } from '../../api/context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CommandBlock } from '../../components/CommandBlock';
import { UsbWriter } from '../../components/usb/UsbWriter';
import { ClusterConnect } from '../../components/cluster/ClusterConnect';
import { CsrPanel } from '../../components/cluster/CsrPanel';
import { links } from '../../../shared/external-links';
import { ManualCsrAdvice } from '../../components/cluster/ManualCsrAdvice';

const steps = ['console', 'iso', 'install', 'join'] as const;
type ConsoleStep = (typeof steps)[number];

/**
 * The OCM console path: the technician adds the host in the OpenShift Cluster Manager web console
 * (Add hosts, download the ISO there), then this page hands over to writing the ISO, approving the
 * node's CSRs and checking it is Ready. Ticked steps are saved in job.data.console.
 */
export function ConsoleFlow({ job }: FlowProps) {
  const { t } = useTranslation();
  const api = useApi();
  const saved = (job.data.console as { done?: string[]; isoPath?: string; hostName?: string } | undefined) ?? {};
  // Ticks show at once; the saved job follows (and wins on reload).
  const [done, setDone] = useState(() => new Set(saved.done ?? []));
  const [isoPath, setIsoPath] = useState(saved.isoPath ?? '');
  const [hostName, setHostName] = useState(saved.hostName ?? 'worker-0');
  const [error, setError] = useState<unknown>(null);

  // Always the whole local state: a reload of the job that has not arrived yet must not drop a field.
  const save = async (patch: { done?: string[]; isoPath?: string; hostName?: string }) => {
    setError(null);
    try {
      await api.call('jobs.update', { id: job.id, data: { console: { done: steps.filter((x) => done.has(x)), isoPath, hostName, ...patch } } });
    } catch (e) {
      setError(e);
    }
  };
  const toggle = (s: ConsoleStep, value: boolean) => {
    const next = new Set(done);
    if (value) next.add(s);
    else next.delete(s);
    setDone(next);
    void save({ done: steps.filter((x) => next.has(x)) });
  };
  const open = (e: React.MouseEvent) => {
    e.preventDefault();
    void api.call('app.openExternal', { url: links.ocmClusters }).then((r) => {
      if (!r.opened) window.open(links.ocmClusters, '_blank', 'noopener,noreferrer');
    });
  };
  const current = steps.find((s) => !done.has(s)) ?? 'join';
  // With a kubeconfig the app checks and approves the node's CSRs; without, the technician gets the
  // per-request commands and the checklist (never a blanket approve).
  const connected = (job.data.cluster as { source?: string } | undefined)?.source === 'kubeconfig';

  return (
    <Stack hasGutter data-testid="console-flow">
      <Content component="p">{t('console.intro')}</Content>
      <ProgressStepper isVertical aria-label={t('console.title')}>
        {steps.map((s) => (
          <ProgressStep
            key={s}
            id={`console-step-${s}`}
            titleId={`console-step-${s}-title`}
            variant={done.has(s) ? 'success' : s === current ? 'info' : 'pending'}
            isCurrent={s === current}
            description={
              <Stack hasGutter>
                {s === 'console' && (
                  <>
                    <Content component="p">{t('console.consoleText')}</Content>
                    <Content component="ol">
                      <Content component="li">{t('console.consoleSteps.open')}</Content>
                      <Content component="li">{t('console.consoleSteps.addHosts')}</Content>
                      <Content component="li">{t('console.consoleSteps.fullIso')}</Content>
                      <Content component="li">{t('console.consoleSteps.download')}</Content>
                    </Content>
                    <div>
                      <Button component="a" href={links.ocmClusters} variant="secondary" icon={<ExternalLinkAltIcon />} iconPosition="end" onClick={open} data-testid="console-open">
                        {t('console.openConsole')}
                      </Button>
                    </div>
                    <ClipboardCopy isReadOnly hoverTip={t('common.copy')} clickTip={t('common.copied')}>
                      {links.ocmClusters}
                    </ClipboardCopy>
                  </>
                )}
                {s === 'iso' && (
                  <>
                    <Content component="p">{t('console.isoText')}</Content>
                    <Content component="small">{t('console.isoPath')}</Content>
                    <input
                      className="pf-v6-c-form-control"
                      aria-label={t('console.isoPath')}
                      data-testid="console-iso-path"
                      value={isoPath}
                      onChange={(e) => setIsoPath(e.target.value)}
                      onBlur={() => void save({ isoPath })}
                      placeholder="/home/tech/Downloads/discovery_image_sno.iso"
                    />
                    {isoPath && <CommandBlock id="console-sha" text={`sha256sum '${isoPath.replace(/'/g, "'\\''")}'`} />}
                    <Content component="small">{t('console.usbHint')}</Content>
                    {saved.isoPath ? (
                      <ExpandableSection toggleText={t('console.openUsb')} data-testid="console-usb">
                        <UsbWriter imagePath={saved.isoPath} jobId={job.id} />
                      </ExpandableSection>
                    ) : (
                      <div>
                        <Button variant="link" component="a" href="#/usb" isInline>
                          {t('console.openUsb')}
                        </Button>
                      </div>
                    )}
                  </>
                )}
                {s === 'install' && <Content component="p">{t('console.installText')}</Content>}
                {s === 'join' && (
                  <>
                    <Content component="p">{t('console.joinText')}</Content>
                    <ClusterConnect job={job} />
                    {connected ? <CsrPanel job={job} /> : null}
                    <Content component="small">{t('console.hostName')}</Content>
                    <input
                      className="pf-v6-c-form-control"
                      aria-label={t('console.hostName')}
                      data-testid="console-host-name"
                      value={hostName}
                      onChange={(e) => setHostName(e.target.value)}
                      onBlur={() => void save({ hostName })}
                    />
                    {!connected && <ManualCsrAdvice nodeName={hostName || 'worker-0'} idPrefix="console" />}
                  </>
                )}
                <Checkbox id={`console-done-${s}`} data-testid={`console-done-${s}`} label={t('console.markDone')} isChecked={done.has(s)} onChange={(_e, v) => toggle(s, v)} />
              </Stack>
            }
          >
            <Title headingLevel="h4" id={`console-step-${s}-title`}>
              {t(`console.steps.${s}`)}
            </Title>
          </ProgressStep>
        ))}
      </ProgressStepper>
      <ErrorAlert error={error} />
    </Stack>
  );
}
