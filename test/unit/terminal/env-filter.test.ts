import { describe, expect, it } from 'vitest';
import { filterInheritedEnv, isSecretEnvName } from '../../../shared/terminal/env-filter';

describe('inherited environment filter', () => {
  it('drops credential names, credential-looking values and the app’s own variables, keeping the rest', () => {
    const { env, removed } = filterInheritedEnv({
      PATH: '/usr/bin:/bin',
      HOME: '/home/tech',
      LANG: 'zh_CN.UTF-8',
      SSH_AUTH_SOCK: '/run/user/1000/ssh-agent',
      XAUTHORITY: '/home/tech/.Xauthority',
      OFFLINE_TOKEN: 'abc',
      GITHUB_TOKEN: 'ghp_x',
      AWS_SECRET_ACCESS_KEY: 'k',
      DB_PASSWORD: 'p',
      PULL_SECRET: '{"auths":{}}',
      OCM_API_KEY: 'x',
      HARMLESS_NAME: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig123',
      CURL_OPTS: '-H Authorization: Bearer abcdefghijklmnopqrstuvwxyz',
      ELECTRON_RUN_AS_NODE: '1',
      SFK_RENDERER_DIR: '/tmp/x',
      AUTHOR: 'someone',
      UNSET: undefined,
    });
    expect(Object.keys(env).sort()).toEqual(['AUTHOR', 'HOME', 'LANG', 'PATH', 'SSH_AUTH_SOCK', 'XAUTHORITY']);
    expect(removed).toEqual([
      'AWS_SECRET_ACCESS_KEY',
      'CURL_OPTS',
      'DB_PASSWORD',
      'ELECTRON_RUN_AS_NODE',
      'GITHUB_TOKEN',
      'HARMLESS_NAME',
      'OCM_API_KEY',
      'OFFLINE_TOKEN',
      'PULL_SECRET',
      'SFK_RENDERER_DIR',
    ]);
  });

  it('recognises common credential variable names', () => {
    for (const name of ['NPM_TOKEN', 'REGISTRY_AUTH_FILE', 'KUBE_PASSWD', 'MY_PRIVATE_KEY', 'SESSION_KEY', 'SSH_PASSPHRASE']) expect(isSecretEnvName(name), name).toBe(true);
    for (const name of ['PATH', 'SHELL', 'DISPLAY', 'SSH_AUTH_SOCK', 'AUTHOR_NAME']) expect(isSecretEnvName(name), name).toBe(false);
  });
});
