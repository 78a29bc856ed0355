import { describe, expect, it } from 'vitest';
import { createServer, type AddressInfo } from 'node:net';
import { tcpProbe } from '../../../electron/services/nodeimage/monitor';

describe('monitor probe', () => {
  it('tells a listening port from a closed one with a real TCP connect', async () => {
    const server = createServer((s) => s.end());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as AddressInfo).port;
    expect(await tcpProbe('127.0.0.1', port)).toBe('up');
    await new Promise<void>((r) => server.close(() => r()));
    expect(await tcpProbe('127.0.0.1', port)).toBe('down');
  });
});
