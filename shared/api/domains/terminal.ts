import { z } from 'zod';
import { method, event } from '../define';
import { CONTEXT_VARS } from '../../terminal/job-context';
import { sshTargetSchema } from '../../terminal/ssh-target';

/**
 * The embedded terminal. Output crosses every transport (IPC and WebSocket) as batched
 * `terminal.output` events numbered per session; the renderer acknowledges what xterm has
 * parsed with `terminal.ack`, and the main process pauses the pty while too much is
 * unacknowledged (shared/terminal/flow-control.ts). A session emits nothing until a client
 * calls `terminal.attach`, which returns the recent output to draw and the sequence number
 * after which events continue — the same call redraws a tab after a page reload.
 */
const sessionId = z.string().regex(/^t[a-z0-9]{4,32}$/);
const size = { cols: z.number().int().min(2).max(1000), rows: z.number().int().min(1).max(500) };
const jobId = z.string().regex(/^[a-z0-9-]{6,64}$/);

export const terminalSessionSchema = z.object({
  id: sessionId,
  kind: z.enum(['local', 'ssh']),
  /** Tab title: the shell's name, or user@host */
  title: z.string(),
  /** SSH tabs: the host they were opened to (where a node's command may be sent) */
  sshHost: z.string().optional(),
  jobId: jobId.optional(),
  cwd: z.string(),
  startedAt: z.string(),
  state: z.enum(['running', 'exited']),
  exitCode: z.number().int().optional(),
  signal: z.number().int().optional(),
  /** Where the redacted session log is saved (with the job); absent without a job */
  logPath: z.string().optional(),
  /** Names of the job-context variables set in this session */
  contextVars: z.array(z.string()),
});
export type TerminalSession = z.infer<typeof terminalSessionSchema>;

export const contextVarSchema = z.object({
  name: z.enum(CONTEXT_VARS),
  value: z.string().optional(),
  source: z.string().optional(),
});

export const terminalMethods = {
  /** What a local tab for this job would get: its folder and context variables, and the SSH target guess. */
  'terminal.context': method(
    z.object({ jobId }),
    z.object({
      folder: z.string(),
      vars: z.array(contextVarSchema),
      ssh: z.object({ host: z.string().optional(), user: z.string(), port: z.number().int(), keyPath: z.string().optional() }),
    }),
  ),
  'terminal.openLocal': method(z.object({ jobId: jobId.optional(), ...size }), terminalSessionSchema),
  'terminal.openSsh': method(sshTargetSchema.extend({ jobId: jobId.optional(), ...size }), terminalSessionSchema),
  'terminal.list': method(z.void(), z.array(terminalSessionSchema)),
  /** Starts (or restarts, after a reload) the output stream of a session. */
  'terminal.attach': method(z.object({ id: sessionId }), z.object({ session: terminalSessionSchema, replay: z.string(), seq: z.number().int().nonnegative() })),
  'terminal.input': method(z.object({ id: sessionId, data: z.string().max(1024 * 1024) }), z.object({ written: z.number().int() })),
  'terminal.resize': method(z.object({ id: sessionId, ...size }), z.object({ ok: z.boolean() })),
  /** `chars` of output have been parsed by the terminal view (flow control). */
  'terminal.ack': method(z.object({ id: sessionId, chars: z.number().int().nonnegative() }), z.object({ ok: z.boolean() })),
  /** Ends the program (SIGHUP, then SIGKILL); the tab stays to read its last output. */
  'terminal.kill': method(z.object({ id: sessionId }), z.object({ ok: z.boolean() })),
  /** Kills if needed and forgets the session (tab closed). */
  'terminal.close': method(z.object({ id: sessionId }), z.object({ ok: z.boolean() })),
};

export const terminalEvents = {
  'terminal.output': event(z.object({ id: sessionId, seq: z.number().int().positive(), data: z.string() })),
  'terminal.exit': event(z.object({ id: sessionId, exitCode: z.number().int(), signal: z.number().int().optional() })),
};
