import { useTranslation } from 'react-i18next';
import { Content, StackItem, Title } from '@patternfly/react-core';
import { SelfInstallCard } from './SelfInstallCard';
import { useContractQuery } from '../../api/query';
import { ErrorAlert } from '../ErrorAlert';
import { CommandBlock } from '../CommandBlock';
import { UsbWriter } from '../usb/UsbWriter';
import type { IsoWriteResult } from '../../../shared/api/domains/iso';
import type { AfterInstall } from '../../../shared/iso/live-config';

/**
 * A self-installing ISO saved as a file (PXE, BMC virtual media): where it is, its checksums, and
 * the USB writer should it go on a stick after all.
 */
export function BuiltIsoResult({ result, afterInstall, jobId }: { result: IsoWriteResult; afterInstall: AfterInstall; jobId: string }) {
  const { t } = useTranslation();
  // A copy's sha256 is computed on first need (issue #16): here, for the checksum shown and the stick writer below.
  const lazyOutputSha = useContractQuery('iso.outputChecksum', { path: result.outputPath, jobId }, { enabled: result.mode === 'copy' && !result.outputSha256 });
  const outputSha256 = result.outputSha256 ?? lazyOutputSha.data?.sha256;
  return (
    <SelfInstallCard title={t('iso.usb.built')} afterInstall={afterInstall} testId="iso-result">
      <StackItem>
        <Content component="small">{t('iso.usb.output')}</Content>
        <CommandBlock id="iso-output-path" text={result.outputPath} testId="iso-output-path" />
      </StackItem>
      {result.sourceSha256 && (
        <StackItem>
          <Content component="small">{t('iso.usb.sourceSha')}</Content>
          <CommandBlock id="iso-source-sha" text={result.sourceSha256} />
        </StackItem>
      )}
      {outputSha256 && (
        <StackItem>
          <Content component="small">{t('iso.usb.outputSha')}</Content>
          <CommandBlock id="iso-output-sha" text={outputSha256} testId="iso-output-sha" />
        </StackItem>
      )}
      {lazyOutputSha.error && <ErrorAlert error={lazyOutputSha.error} />}
      <StackItem>
        <Title headingLevel="h4">{t('iso.usb.writeNow')}</Title>
        {/* a copy is written only once its checked sha256 is known: the stick is then compared with it */}
        {(result.mode !== 'copy' || outputSha256) && <UsbWriter imagePath={result.outputPath} {...(outputSha256 ? { expectedSha256: outputSha256 } : {})} jobId={jobId} />}
      </StackItem>
    </SelfInstallCard>
  );
}
