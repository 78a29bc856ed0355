import { describe, expect, it } from 'vitest';
import { LATIN_ALLOWED, unexpectedLatinWords } from '../support/latin-allow-list';

describe('zh-CN Latin-text check (test/support/latin-allow-list.ts)', () => {
  it('flags English wording and PatternFly defaults, not product names, commands, ids, paths or units', () => {
    expect(unexpectedLatinWords('Info alert: 已保存 Close')).toEqual(['Info', 'alert', 'Close']);
    expect(unexpectedLatinWords('Couldn’t access platform: AccessDenied')).toContain('AccessDenied');
    expect(unexpectedLatinWords('将 RHCOS live ISO 写入 U 盘，大小 1.7 KiB，worker 节点 worker-1 的 pull secret')).toEqual([]);
    expect(unexpectedLatinWords('缓存位于 /home/tech/.local/share/sfk，地址 https://api.openshift.com，HTTPS_PROXY 与 core@192.0.2.10')).toEqual([]);
    expect(unexpectedLatinWords('版本 4.16.3，架构 x86_64，文件 settings.json')).toEqual([]);
    // A CSR's generated name is an id whatever its random part holds; other English after csr- is not.
    expect(unexpectedLatinWords('已批准 csr-abafc 和 csr-7k2qz')).toEqual([]);
    expect(unexpectedLatinWords('csr-pending-approval')).toEqual(['csr-pending-approval']);
  });

  it('gives every allowed word a reason', () => {
    for (const [word, reason] of Object.entries(LATIN_ALLOWED)) expect(reason.length, word).toBeGreaterThan(3);
  });
});
