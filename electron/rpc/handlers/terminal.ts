import type { HandlerGroup } from '../handler-types';
import type { Services } from '../../app/composition';

type TerminalMethods =
  'terminal.context' | 'terminal.openLocal' | 'terminal.openSsh' | 'terminal.list' | 'terminal.attach' | 'terminal.input' | 'terminal.resize' | 'terminal.ack' | 'terminal.kill' | 'terminal.close';

export function terminalHandlers(s: Services): HandlerGroup<TerminalMethods> {
  const t = s.terminal;
  return {
    'terminal.context': ({ jobId }) => t.context(jobId),
    'terminal.openLocal': ({ jobId, cols, rows }) => t.openLocal({ jobId, cols, rows }),
    'terminal.openSsh': ({ jobId, cols, rows, host, user, port, keyPath }) => t.openSsh({ jobId, cols, rows, host, user, port, keyPath }),
    'terminal.list': () => t.list(),
    'terminal.attach': ({ id }) => t.attach(id),
    'terminal.input': ({ id, data }) => ({ written: t.input(id, data) }),
    'terminal.resize': ({ id, cols, rows }) => {
      t.resize(id, { cols, rows });
      return { ok: true };
    },
    'terminal.ack': ({ id, chars }) => {
      t.ack(id, chars);
      return { ok: true };
    },
    'terminal.kill': ({ id }) => {
      t.kill(id);
      return { ok: true };
    },
    'terminal.close': ({ id }) => ({ ok: t.close(id) }),
  };
}
