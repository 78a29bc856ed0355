import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, ClipboardCopyButton, CodeBlock, CodeBlockAction, CodeBlockCode } from '@patternfly/react-core';
import { useSendPlan } from '../terminal/send-context';
import type { CommandTarget, SendPlan } from '../../shared/terminal/command-target';

/**
 * A generated command or file: always copyable; "send to terminal" only for a command with a
 * target (shared/terminal/command-target.ts). Without `target` nothing can be pasted: JSON,
 * keyfiles and hashes are copied, never typed into a shell.
 */
export function CommandBlock({ text, id, testId, target = 'none' }: { text: string; id: string; testId?: string; target?: CommandTarget }) {
  const { t } = useTranslation();
  const { sender, plan } = useSendPlan(target, text);
  const [copied, setCopied] = useState(false);
  const label = sendLabel(plan, target, (key, params) => t(key, params ?? {}));
  const actions = (
    <>
      <CodeBlockAction>
        <ClipboardCopyButton
          id={`${id}-copy`}
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
      {sender && label && (
        <CodeBlockAction>
          <Button variant="link" onClick={() => void sender.send(text, target)} data-testid={`${testId ?? id}-send`} data-send={plan.action}>
            {label}
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

function sendLabel(plan: SendPlan, target: CommandTarget, t: (key: string, params?: Record<string, unknown>) => string): string | null {
  const node = typeof target === 'object' ? (target.node.name ?? target.node.host ?? '') : '';
  switch (plan.action) {
    case 'copy':
      return null;
    case 'send':
      return plan.via === 'ssh' ? t('common.sendToSsh', { node }) : t('common.sendToTerminal');
    case 'openLocal':
      return t('common.openTerminalAndPaste');
    case 'openSsh':
      // Without the node's address there is no tab to open: Copy is all that is offered.
      return plan.host ? t('common.openSshAndPaste', { node: node || plan.host }) : null;
  }
}
