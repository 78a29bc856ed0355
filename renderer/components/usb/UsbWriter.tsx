import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Content, ProgressStep, ProgressStepper, Stack, StackItem } from '@patternfly/react-core';
import { Alert } from '../pf/translated';
import { useApi, useApiEvent } from '../../api/context';
import { ErrorAlert } from '../ErrorAlert';
import type { SelfInstallWriteInput, UsbImage, WriteStatus } from '../../../shared/api/domains/usb';
import { identityOf, type DriveInfo } from '../../../shared/usb/drive-rules';
import { formatSize } from '../../../shared/usb/format';
import { ImageChooser } from './ImageChooser';
import { DriveTable } from './DriveTable';
import { ConfirmWriteModal } from './ConfirmWriteModal';
import { WriteProgressPanel } from './WriteProgressPanel';
import { UnverifiedLabel } from '../UnverifiedLabel';
import { useFollowedWrite } from './use-followed-write';

export interface UsbWriterProps {
  /** An image handed over by another step (e.g. the self-installing ISO); skips choosing one */
  imagePath?: string;
  /** The image's known sha256; a mismatch stops before the stick becomes bootable */
  expectedSha256?: string;
  /** Records the write in this job (data.usb + audit) */
  jobId?: string;
  /** A self-installing stick: `imagePath` is the source ISO and this configuration is embedded while writing */
  selfInstall?: SelfInstallWriteInput;
  onDone?: (result: WriteStatus) => void;
}

const isRunning = (s: WriteStatus) => s.state === 'starting' || s.state === 'running';

/**
 * Choose image -> choose drive -> confirm (name and size spelled out) -> write -> verify -> done.
 * Embeddable: the manual wizard and the self-installing-USB step hand it an image.
 */
export function UsbWriter({ imagePath, expectedSha256, jobId, selfInstall, onDone }: UsbWriterProps) {
  const { t } = useTranslation();
  const api = useApi();
  const [support, setSupport] = useState<{ supported: boolean; platform: string } | null>(null);
  const [image, setImage] = useState<UsbImage | undefined>();
  const [drive, setDrive] = useState<DriveInfo | undefined>();
  const [confirming, setConfirming] = useState(false);
  const { write, follow, clear } = useFollowedWrite(onDone);
  const [busyDevices, setBusyDevices] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    api.call('usb.support').then(setSupport, setError);
    api.call('usb.writes').then((writes) => {
      setBusyDevices(writes.filter(isRunning).map((w) => w.device));
      // coming back to the page while a write runs shows that write
      const running = writes.find((w) => isRunning(w) && (!imagePath || w.imagePath === imagePath));
      if (running) follow(running);
    }, setError);
  }, [api, imagePath, follow]);

  useEffect(() => {
    if (!imagePath) return;
    api.call('usb.inspectImage', { path: imagePath }).then(setImage, setError);
  }, [api, imagePath]);

  useApiEvent('usb.writeChanged', (status) => {
    setBusyDevices((devices) => {
      const others = devices.filter((d) => d !== status.device);
      return isRunning(status) ? [...others, status.device] : others;
    });
  });

  const start = async ({ acceptUnverified }: { acceptUnverified: boolean }) => {
    if (!image || !drive) return;
    setConfirming(false);
    setError(null);
    try {
      const identity = identityOf(drive);
      const sha = expectedSha256 ?? image.sha256;
      follow(
        await api.call('usb.startWrite', {
          imagePath: image.path,
          identity,
          ...(sha ? { expectedSha256: sha } : {}),
          ...(jobId ? { jobId } : {}),
          ...(acceptUnverified ? { acceptUnverified } : {}),
          ...(selfInstall ? { selfInstall } : {}),
        }),
      );
    } catch (err) {
      setError(err);
    }
  };

  const again = useCallback(() => {
    clear();
    setDrive(undefined);
    if (!imagePath) setImage(undefined);
  }, [imagePath, clear]);
  const selectDrive = useCallback((d: DriveInfo | undefined) => setDrive(d), []);

  if (support && !support.supported) {
    return <Alert variant="info" isInline title={t('usb.unsupported', { platform: support.platform })} data-testid="usb-unsupported" />;
  }

  const step = write?.state === 'done' ? 4 : write ? 3 : drive ? 2 : image ? 1 : 0;
  const outcome = write?.state === 'failed' ? 'danger' : write?.state === 'cancelled' ? 'warning' : undefined;
  const variant = (i: number) => (i === 3 && outcome ? outcome : i < step ? 'success' : i === step ? 'info' : 'pending');
  return (
    <Stack hasGutter data-testid="usb-writer">
      <StackItem>
        <ProgressStepper aria-label={t('usb.title')}>
          {(['image', 'drive', 'confirm', 'write'] as const).map((key, i) => (
            <ProgressStep key={key} id={`usb-step-${key}`} titleId={`usb-step-${key}-title`} variant={variant(i)} isCurrent={i === step}>
              {t(`usb.steps.${key}`)}
            </ProgressStep>
          ))}
        </ProgressStepper>
      </StackItem>
      <StackItem>
        <ErrorAlert error={error} onClose={() => setError(null)} />
      </StackItem>
      {!write && (
        <StackItem>
          {image ? (
            <Content component="p" data-testid="usb-image-chosen">
              {t('usb.image.chosen', { name: image.name, size: formatSize(image.size) })} {image.unverified && <UnverifiedLabel text={t('usb.image.unverified')} tip={t('usb.image.unverifiedTip')} />}{' '}
              {!imagePath && (
                <Button variant="link" isInline onClick={() => setImage(undefined)}>
                  {t('common.back')}
                </Button>
              )}
              {selfInstall && (
                <>
                  <br />
                  <span data-testid="usb-self-install">{t('usb.image.selfInstall', { device: selfInstall.spec.destDevice })}</span>
                </>
              )}
              <br />
              <small>{image.sha256 || expectedSha256 ? `${t('usb.image.sha256')} ${expectedSha256 ?? image.sha256}` : t('usb.image.sha256Unknown')}</small>
            </Content>
          ) : (
            !imagePath && <ImageChooser onChosen={setImage} />
          )}
        </StackItem>
      )}
      {image && !write && (
        <>
          <StackItem>
            <DriveTable imagePath={image.path} busyDevices={busyDevices} selected={drive} onSelect={selectDrive} />
          </StackItem>
          <StackItem>
            <Button variant="danger" isDisabled={!drive || busyDevices.includes(drive.device)} onClick={() => setConfirming(true)} data-testid="usb-write">
              {t('usb.confirm.write')}
            </Button>
          </StackItem>
        </>
      )}
      {write && (
        <StackItem>
          <WriteProgressPanel status={write} onCancel={() => void api.call('usb.cancelWrite', { writeId: write.writeId }).then(follow, setError)} onAgain={again} />
        </StackItem>
      )}
      {confirming && image && drive && (
        <ConfirmWriteModal drive={drive} image={image} installDisk={selfInstall?.spec.destDevice} onConfirm={(accepted) => void start(accepted)} onCancel={() => setConfirming(false)} />
      )}
    </Stack>
  );
}
