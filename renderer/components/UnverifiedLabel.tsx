import { Label, Tooltip } from '@patternfly/react-core';
import { ExclamationTriangleIcon } from '@patternfly/react-icons';

/** The mark of a cached file with neither a known size nor a published checksum (shared/artifacts/trust.ts). */
export function UnverifiedLabel({ text, tip, testId = 'unverified-label' }: { text: string; tip: string; testId?: string }) {
  return (
    <Tooltip content={tip}>
      <Label status="warning" icon={<ExclamationTriangleIcon />} isCompact tabIndex={0} aria-label={`${text}: ${tip}`} data-testid={testId}>
        {text}
      </Label>
    </Tooltip>
  );
}
