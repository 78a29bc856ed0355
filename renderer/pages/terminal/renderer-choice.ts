import type { Terminal } from '@xterm/xterm';
import { WebglAddon } from '@xterm/addon-webgl';

export type TerminalRenderer = 'webgl' | 'dom';

/**
 * Draws `term` with xterm's WebGL renderer when the browser can (Chromium, including headless with
 * SwiftShader), else with the DOM renderer. When the GPU context is lost (driver reset, too many
 * contexts, a laptop waking up) the addon is disposed and xterm falls back to the DOM renderer by
 * itself; the scrollback is untouched because it lives in xterm's buffer, not in the canvas.
 * The active renderer is shown as data-renderer="webgl" | "dom" on the surface (for tests and bug
 * reports). Call once, after term.open.
 */
export function attachWebglRenderer(term: Terminal, surface: HTMLElement): TerminalRenderer {
  const mark = (r: TerminalRenderer) => {
    surface.dataset.renderer = r;
    return r;
  };
  let addon: WebglAddon | undefined;
  try {
    addon = new WebglAddon();
    addon.onContextLoss(() => {
      addon?.dispose();
      mark('dom');
    });
    term.loadAddon(addon);
    return mark('webgl');
  } catch {
    // no WebGL2 here (activate throws): the DOM renderer xterm opened with stays
    addon?.dispose();
    return mark('dom');
  }
}

/** The test hook's shape (test/support/terminal-screen.ts reads it). */
export interface ScreenHook {
  sfkScreenText?: () => string;
}

/**
 * TEST HOOK, deliberately kept in the product: the WebGL renderer draws into a canvas, so tests
 * and bench:terminal can no longer read the screen from the DOM rows. This returns the visible
 * rows as text from xterm's buffer, whatever the renderer. It only reads what is already on
 * screen, and is an element property (not a global), reachable only by code that holds the element.
 */
export function exposeScreenForTests(surface: HTMLElement, term: Terminal): void {
  (surface as HTMLElement & ScreenHook).sfkScreenText = () => {
    const buffer = term.buffer.active;
    const lines: string[] = [];
    for (let row = 0; row < term.rows; row++) lines.push(buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '');
    return lines.join('\n');
  };
}
