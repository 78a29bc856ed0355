import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ExpandableSection } from '@patternfly/react-core';

/**
 * A text another program wrote (the Assisted service, the OS keychain), shown through our own
 * translated explanation; the program's own words, usually English, stay one click away for support
 * and searching, marked lang="en" so a screen reader reads them as English.
 */
export function ServiceText({ explanation, original, testId }: { explanation: ReactNode; original?: string | undefined; testId?: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const raw = original?.trim();
  return (
    <span data-testid={testId}>
      {explanation}
      {raw && (
        <ExpandableSection isExpanded={open} onToggle={(_e, value) => setOpen(value)} toggleText={open ? t('common.original.hide') : t('common.original.show')} className="sfk-service-original">
          <samp lang="en" data-original-text>
            {raw}
          </samp>
        </ExpandableSection>
      )}
    </span>
  );
}
