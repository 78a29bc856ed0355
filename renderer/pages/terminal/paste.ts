/**
 * What "Send to terminal" types into a tab: the command, never an Enter. Trailing newlines are
 * dropped; with bracketed paste on (bash, zsh, RHCOS) a multi-line command is wrapped so the shell
 * treats it as one paste and waits for Enter. Without it, a newline would run the first lines at
 * once, so a multi-line command is refused (the technician copies it instead).
 */
export type PasteResult = { data: string } | { refused: 'empty' | 'multiline' };

export function pasteSequence(text: string, bracketedPasteMode: boolean): PasteResult {
  // Escape characters could end the bracketed paste early and inject keystrokes.
  const clean = text
    .replace(/\r\n?/g, '\n')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/\n+$/, '');
  if (!clean) return { refused: 'empty' };
  if (bracketedPasteMode) return { data: `\u001b[200~${clean.replace(/\n/g, '\r')}\u001b[201~` };
  if (clean.includes('\n')) return { refused: 'multiline' };
  return { data: clean };
}
