import type { NetworkModel } from '../../../shared/network/model';

/** A pointer worker.ign as the MCO writes it into worker-user-data-managed (spec 3.2.0, MCS CA inline). */
export function workerIgnFixture(caPem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n', host = 'api-int.sno1.example.com'): string {
  return JSON.stringify({
    ignition: {
      config: { merge: [{ source: `https://${host}:22623/config/worker` }] },
      security: { tls: { certificateAuthorities: [{ source: `data:text/plain;charset=utf-8;base64,${Buffer.from(caPem).toString('base64')}` }] } },
      version: '3.2.0',
    },
  });
}

export const staticModel = (): NetworkModel => ({
  interfaces: [
    {
      name: 'ens3',
      type: 'ethernet',
      macAddress: '52:54:00:aa:bb:cc',
      ipv4: { mode: 'static', addresses: [{ ip: '10.1.101.50', prefixLength: 24 }], gateway: '10.1.101.1' },
      ipv6: { mode: 'disabled', addresses: [] },
    },
  ],
  dns: { servers: ['10.1.101.1', '10.1.101.2'], search: ['example.com'] },
  routes: [],
});

/** Bond of two NICs with a VLAN on top, dual stack, jumbo frames asked for explicitly. */
export const bondVlanModel = (): NetworkModel => ({
  interfaces: [
    { name: 'ens1f0', type: 'ethernet', macAddress: '52:54:00:00:00:01', controller: 'bond0', mtu: 9000, ipv4: { mode: 'disabled', addresses: [] }, ipv6: { mode: 'disabled', addresses: [] } },
    { name: 'ens1f1', type: 'ethernet', macAddress: '52:54:00:00:00:02', controller: 'bond0', mtu: 9000, ipv4: { mode: 'disabled', addresses: [] }, ipv6: { mode: 'disabled', addresses: [] } },
    {
      name: 'bond0',
      type: 'bond',
      mtu: 9000,
      bond: { mode: 'active-backup', ports: ['ens1f0', 'ens1f1'], miimon: 100 },
      ipv4: { mode: 'disabled', addresses: [] },
      ipv6: { mode: 'disabled', addresses: [] },
    },
    {
      name: 'bond0.201',
      type: 'vlan',
      mtu: 1500,
      vlan: { baseIface: 'bond0', id: 201 },
      ipv4: { mode: 'static', addresses: [{ ip: '192.168.201.20', prefixLength: 24 }], gateway: '192.168.201.1' },
      ipv6: { mode: 'static', addresses: [{ ip: '2001:db8:201::20', prefixLength: 64 }], gateway: 'fe80::1' },
    },
  ],
  dns: { servers: ['192.168.201.53', '2001:db8:201::53'], search: ['lab.example.com', 'example.com'] },
  routes: [{ destination: '10.20.0.0/16', nextHopAddress: '192.168.201.254', nextHopInterface: 'bond0.201', metric: 50 }],
});

/** GLib key-file reader (the subset NetworkManager writes): sections, key=value, '#' comments. */
export function parseIni(text: string): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  let section: Record<string, string> | undefined;
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const head = /^\[([^\]]+)\]$/.exec(line);
    if (head) {
      if (out[head[1]!]) throw new Error(`section ${head[1]} repeated`);
      section = out[head[1]!] = {};
      continue;
    }
    const eq = line.indexOf('=');
    if (!section || eq <= 0) throw new Error(`not a key-file line: ${line}`);
    const key = line.slice(0, eq);
    if (key in section) throw new Error(`key ${key} repeated`);
    section[key] = line.slice(eq + 1);
  }
  return out;
}

/**
 * POSIX shell word splitting for the generated commands: "\"-newline continuations, single and
 * double quotes, backslash escapes, and $(...) kept as one opaque word part. Throws on anything
 * unbalanced, so a broken continuation or quote fails the test.
 */
export function shellWords(script: string): string[][] {
  const commands: string[][] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  const end = () => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  for (let i = 0; i < script.length; i++) {
    const c = script[i]!;
    if (c === '\\') {
      if (script[i + 1] === '\n') {
        i++;
        continue;
      }
      word += script[++i] ?? '';
      inWord = true;
    } else if (c === "'") {
      const close = script.indexOf("'", i + 1);
      if (close < 0) throw new Error('unterminated single quote');
      word += script.slice(i + 1, close);
      inWord = true;
      i = close;
    } else if (c === '"') {
      let j = i + 1;
      let depth = 0;
      for (; j < script.length; j++) {
        if (script[j] === '\\') {
          word += script[++j];
          continue;
        }
        if (script.startsWith('$(', j)) depth++;
        if (script[j] === ')' && depth > 0) depth--;
        if (script[j] === '"' && depth === 0) break;
        word += script[j];
      }
      if (j >= script.length) throw new Error('unterminated double quote');
      inWord = true;
      i = j;
    } else if (c === ' ' || c === '\t') end();
    else if (c === '\n' || c === ';') {
      end();
      if (words.length) commands.push(words);
      words = [];
    } else {
      word += c;
      inWord = true;
    }
  }
  end();
  if (words.length) commands.push(words);
  return commands;
}
