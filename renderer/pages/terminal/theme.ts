import type { ITheme } from '@xterm/xterm';

/**
 * A dark theme in PatternFly 6 colours (the code-block/dark palette), with ANSI colours chosen for
 * contrast on it: `oc` and `journalctl` output stays readable in a sunny server room.
 */
export const terminalTheme: ITheme = {
  background: '#1f1f1f',
  foreground: '#e0e0e0',
  cursor: '#92c5f9',
  cursorAccent: '#1f1f1f',
  selectionBackground: '#4394e580',
  black: '#292929',
  red: '#f4784a',
  green: '#87bb62',
  yellow: '#ffcc17',
  blue: '#4394e5',
  magenta: '#b6a6e9',
  cyan: '#63bdbd',
  white: '#d2d2d2',
  brightBlack: '#707070',
  brightRed: '#f89b78',
  brightGreen: '#afdc8f',
  brightYellow: '#ffe072',
  brightBlue: '#92c5f9',
  brightMagenta: '#d0c5f4',
  brightCyan: '#9ad8d8',
  brightWhite: '#ffffff',
};

/**
 * Monospace first (PatternFly's Red Hat Mono when installed), then CJK-capable fallbacks so zh-CN
 * output (and file names) render as glyphs, not boxes — Noto CJK on Linux, the system CJK fonts
 * on macOS and Windows.
 */
export const terminalFontFamily = [
  '"Red Hat Mono"',
  '"DejaVu Sans Mono"',
  '"Liberation Mono"',
  'Menlo',
  'Consolas',
  '"Noto Sans Mono CJK SC"',
  '"Noto Sans CJK SC"',
  '"PingFang SC"',
  '"Microsoft YaHei"',
  'monospace',
].join(', ');
