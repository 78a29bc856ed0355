/**
 * What the services need from the shell they run in (Electron or the browser host), injected by
 * the composition root so the services never import `electron`.
 */
export interface PlatformHooks {
  shell: 'electron' | 'browser';
  appVersion: string;
  systemLanguages: () => string[];
  /** Opens an already allow-listed URL in the system browser; false when this shell cannot. */
  openExternal: (url: string) => Promise<boolean>;
  /** Taskbar/dock progress (0..1, or -1 to clear) and keep-awake while long work runs. */
  setProgress?: (fraction: number) => void;
  keepAwake?: (reason: string) => () => void;
  /** Opens a local folder in the file manager (desktop app only); false when this shell cannot. */
  openPath?: (path: string) => Promise<boolean>;
  /** Prints an HTML document to PDF with Chromium (desktop app only: webContents.printToPDF) */
  printToPdf?: (html: string) => Promise<Uint8Array>;
}
