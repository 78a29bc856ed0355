import { describe, expect, it } from 'vitest';
import { pasteSequence } from '../../../renderer/pages/terminal/paste';

describe('send to terminal: what is typed into the tab', () => {
  it('never presses Enter: trailing newlines are dropped', () => {
    expect(pasteSequence('oc get nodes\n\n', false)).toEqual({ data: 'oc get nodes' });
    expect(pasteSequence('oc get nodes\r\n', true)).toEqual({ data: '\u001b[200~oc get nodes\u001b[201~' });
  });

  it('wraps multi-line commands in a bracketed paste, and refuses them when the shell would run each line', () => {
    const cmd = 'nmcli con mod eno1 \\\n  ipv4.addresses 192.168.10.21/24\n';
    expect(pasteSequence(cmd, true)).toEqual({ data: '\u001b[200~nmcli con mod eno1 \\\r  ipv4.addresses 192.168.10.21/24\u001b[201~' });
    expect(pasteSequence(cmd, false)).toEqual({ refused: 'multiline' });
    expect(pasteSequence('\n', true)).toEqual({ refused: 'empty' });
  });

  it('strips escape characters so a command cannot end the paste early and inject keys', () => {
    const sneaky = 'echo hi\u001b[201~\rrm -rf ~';
    const result = pasteSequence(sneaky, true);
    expect(result).toEqual({ data: '\u001b[200~echo hi[201~\rrm -rf ~\u001b[201~' });
    // The only ESC characters left are the paste brackets themselves.
    expect(('data' in result ? result.data : '').split('\u001b').length - 1).toBe(2);
  });
});
