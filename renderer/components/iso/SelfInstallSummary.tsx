import { useTranslation } from 'react-i18next';
import { Card, CardBody, CardTitle, DescriptionList, DescriptionListDescription, DescriptionListGroup, DescriptionListTerm } from '@patternfly/react-core';

export interface SelfInstallSummaryProps {
  device: string;
  hostname: string | undefined;
  keyfiles: readonly { fileName: string }[];
  liveKargs: readonly string[];
  appendKargs: readonly string[];
  /** The URL the node's Ignition merges worker.ign from, when it is served rather than embedded */
  servedFrom: string | undefined;
}

/** "What will be embedded": the target disk, host name, network, kernel arguments and Ignition, before anything is written. */
export function SelfInstallSummary({ device, hostname, keyfiles, liveKargs, appendKargs, servedFrom }: SelfInstallSummaryProps) {
  const { t } = useTranslation();
  return (
    <Card isCompact>
      <CardTitle>{t('iso.usb.summaryTitle')}</CardTitle>
      <CardBody>
        <DescriptionList isHorizontal isCompact data-testid="iso-summary">
          <DescriptionListGroup>
            <DescriptionListTerm>{t('iso.usb.destDevice')}</DescriptionListTerm>
            <DescriptionListDescription data-testid="iso-summary-device">{device}</DescriptionListDescription>
          </DescriptionListGroup>
          <DescriptionListGroup>
            <DescriptionListTerm>{t('iso.usb.hostname')}</DescriptionListTerm>
            <DescriptionListDescription data-testid="iso-summary-hostname">{hostname ?? '—'}</DescriptionListDescription>
          </DescriptionListGroup>
          <DescriptionListGroup>
            <DescriptionListTerm>{t('iso.usb.network')}</DescriptionListTerm>
            <DescriptionListDescription data-testid="iso-summary-network">
              {keyfiles.length > 0 ? t('iso.usb.networkFiles', { count: keyfiles.length, names: keyfiles.map((k) => k.fileName).join(', ') }) : t('iso.usb.networkDhcp')}
            </DescriptionListDescription>
          </DescriptionListGroup>
          <DescriptionListGroup>
            <DescriptionListTerm>{t('iso.usb.kargs')}</DescriptionListTerm>
            <DescriptionListDescription data-testid="iso-summary-kargs">
              <code>{['…', ...liveKargs].join(' ')}</code>
              {appendKargs.length > 0 && (
                <div>
                  <code>{appendKargs.join(' ')}</code>
                </div>
              )}
            </DescriptionListDescription>
          </DescriptionListGroup>
          <DescriptionListGroup>
            <DescriptionListTerm>{t('iso.usb.ignition')}</DescriptionListTerm>
            <DescriptionListDescription>{servedFrom ? t('iso.usb.ignitionServed', { url: servedFrom }) : t('iso.usb.ignitionInline')}</DescriptionListDescription>
          </DescriptionListGroup>
        </DescriptionList>
      </CardBody>
    </Card>
  );
}
