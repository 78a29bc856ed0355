import { WizardAction, WizardNext } from '../../components/wizard/wizard-context';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionGroup, Button, CodeBlock, CodeBlockCode, Content, ExpandableSection, List, ListItem, Progress, ProgressMeasureLocation } from '@patternfly/react-core';
import { Alert } from '../../components/pf/translated';
import { useApi, useApiEvent } from '../../api/context';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { RunStatus } from '../../../shared/api/domains/nodeimage';
import type { NodeImageStepProps } from './NodeImageFlow';

/** Runs `oc adm node-image create` and follows it: phase and progress from oc's output, cancel, the log, advice on failure. */
export function CreateStep({ job, state, onNext }: NodeImageStepProps) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [status, setStatus] = useState<RunStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    api.call('nodeimage.status', { jobId: job.id }).then((s) => live && setStatus(s), setError);
    return () => {
      live = false;
    };
  }, [api, job.id]);
  useApiEvent('nodeimage.progress', (p) => {
    if (p.jobId !== job.id) return;
    const { jobId: _jobId, line: _line, ...next } = p;
    setStatus(next);
  });

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      setStatus(await api.call('nodeimage.create', { jobId: job.id }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const dir = state.config?.path.replace(/[/\\]nodes-config\.yaml$/, '') ?? '';

  return (
    <div data-testid="nodeimage-create-step">
      <p>{t('nodeimage.create.intro')}</p>
      <Content component="small">{t('nodeimage.create.dir', { dir })}</Content>
      {status && (
        <Progress
          value={Math.round(status.fraction * 100)}
          title={t(`nodeimage.create.phase.${status.phase}`, { defaultValue: status.phase })}
          measureLocation={ProgressMeasureLocation.top}
          variant={status.state === 'failed' ? 'danger' : status.state === 'succeeded' ? 'success' : undefined}
          data-testid="ni-run-progress"
          data-state={status.state}
          data-phase={status.phase}
          style={{ marginTop: 16 }}
        />
      )}
      {status?.state === 'succeeded' && <Alert variant="success" isInline title={t('nodeimage.create.succeeded')} data-testid="ni-run-succeeded" style={{ marginTop: 16 }} />}
      {status?.state === 'cancelled' && (
        <Alert
          variant="warning"
          isInline
          title={t('nodeimage.create.cancelled', { startedAt: new Date(status.startedAt).toLocaleString(i18n.language) })}
          data-testid="ni-run-cancelled"
          style={{ marginTop: 16 }}
        />
      )}
      {status?.state === 'failed' && status.advice && <FailureAlert status={status} />}
      <ErrorAlert error={error} />
      <RunButtons status={status} busy={busy} onStart={() => void start()} onCancel={() => void api.call('nodeimage.cancel', { jobId: job.id }).catch(setError)} onNext={() => onNext('iso')} />
      {status && status.tail.length > 0 && (
        <ExpandableSection toggleText={t('nodeimage.create.log', { file: status.logFile })} data-testid="ni-run-log">
          <CodeBlock>
            <CodeBlockCode>{status.tail.slice(-40).join('\n')}</CodeBlockCode>
          </CodeBlock>
        </ExpandableSection>
      )}
    </div>
  );
}

interface RunButtonsProps {
  status: RunStatus | null;
  busy: boolean;
  onStart: () => void;
  onCancel: () => void;
  onNext: () => void;
}

function RunButtons({ status, busy, onStart, onCancel, onNext }: RunButtonsProps) {
  const { t } = useTranslation();
  const running = status?.state === 'running';
  return (
    <ActionGroup style={{ marginTop: 16 }}>
      {!running && (
        <WizardAction onClick={onStart} isLoading={busy} isDisabled={busy} isPrimary={status?.state !== 'succeeded'} testId="ni-run">
          {status ? t('nodeimage.create.runAgain') : t('nodeimage.create.run')}
        </WizardAction>
      )}
      {running && (
        <Button variant="danger" onClick={onCancel} data-testid="ni-cancel">
          {t('nodeimage.create.cancel')}
        </Button>
      )}
      {status?.state === 'succeeded' && (
        <WizardNext onClick={onNext} testId="ni-create-next">
          {t('nodeimage.oc.next')}
        </WizardNext>
      )}
    </ActionGroup>
  );
}

function FailureAlert({ status }: { status: RunStatus }) {
  const { t } = useTranslation();
  const advice = status.advice!;
  return (
    <Alert variant="danger" isInline title={t('nodeimage.create.failed')} data-testid="ni-run-failed" data-advice={advice.key} style={{ marginTop: 16 }}>
      <p data-testid="ni-run-advice">{t(advice.key, advice.params)}</p>
      {advice.detail && (
        <>
          <p>{t('nodeimage.create.detail')}</p>
          <CodeBlock>
            <CodeBlockCode>{advice.detail}</CodeBlockCode>
          </CodeBlock>
        </>
      )}
      {status.stages && status.stages.length > 0 && (
        <>
          <p>{t('nodeimage.create.stages')}</p>
          <List isPlain>
            {status.stages.map((s) => (
              <ListItem key={s.id}>
                {s.done ? '✓' : '…'} {s.description}
              </ListItem>
            ))}
          </List>
        </>
      )}
    </Alert>
  );
}
