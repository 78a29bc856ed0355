// The Node.js version check the `sno-field-kit` command runs before anything else. This file must
// load on old Node versions: node: built-ins only, and no syntax newer than Node 14's.
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MINIMUM = [22, 12];
/** Exit code when the CLI cannot run at all (0-3 are the commands' own verdicts). */
export const EXIT_OLD_NODE = 4;

export function isSupported(version) {
  const [major, minor] = String(version).split('.').map(Number);
  return major > MINIMUM[0] || (major === MINIMUM[0] && minor >= MINIMUM[1]);
}

/** The CLI's own rule (electron/cli/main.ts): the first of these naming zh or en decides; else English. */
export function wantsChinese(env) {
  for (const locale of [env.SFK_LANG, env.LC_ALL, env.LC_MESSAGES, env.LANG]) {
    const lower = String(locale || '').toLowerCase();
    if (lower.startsWith('zh')) return true;
    if (lower.startsWith('en')) return false;
  }
  return false;
}

/**
 * The message for an unsupported Node, or undefined when this one is fine. Names the project's own
 * Node 22 (the `node` devDependency in node_modules/.bin) when it is installed.
 */
export function oldNodeMessage({ version, execPath, env, cwd, root }) {
  if (isSupported(version)) return undefined;
  const projectNode = join(root, 'node_modules', '.bin', 'node');
  const hasProjectNode = existsSync(projectNode);
  const projectCommand = `${shown(cwd, projectNode)} ${shown(cwd, join(root, 'bin', 'sno-field-kit.mjs'))}`;
  const need = `${MINIMUM[0]}.${MINIMUM[1]}`;
  if (wantsChinese(env)) {
    return [
      `SNO Field Kit 需要 Node.js ${need} 或更高版本，当前是 Node.js ${version}（${execPath}）。`,
      hasProjectNode
        ? `请用项目自带的 Node 22 运行：${projectCommand} …；或用 \`npm start\` 启动应用（它会自动使用该版本）。`
        : '请在项目目录运行 `npm ci` 安装项目自带的 Node 22（node_modules/.bin/node），或用 `npm start` 启动应用。',
      `也可以安装 Node.js 22 LTS（https://nodejs.org/），再重新运行此命令。`,
    ].join('\n');
  }
  return [
    `SNO Field Kit needs Node.js ${need} or newer; this is Node.js ${version} (${execPath}).`,
    hasProjectNode
      ? `Run it with the project's own Node 22: ${projectCommand} …, or start the app with \`npm start\` (it uses that Node).`
      : "Run `npm ci` in the project folder to install the project's own Node 22 (node_modules/.bin/node), or start the app with `npm start`.",
    'Or install Node.js 22 LTS (https://nodejs.org/) and run the command again.',
  ].join('\n');
}

/** The checkout this file belongs to. */
export function projectRoot(metaUrl) {
  return join(dirname(fileURLToPath(metaUrl)), '..');
}

/** A path relative to the current folder when it is inside it, else absolute. */
function shown(cwd, path) {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}
