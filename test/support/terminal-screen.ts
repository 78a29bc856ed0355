import type { Page } from 'playwright-core';
import type { ScreenHook } from '../../renderer/pages/terminal/renderer-choice';

/** The visible tab's terminal surface, once xterm is open and its renderer chosen. */
export const TERMINAL_SURFACE = '[data-testid=terminal-host] .sfk-terminal-surface[data-renderer]';

/**
 * The text on the visible tab's screen, whichever renderer draws it (the WebGL renderer draws into
 * a canvas, so the DOM rows can't be read): xterm's buffer through the surface's test hook
 * (renderer/pages/terminal/renderer-choice.ts, exposeScreenForTests).
 */
export function screenText(page: Page): Promise<string> {
  return page.locator(TERMINAL_SURFACE).evaluate((el) => (el as HTMLElement & ScreenHook).sfkScreenText?.() ?? '');
}

/** "webgl" or "dom": which renderer the visible tab uses. */
export async function activeRenderer(page: Page): Promise<string | null> {
  return page.locator(TERMINAL_SURFACE).getAttribute('data-renderer');
}
