import type { TFunction } from 'i18next';
import { driveDisplayName, type DriveInfo } from '../../../shared/usb/drive-rules';
import { PRACTICE_STICK_DEVICE } from '../../../shared/usb/practice-stick';

/** The drive's name as the technician reads it; practice mode's stick in the UI language. */
export function driveLabel(drive: Pick<DriveInfo, 'vendor' | 'model' | 'device'>, t: TFunction): string {
  return drive.device === PRACTICE_STICK_DEVICE ? t('practiceKit.stick') : driveDisplayName(drive);
}
