import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Checkbox, Content, ModalBody, ModalFooter, ModalHeader } from '@patternfly/react-core';
import { Alert, Modal } from '../pf/translated';
import type { DriveInfo } from '../../../shared/usb/drive-rules';
import { driveLabel } from './drive-label';
import type { UsbImage } from '../../../shared/api/domains/usb';
import { formatExactBytes, formatSize } from '../../../shared/usb/format';

/**
 * Step 3: the drive's name and size spelled out, and an explicit tick before anything is erased;
 * an unverified image needs a second tick of its own (onConfirm then reports acceptUnverified).
 * A self-installing stick also says, at the moment of committing, which disk it will wipe on any
 * server it boots.
 */
export function ConfirmWriteModal({
  drive,
  image,
  installDisk,
  onConfirm,
  onCancel,
}: {
  drive: DriveInfo;
  image: UsbImage;
  /** A self-installing stick: the disk it installs to */
  installDisk?: string | undefined;
  onConfirm: (accepted: { acceptUnverified: boolean }) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [checked, setChecked] = useState(false);
  const [acceptUnverified, setAcceptUnverified] = useState(false);
  const ready = checked && (!image.unverified || acceptUnverified);
  return (
    <Modal isOpen variant="medium" onClose={onCancel} aria-labelledby="usb-confirm-title" data-testid="usb-confirm">
      <ModalHeader title={t('usb.confirm.title')} titleIconVariant="warning" labelId="usb-confirm-title" />
      <ModalBody>
        <Content component="p" data-testid="usb-confirm-body">
          {t('usb.confirm.body', { name: driveLabel(drive, t), size: formatSize(drive.size), bytes: formatExactBytes(drive.size), image: image.name })}
        </Content>
        <Content component="p">
          <small>{t('usb.confirm.details', { device: drive.device, serial: drive.serial ?? t('usb.confirm.noSerial'), byId: drive.byId ?? drive.loopBackingFile ?? '—' })}</small>
        </Content>
        {installDisk && <Alert variant="danger" isInline isPlain title={t('usb.confirm.selfInstall', { device: installDisk })} style={{ marginBottom: 16 }} data-testid="usb-confirm-self-install" />}
        <Content component="p">{t('usb.confirm.elevation')}</Content>
        <Checkbox id="usb-confirm-check" label={t('usb.confirm.checkbox')} isChecked={checked} onChange={(_e, v) => setChecked(v)} data-testid="usb-confirm-check" />
        {image.unverified && (
          <Alert variant="warning" isInline title={t('usb.confirm.unverifiedTitle')} style={{ marginTop: 16 }} data-testid="usb-confirm-unverified">
            <Content component="p">{t('usb.confirm.unverifiedBody', { image: image.name })}</Content>
            <Checkbox
              id="usb-confirm-unverified-check"
              label={t('usb.confirm.unverifiedCheckbox')}
              isChecked={acceptUnverified}
              onChange={(_e, v) => setAcceptUnverified(v)}
              data-testid="usb-confirm-unverified-check"
            />
          </Alert>
        )}
      </ModalBody>
      <ModalFooter>
        <Button variant="danger" isDisabled={!ready} onClick={() => onConfirm({ acceptUnverified: Boolean(image.unverified) && acceptUnverified })} data-testid="usb-confirm-write">
          {t('usb.confirm.write')}
        </Button>
        <Button variant="link" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
}
