import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { approveNamedCommand, isCsrName, manualCsrCommands, manualCsrExpectations } from '../../../shared/csr/approval-advice';

const root = resolve(import.meta.dirname, '..', '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

describe('CSR approval advice never approves more than the named requests', () => {
  it('approves exactly the checked names, once each, and nothing when there are none', () => {
    expect(approveNamedCommand(['csr-abc', 'csr-def', 'csr-abc'])).toBe('oc adm certificate approve csr-abc csr-def');
    expect(approveNamedCommand([])).toBeUndefined();
  });

  it('refuses anything that is not a CSR name (a shell would expand it)', () => {
    for (const bad of ['$(oc get csr -o name)', 'csr-a; oc adm certificate approve csr-b', '*', '', 'CSR-Upper', '-all']) {
      expect(isCsrName(bad)).toBe(false);
      expect(() => approveNamedCommand([bad])).toThrow(/Not a CSR name/);
    }
  });

  it('without a kubeconfig, lists and describes, then approves one named request', () => {
    const cmds = manualCsrCommands('worker-1');
    expect(cmds.list).toBe('oc get csr --sort-by=.metadata.creationTimestamp');
    expect(cmds.describe).toBe('oc describe csr <CSR-NAME>');
    expect(cmds.approveOne).toBe('oc adm certificate approve <CSR-NAME>');
    expect(cmds.watch).toBe('oc get node worker-1 -o wide -w');
    expect(manualCsrExpectations('worker-1').nodeUser).toBe('system:node:worker-1');
  });

  it('no screen or shared module carries a blanket approve', () => {
    // A blanket approve pipes a list of names into `oc adm certificate approve`; any such text in the
    // renderer or shared code would reach a technician's screen.
    const offenders = [...sources(join(root, 'renderer')), ...sources(join(root, 'shared'))].filter((file) => {
      const text = readFileSync(file, 'utf8');
      return /certificate approve/.test(text) && /xargs|go-template|-o name\s*\|/.test(text);
    });
    expect(offenders).toEqual([]);
  });
});
