import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, ClipboardCopyButton, CodeBlock, CodeBlockAction, CodeBlockCode } from '@patternfly/react-core';
import { useTerminalSender } from '../terminal/send-context';

/** A generated command or file: copyable, and "send to terminal" when a terminal is available. */
export function CommandBlock({ text, id, testId }: { text: string; id: string; testId?: string }) {
  const { t } = useTranslation();
  const sender = useTerminalSender();
  const [copied, setCopied] = useState(false);
  const actions = (
    <>
      <CodeBlockAction>
        <ClipboardCopyButton
          id={`${id}-copy`}
          textId={`${id}-code`}
          aria-label={t('common.copy')}
          onClick={() => {
            void navigator.clipboard?.writeText(text);
            setCopied(true);
          }}
          exitDelay={copied ? 1500 : 600}
          variant="plain"
          onTooltipHidden={() => setCopied(false)}
        >
          {copied ? t('common.copied') : t('common.copy')}
        </ClipboardCopyButton>
      </CodeBlockAction>
      {sender && (
        <CodeBlockAction>
          <Button variant="link" onClick={() => void sender.send(text)} data-testid={`${testId ?? id}-send`}>
            {t('common.sendToTerminal')}
          </Button>
        </CodeBlockAction>
      )}
    </>
  );
  return (
    <CodeBlock actions={actions} data-testid={testId}>
      <CodeBlockCode id={`${id}-code`}>{text}</CodeBlockCode>
    </CodeBlock>
  );
}
