import { useTranslation } from 'react-i18next';
import { FormHelperText, HelperText } from '@patternfly/react-core';
import { HelperTextItem } from '../pf/translated';
import type { FieldMessage } from './field-errors';

/** A field's messages under it (from placeError / placeIssues), or its help text when it has none. */
export function FieldMessages({ messages, help, testId }: { messages: FieldMessage[] | undefined; help?: string; testId?: string }) {
  const { t } = useTranslation();
  if (!messages?.length && !help) return null;
  return (
    <FormHelperText>
      <HelperText data-testid={testId}>
        {messages?.length ? (
          messages.map((m, n) => (
            <HelperTextItem key={n} variant={m.severity === 'warning' ? 'warning' : 'error'} data-field-error={m.key}>
              {t(m.key, m.params ?? {})}
            </HelperTextItem>
          ))
        ) : (
          <HelperTextItem>{help}</HelperTextItem>
        )}
      </HelperText>
    </FormHelperText>
  );
}
