import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Checkbox, Content, Modal, ModalBody, ModalFooter, ModalHeader } from '@patternfly/react-core';
import type { DriveInfo } from '../../../shared/usb/drive-rules';
import { driveDisplayName } from '../../../shared/usb/drive-rules';
import type { UsbImage } from '../../../shared/api/domains/usb';
import { formatExactBytes, formatSize } from '../../../shared/usb/format';

/** Step 3: the drive's name and size spelled out, and an explicit tick before anything is erased. */
export function ConfirmWriteModal({ drive, image, onConfirm, onCancel }: { drive: DriveInfo; image: UsbImage; onConfirm: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [checked, setChecked] = useState(false);
  return (
    <Modal isOpen variant="medium" onClose={onCancel} aria-labelledby="usb-confirm-title" data-testid="usb-confirm">
      <ModalHeader title={t('usb.confirm.title')} titleIconVariant="warning" labelId="usb-confirm-title" />
      <ModalBody>
        <Content component="p" data-testid="usb-confirm-body">
          {t('usb.confirm.body', { name: driveDisplayName(drive), size: formatSize(drive.size), bytes: formatExactBytes(drive.size), image: image.name })}
        </Content>
        <Content component="p">
          <small>{t('usb.confirm.details', { device: drive.device, serial: drive.serial ?? t('usb.confirm.noSerial'), byId: drive.byId ?? drive.loopBackingFile ?? '—' })}</small>
        </Content>
        <Content component="p">{t('usb.confirm.elevation')}</Content>
        <Checkbox id="usb-confirm-check" label={t('usb.confirm.checkbox')} isChecked={checked} onChange={(_e, v) => setChecked(v)} data-testid="usb-confirm-check" />
      </ModalBody>
      <ModalFooter>
        <Button variant="danger" isDisabled={!checked} onClick={onConfirm} data-testid="usb-confirm-write">
          {t('usb.confirm.write')}
        </Button>
        <Button variant="link" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
}
