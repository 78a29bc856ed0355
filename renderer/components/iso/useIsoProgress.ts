import { useState } from 'react';
import { useApiEvent } from '../../api/context';
import type { IsoProgress } from '../../../shared/api/domains/iso';

/** The latest iso.progress event for one operation id. */
export function useIsoProgress(operationId: string | undefined): IsoProgress | undefined {
  const [progress, setProgress] = useState<IsoProgress | undefined>();
  useApiEvent('iso.progress', (p) => {
    if (operationId && p.operationId === operationId) setProgress(p);
  });
  return operationId && progress?.operationId === operationId ? progress : undefined;
}

export function newOperationId(): string {
  return `iso-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
