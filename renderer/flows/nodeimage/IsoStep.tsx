import { WizardNext } from '../../components/wizard/wizard-context';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionGroup, Button, DescriptionList, DescriptionListDescription, DescriptionListGroup, DescriptionListTerm, ExpandableSection } from '@patternfly/react-core';
import { Alert, ClipboardCopy } from '../../components/pf/translated';
import { UsbWriter } from '../../components/usb/UsbWriter';
import { PreflightCard } from '../../components/cluster/PreflightCard';
import { expiryOf, formatCountdown } from '../../../shared/nodeimage/expiry';
import { formatBytes } from '../../../shared/artifacts/format';
import type { NodeIso } from '../../../shared/api/domains/nodeimage';
import type { NodeImageStepProps } from './NodeImageFlow';

/** A clock that ticks every second while the step is open, for the countdown. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** The ISO in the cache, its 48-hour token as a countdown, and the USB writer. */
export function IsoStep({ job, state, onNext }: NodeImageStepProps) {
  const { t } = useTranslation();
  const iso = state.iso;
  if (!iso) return null;
  return (
    <div data-testid="nodeimage-iso-step">
      <p>{t('nodeimage.iso.intro')}</p>
      <IsoExpiry iso={iso} onRemake={() => onNext('create')} />
      <DescriptionList isHorizontal isCompact style={{ marginTop: 16 }}>
        <DescriptionListGroup>
          <DescriptionListTerm>{t('nodeimage.iso.name')}</DescriptionListTerm>
          <DescriptionListDescription data-testid="ni-iso-name">
            {iso.name} ({formatBytes(iso.size)})
          </DescriptionListDescription>
        </DescriptionListGroup>
        <DescriptionListGroup>
          <DescriptionListTerm>sha256</DescriptionListTerm>
          <DescriptionListDescription>
            <ClipboardCopy isReadOnly isCode variant="inline-compact">
              {iso.sha256}
            </ClipboardCopy>
          </DescriptionListDescription>
        </DescriptionListGroup>
      </DescriptionList>
      <ExpandableSection toggleText={t('nodeimage.iso.usb')} data-testid="ni-iso-usb" style={{ marginTop: 16 }}>
        <UsbWriter imagePath={iso.path} expectedSha256={iso.sha256} jobId={job.id} />
      </ExpandableSection>
      <ExpandableSection toggleText={t('nodeimage.iso.preflight')} data-testid="ni-iso-preflight" style={{ marginTop: 16 }}>
        <PreflightCard job={job} />
      </ExpandableSection>
      <ActionGroup style={{ marginTop: 16 }}>
        <WizardNext onClick={() => onNext('join')} testId="ni-iso-next">
          {t('nodeimage.oc.next')}
        </WizardNext>
      </ActionGroup>
    </div>
  );
}

export function IsoExpiry({ iso, onRemake }: { iso: NodeIso; onRemake: () => void }) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const expiry = expiryOf(iso.createdAt, now);
  const at = new Date(expiry.expiresAt).toLocaleString(i18n.language);
  const countdown = formatCountdown(expiry.remainingMs);
  const variant = expiry.state === 'expired' ? 'danger' : expiry.state === 'soon' ? 'warning' : 'info';
  const title = expiry.state === 'expired' ? t('nodeimage.iso.expired', { at }) : expiry.state === 'soon' ? t('nodeimage.iso.soon', { countdown }) : t('nodeimage.iso.expiresIn', { countdown, at });
  return (
    <Alert
      variant={variant}
      isInline
      title={title}
      data-testid="ni-iso-expiry"
      data-state={expiry.state}
      actionLinks={
        expiry.state !== 'valid' ? (
          <Button variant="link" isInline onClick={onRemake}>
            {t('nodeimage.iso.remake')}
          </Button>
        ) : undefined
      }
    />
  );
}
