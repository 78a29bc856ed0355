import { useTranslation } from 'react-i18next';
import { Content, PageSection } from '@patternfly/react-core';
import { UsbWriter } from '../../components/usb/UsbWriter';
import { TitleWithHelp } from '../../components/TitleWithHelp';

/** #/usb — write any ISO (from the cache or a file) to a USB stick, outside a job. */
export function UsbPage() {
  const { t } = useTranslation();
  return (
    <PageSection>
      <TitleWithHelp headingLevel="h1" topic="page.usb">
        {t('usb.title')}
      </TitleWithHelp>
      <Content component="p">{t('usb.intro')}</Content>
      <UsbWriter />
    </PageSection>
  );
}
