import { useTranslation } from 'react-i18next';
import { Button, Content, Progress, ProgressMeasureLocation, Stack } from '@patternfly/react-core';
import { Alert } from '../pf/translated';
import type { WriteStatus } from '../../../shared/api/domains/usb';
import { formatDecimal, formatEta, formatRate } from '../../../shared/usb/format';
import { ErrorAlert } from '../ErrorAlert';
import { CommandBlock } from '../CommandBlock';
import { VerbatimText } from '../VerbatimText';
import { PRACTICE_STICK_DEVICE } from '../../../shared/usb/practice-stick';

/** Steps 4–5: live progress for write and verify, then the outcome in plain words. */
export function WriteProgressPanel({ status, onCancel, onAgain }: { status: WriteStatus; onCancel: () => void; onAgain: () => void }) {
  const { t } = useTranslation();
  const running = status.state === 'starting' || status.state === 'running';
  const p = status.progress;
  const phaseKey = status.phase ?? 'starting';
  const value = p && p.total > 0 ? (p.bytes / p.total) * 100 : 0;
  return (
    <Stack hasGutter data-testid="usb-write-panel" data-state={status.state}>
      {running && (
        <>
          <Progress
            value={phaseKey === 'writing' || phaseKey === 'verifying' ? value : undefined}
            title={t(`usb.write.phase.${phaseKey}`)}
            measureLocation={ProgressMeasureLocation.top}
            helperText={p ? t('usb.write.progress', { done: formatDecimal(p.bytes), total: formatDecimal(p.total), rate: formatRate(p.speedBps), eta: formatEta(p.etaS) }) : undefined}
            data-testid="usb-progress"
            data-phase={phaseKey}
          />
          <div>
            <Button variant="secondary" onClick={onCancel} isDisabled={status.cancelRequested} data-testid="usb-cancel">
              {status.cancelRequested ? t('usb.write.cancelling') : t('usb.write.cancel')}
            </Button>
          </div>
        </>
      )}
      {status.state === 'done' && status.result && (
        <Alert variant="success" isInline title={t('usb.write.doneTitle')} data-testid="usb-done">
          <Content component="p">
            {/* A real drive's name is its model as the system reports it (data); the practice stick has a name of ours. */}
            {status.device === PRACTICE_STICK_DEVICE ? (
              t('usb.write.doneBody', { bytes: formatDecimal(status.result.bytes), name: t('practiceKit.stick') })
            ) : (
              <VerbatimText text={t('usb.write.doneBody', { bytes: formatDecimal(status.result.bytes), name: status.driveName })} values={{ name: status.driveName }} />
            )}
          </Content>
          {status.result.areasChecked !== undefined && (
            <Content component="p" data-testid="usb-done-self-install">
              {t('usb.write.doneSelfInstall', { areas: status.result.areasChecked })}
            </Content>
          )}
          {status.result.matchedExpected && <Content component="p">{t('usb.write.matchedPublished')}</Content>}
          <Content component="p">{status.result.ejected ? t('usb.write.doneEjected') : t('usb.write.doneNotEjected')}</Content>
          <Content component="p">
            <small>{t('usb.write.timing', { write: status.result.writeSeconds.toFixed(1), verify: status.result.verifySeconds.toFixed(1) })}</small>
          </Content>
          <CommandBlock id="usb-sha256" testId="usb-sha256" text={`${status.result.sha256}  ${status.imageName}`} />
        </Alert>
      )}
      {status.state === 'cancelled' && (
        <Alert variant="warning" isInline title={t('usb.write.cancelledTitle')} data-testid="usb-cancelled">
          {status.bootAreaCleared ? t('usb.write.cancelledCleared') : t('usb.write.cancelledUntouched')}
        </Alert>
      )}
      {status.state === 'failed' && (
        <>
          <ErrorAlert error={status.error} title={t('usb.write.failedTitle')} />
          {status.bootAreaCleared && <Content component="p">{t('usb.write.failedCleared')}</Content>}
        </>
      )}
      {!running && (
        <div>
          <Button variant="primary" onClick={onAgain} data-testid="usb-again">
            {t('usb.write.again')}
          </Button>
        </div>
      )}
    </Stack>
  );
}
