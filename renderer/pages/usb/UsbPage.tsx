import { useTranslation } from 'react-i18next';
import { Content, PageSection, Title } from '@patternfly/react-core';
import { UsbWriter } from '../../components/usb/UsbWriter';

/** #/usb — write any ISO (from the cache or a file) to a USB stick, outside a job. */
export function UsbPage() {
  const { t } = useTranslation();
  return (
    <PageSection>
      <Title headingLevel="h1">{t('usb.title')}</Title>
      <Content component="p">{t('usb.intro')}</Content>
      <UsbWriter />
    </PageSection>
  );
}
