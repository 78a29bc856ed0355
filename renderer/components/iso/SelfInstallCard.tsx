import type { ReactNode, Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { Card, CardBody, CardTitle, Stack, StackItem } from '@patternfly/react-core';
import { Alert } from '../pf/translated';
import type { AfterInstall } from '../../../shared/iso/live-config';

/**
 * A self-installing image ready to go (on a stick or as a file): its title, what to do with the
 * stick after the install (pull it before powering on, or the reboot-loop warning), then its content.
 */
export function SelfInstallCard({ title, afterInstall, testId, cardRef, children }: { title: string; afterInstall: AfterInstall; testId: string; cardRef?: Ref<HTMLDivElement>; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Card data-testid={testId} ref={cardRef}>
      <CardTitle>{title}</CardTitle>
      <CardBody>
        <Stack hasGutter>
          <StackItem>
            <Alert variant="info" isInline isPlain title={afterInstall === 'reboot' ? t('iso.usb.rebootWarning') : t('iso.usb.pullStick')} />
          </StackItem>
          {children}
        </Stack>
      </CardBody>
    </Card>
  );
}
