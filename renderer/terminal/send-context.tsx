import { createContext, useContext, useSyncExternalStore } from 'react';
import type { CommandTarget, SendPlan } from '../../shared/terminal/command-target';

/**
 * "Send to terminal": pastes a generated command into a terminal tab without pressing Enter, so the
 * technician reads it first. Where it may go depends on the command's target
 * (shared/terminal/command-target.ts): a laptop command to a local tab, a node command only to an
 * SSH tab to that node, anything else nowhere. The terminal feature provides the implementation;
 * without it no send button is shown.
 */
export interface TerminalSender {
  /** What the send button would do for this command with the tabs open now. */
  plan(target: CommandTarget, text: string): SendPlan;
  /** Carries the plan out: pastes, or opens the right tab and carries the command over. */
  send(text: string, target: CommandTarget): Promise<boolean>;
  /** Tabs opened, closed or ended (the plan may change). */
  subscribe(listener: () => void): () => void;
  version(): number;
}

export const TerminalSendContext = createContext<TerminalSender | null>(null);

export function useTerminalSender(): TerminalSender | null {
  return useContext(TerminalSendContext);
}

const noSubscribe = () => () => {};
const noVersion = () => 0;

/** The current plan for one command block, re-evaluated as tabs open and close. */
export function useSendPlan(target: CommandTarget, text: string): { sender: TerminalSender | null; plan: SendPlan } {
  const sender = useTerminalSender();
  useSyncExternalStore(sender?.subscribe ?? noSubscribe, sender?.version ?? noVersion);
  return { sender, plan: sender ? sender.plan(target, text) : { action: 'copy' } };
}
