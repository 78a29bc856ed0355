import { Alert, AlertActionCloseButton } from './pf/translated';
import { useTranslation } from 'react-i18next';
import { errorKey, type WireError } from '../../shared/api/errors';

/** Shows any API error in the technician's language: what is wrong and what to do. */
export function ErrorAlert({ error, onClose, title }: { error: unknown; onClose?: () => void; title?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  const text = describeError(error, (key, params) => t(key, params));
  return (
    <Alert
      variant="danger"
      isInline
      title={title ?? text}
      data-testid="error-alert"
      data-error-code={(error as WireError).code ?? 'unknown'}
      actionClose={onClose ? <AlertActionCloseButton onClose={onClose} /> : undefined}
    >
      {title ? text : null}
    </Alert>
  );
}

export function describeError(error: unknown, t: (key: string, params: Record<string, unknown>) => string): string {
  const wire = error as Partial<WireError>;
  if (typeof wire?.code === 'string') {
    const key = errorKey(wire.code);
    const text = t(key, wire.params ?? {});
    return text === key ? (wire.message ?? key) : text;
  }
  return error instanceof Error ? error.message : String(error);
}
