import { createContext, useContext } from 'react';

/**
 * "Send to terminal": pastes a generated command into a terminal tab without pressing Enter, so the
 * technician reads it first. The terminal feature provides the implementation; without it the
 * button is simply not shown.
 */
export interface TerminalSender {
  /** Pastes text into the chosen (or current) terminal tab; resolves false when no tab is open. */
  send(text: string): Promise<boolean>;
}

export const TerminalSendContext = createContext<TerminalSender | null>(null);

export function useTerminalSender(): TerminalSender | null {
  return useContext(TerminalSendContext);
}
