import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { attachWebglRenderer, exposeScreenForTests } from './renderer-choice';
import type { ApiClient } from '../../../shared/api/client';
import type { TerminalSession } from '../../../shared/api/domains/terminal';
import type { SshTarget } from '../../../shared/terminal/ssh-target';
import { FLOW } from '../../../shared/terminal/flow-control';
import { terminalFontFamily, terminalTheme } from './theme';
import { pasteSequence, type PasteResult } from './paste';
import type { TabInfo } from '../../../shared/terminal/command-target';

export interface Tab {
  session: TerminalSession;
  term: Terminal;
  fit: FitAddon;
  search: SearchAddon;
  /** The element xterm renders into; moved between page mounts, never recreated. */
  element: HTMLDivElement;
  opened: boolean;
  /** Last output sequence drawn; older or repeated events are ignored */
  seq: number;
  /** Events that arrived before attach answered */
  early: { seq: number; data: string }[] | null;
  ackPending: number;
  ackTimer: ReturnType<typeof setTimeout> | undefined;
}

type Listener = () => void;

const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);

/**
 * The renderer's terminal tabs, kept outside React so they survive page changes: the technician
 * can go to a wizard step, press "Send to terminal", and come back to the same scrollback. Output
 * events are drawn in sequence and acknowledged once xterm has parsed them (flow control).
 */
export class TerminalStore {
  readonly #tabs = new Map<string, Tab>();
  #order: string[] = [];
  #activeId: string | undefined;
  #listeners = new Set<Listener>();
  #unsubscribe: (() => void)[] = [];
  #version = 0;
  /** The job the terminal page was last used with, so the sidebar link returns to it. */
  #lastJobId: string | undefined;
  #exitNotice: (code: number) => string = (code) => `[exit ${code}]`;

  constructor(private readonly api: ApiClient) {}

  /** Subscribes to the stream and re-attaches to sessions that outlived a page reload. */
  start(): () => void {
    if (this.#unsubscribe.length === 0) {
      this.#unsubscribe.push(
        this.api.on('terminal.output', (e) => this.#onOutput(e.id, e.seq, e.data)),
        this.api.on('terminal.exit', (e) => this.#onExit(e.id, e.exitCode)),
      );
      void this.api.call('terminal.list').then(
        (sessions) => sessions.filter((s) => !this.#tabs.has(s.id)).forEach((s) => void this.#adopt(s)),
        () => {},
      );
    }
    return () => {
      for (const u of this.#unsubscribe.splice(0)) u();
    };
  }

  subscribe = (listener: Listener): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };
  /** Changes whenever tabs or their state change (for useSyncExternalStore). */
  version = (): number => this.#version;

  tabs(): Tab[] {
    return this.#order.map((id) => this.#tabs.get(id)!).filter(Boolean);
  }
  get lastJobId(): string | undefined {
    return this.#lastJobId;
  }
  /** The line written into a tab when its program ends, in the technician's language. */
  setExitNotice(format: (code: number) => string): void {
    this.#exitNotice = format;
  }
  rememberJob(jobId: string | undefined): void {
    this.#lastJobId = jobId;
  }
  get activeId(): string | undefined {
    return this.#activeId;
  }
  active(): Tab | undefined {
    return this.#activeId ? this.#tabs.get(this.#activeId) : undefined;
  }
  select(id: string): void {
    if (!this.#tabs.has(id)) return;
    this.#activeId = id;
    this.#changed();
  }

  async openLocal(jobId: string | undefined): Promise<Tab> {
    const session = await this.api.call('terminal.openLocal', { ...(jobId ? { jobId } : {}), ...this.#defaultSize() });
    return this.#adopt(session);
  }

  async openSsh(target: SshTarget, jobId: string | undefined): Promise<Tab> {
    const session = await this.api.call('terminal.openSsh', { ...target, ...(jobId ? { jobId } : {}), ...this.#defaultSize() });
    return this.#adopt(session);
  }

  async kill(id: string): Promise<void> {
    await this.api.call('terminal.kill', { id });
  }

  async close(id: string): Promise<void> {
    const tab = this.#tabs.get(id);
    if (!tab) return;
    this.#tabs.delete(id);
    this.#order = this.#order.filter((x) => x !== id);
    if (this.#activeId === id) this.#activeId = this.#order.at(-1);
    if (tab.ackTimer) clearTimeout(tab.ackTimer);
    tab.term.dispose();
    tab.element.remove();
    this.#changed();
    await this.api.call('terminal.close', { id }).catch(() => {});
  }

  /** The open tabs as the send rules see them (shared/terminal/command-target.ts). */
  tabInfos(): TabInfo[] {
    return this.tabs().map((tab) => ({ id: tab.session.id, kind: tab.session.kind, running: tab.session.state === 'running', sshHost: tab.session.sshHost }));
  }

  /** "Send to terminal": pastes into the given (or the active) tab, without Enter. */
  send(text: string, tabId?: string): { tab: Tab; result: PasteResult } | null {
    const tab = tabId ? this.#tabs.get(tabId) : this.active();
    if (!tab || tab.session.state !== 'running') return null;
    const result = pasteSequence(text, tab.term.modes.bracketedPasteMode);
    if ('data' in result) {
      this.#input(tab, result.data);
      tab.term.focus();
    }
    return { tab, result };
  }

  /** Shows a tab's terminal inside `host` (opening xterm the first time) and fits it. */
  mount(id: string, host: HTMLElement): void {
    const tab = this.#tabs.get(id);
    if (!tab) return;
    if (tab.element.parentElement !== host) host.replaceChildren(tab.element);
    if (!tab.opened) {
      tab.term.open(tab.element);
      tab.opened = true;
      // WebGL draws a flood of output ~10× faster than the DOM renderer; it needs an opened terminal
      attachWebglRenderer(tab.term, tab.element);
    }
    this.fit(id);
  }

  fit(id: string): void {
    const tab = this.#tabs.get(id);
    if (!tab?.opened || !tab.element.isConnected || tab.element.clientWidth === 0) return;
    try {
      tab.fit.fit();
    } catch {
      // Not measurable while hidden; the next resize fits it.
    }
  }

  async #adopt(session: TerminalSession): Promise<Tab> {
    const existing = this.#tabs.get(session.id);
    if (existing) return existing;
    const term = new Terminal({
      fontFamily: terminalFontFamily,
      fontSize: 13,
      lineHeight: 1.15,
      scrollback: 5000,
      cursorBlink: true,
      theme: terminalTheme,
      allowProposedApi: true,
      cols: 100,
      rows: 30,
    });
    const fit = new FitAddon();
    const search = new SearchAddon();
    term.loadAddon(fit);
    term.loadAddon(search);
    term.loadAddon(new WebLinksAddon((_event, uri) => void this.api.call('app.openExternal', { url: uri }).catch(() => {})));
    const element = document.createElement('div');
    element.className = 'sfk-terminal-surface';
    element.dataset.testid = `terminal-surface-${session.id}`;
    exposeScreenForTests(element, term);
    const tab: Tab = { session, term, fit, search, element, opened: false, seq: 0, early: [], ackPending: 0, ackTimer: undefined };
    this.#tabs.set(session.id, tab);
    this.#order.push(session.id);
    this.#activeId = session.id;
    term.onData((data) => this.#input(tab, data));
    term.onResize(({ cols, rows }) => {
      if (tab.session.state === 'running') void this.api.call('terminal.resize', { id: session.id, cols, rows }).catch(() => {});
    });
    term.attachCustomKeyEventHandler((ev) => this.#keys(tab, ev));
    this.#changed();
    try {
      const attached = await this.api.call('terminal.attach', { id: session.id });
      tab.session = attached.session;
      tab.seq = attached.seq;
      if (attached.replay) term.write(attached.replay);
      const early = tab.early ?? [];
      tab.early = null;
      for (const e of early) this.#draw(tab, e.seq, e.data);
      // The session may have been created at a default size: tell it the real one.
      if (tab.session.state === 'running') void this.api.call('terminal.resize', { id: session.id, cols: term.cols, rows: term.rows }).catch(() => {});
    } catch {
      tab.early = null;
    }
    this.#changed();
    return tab;
  }

  /**
   * After the connection to the main process dropped (browser host restarted its socket, laptop
   * slept), events were lost and the session may be paused waiting for acks that never came:
   * redraw every running tab from its replay tail and restart its stream.
   */
  resync(): void {
    for (const tab of this.#tabs.values()) if (tab.session.state === 'running' && !tab.early) void this.#reattach(tab);
  }

  async #reattach(tab: Tab): Promise<void> {
    tab.early = [];
    try {
      const attached = await this.api.call('terminal.attach', { id: tab.session.id });
      tab.session = attached.session;
      tab.seq = attached.seq;
      tab.term.reset();
      if (attached.replay) tab.term.write(attached.replay);
      const early = tab.early;
      tab.early = null;
      for (const e of early) this.#draw(tab, e.seq, e.data);
    } catch {
      tab.early = null;
    }
    this.#changed();
  }

  #onOutput(id: string, seq: number, data: string): void {
    const tab = this.#tabs.get(id);
    if (!tab) return;
    if (tab.early) tab.early.push({ seq, data });
    else this.#draw(tab, seq, data);
  }

  #draw(tab: Tab, seq: number, data: string): void {
    if (seq <= tab.seq) return;
    if (seq !== tab.seq + 1) {
      // A gap means events were lost on the way: redraw from the session's replay instead.
      void this.#reattach(tab);
      return;
    }
    tab.seq = seq;
    tab.term.write(data, () => this.#ack(tab, data.length));
  }

  /** Acknowledges parsed output in batches, so a flood costs few round trips. */
  #ack(tab: Tab, chars: number): void {
    tab.ackPending += chars;
    const flush = () => {
      if (tab.ackTimer) clearTimeout(tab.ackTimer);
      tab.ackTimer = undefined;
      const n = tab.ackPending;
      tab.ackPending = 0;
      if (n > 0) void this.api.call('terminal.ack', { id: tab.session.id, chars: n }).catch(() => {});
    };
    if (tab.ackPending >= FLOW.ackBatch) flush();
    else tab.ackTimer ??= setTimeout(flush, FLOW.ackDelayMs);
  }

  #onExit(id: string, exitCode: number): void {
    const tab = this.#tabs.get(id);
    if (!tab) return;
    tab.session = { ...tab.session, state: 'exited', exitCode };
    tab.term.write(`\r\n\u001b[2m${this.#exitNotice(exitCode)}\u001b[0m\r\n`);
    this.#changed();
  }

  #input(tab: Tab, data: string): void {
    if (tab.session.state !== 'running') return;
    void this.api.call('terminal.input', { id: tab.session.id, data }).catch(() => {});
  }

  /** Copy/paste with the usual terminal shortcuts: Ctrl+Shift+C/V (Cmd+C/V on macOS), Ctrl/Shift+Insert. */
  #keys(tab: Tab, ev: KeyboardEvent): boolean {
    if (ev.type !== 'keydown') return true;
    const key = ev.key.toLowerCase();
    const copy = (isMac ? ev.metaKey && key === 'c' : ev.ctrlKey && ev.shiftKey && key === 'c') || (ev.ctrlKey && key === 'insert');
    const paste = (isMac ? ev.metaKey && key === 'v' : ev.ctrlKey && ev.shiftKey && key === 'v') || (ev.shiftKey && key === 'insert');
    if (copy) {
      if (tab.term.hasSelection()) void navigator.clipboard?.writeText(tab.term.getSelection()).catch(() => {});
      ev.preventDefault();
      return false;
    }
    if (paste) {
      // Let the browser deliver its own paste event (xterm turns it into a bracketed paste).
      return false;
    }
    return true;
  }

  #defaultSize(): { cols: number; rows: number } {
    const t = this.active()?.term;
    return t ? { cols: t.cols, rows: t.rows } : { cols: 100, rows: 30 };
  }

  #changed(): void {
    this.#version += 1;
    for (const l of [...this.#listeners]) l();
  }
}
