/** The part of Electron's `app` the single-instance rule needs (Electron's `app` satisfies it). */
export interface InstanceApp {
  requestSingleInstanceLock(): boolean;
  quit(): void;
  on(event: 'second-instance', listener: () => void): unknown;
}

export interface StartHandlers {
  start(): Promise<void>;
  /** Brings the running instance's window to the front */
  focus(): void;
  /** The start failed: tell the technician (the desktop shows a native dialog) */
  fail(err: unknown): void;
}

/**
 * One desktop app per user: a second launch quits at once and the first one's window comes to
 * the front, so two instances never write the same jobs. Returns what this launch did.
 */
export function startSingleInstance(app: InstanceApp, handlers: StartHandlers): 'started' | 'handedOver' {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return 'handedOver';
  }
  app.on('second-instance', () => handlers.focus());
  handlers.start().catch((err: unknown) => handlers.fail(err));
  return 'started';
}
