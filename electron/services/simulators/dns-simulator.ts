import { createSocket, type Socket } from 'node:dgram';
import { parseIp } from '../../../shared/csr/ip';

export interface DnsSimulator {
  /** host:port for dns.Resolver#setServers */
  server: string;
  close(): Promise<void>;
}

/**
 * A minimal authoritative DNS server on 127.0.0.1 (UDP, A and AAAA, `*.` wildcards, NXDOMAIN
 * otherwise), so the pre-flight DNS checks are tested through a real resolver speaking the real
 * protocol instead of a stubbed function.
 */
export async function startDnsSimulator(zone: Record<string, string[]>): Promise<DnsSimulator> {
  const socket: Socket = createSocket('udp4');
  socket.on('message', (msg, peer) => {
    const reply = answer(msg, zone);
    if (reply) socket.send(reply, peer.port, peer.address);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => resolve());
  });
  return {
    server: `127.0.0.1:${socket.address().port}`,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

function answer(msg: Buffer, zone: Record<string, string[]>): Buffer | undefined {
  if (msg.length < 17) return undefined;
  const labels: string[] = [];
  let at = 12;
  while (at < msg.length && msg[at] !== 0) {
    const len = msg[at]!;
    labels.push(msg.subarray(at + 1, at + 1 + len).toString('ascii'));
    at += 1 + len;
  }
  const questionEnd = at + 5;
  if (questionEnd > msg.length) return undefined;
  const qtype = msg.readUInt16BE(at + 1);
  const name = labels.join('.').toLowerCase();
  const records = zone[name] ?? zone[`*.${labels.slice(1).join('.').toLowerCase()}`];
  const wanted = (records ?? []).map((a) => parseIp(a)).filter((b): b is Uint8Array => !!b && ((qtype === 1 && b.length === 4) || (qtype === 28 && b.length === 16)));
  const header = Buffer.alloc(12);
  header.writeUInt16BE(msg.readUInt16BE(0), 0);
  header.writeUInt16BE(records ? 0x8580 : 0x8583, 2); // response, authoritative, RD+RA; NXDOMAIN when unknown
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(wanted.length, 6);
  const answers = wanted.map((rdata) => {
    const rr = Buffer.alloc(12 + rdata.length);
    rr.writeUInt16BE(0xc00c, 0); // pointer to the question name
    rr.writeUInt16BE(qtype, 2);
    rr.writeUInt16BE(1, 4);
    rr.writeUInt32BE(60, 6);
    rr.writeUInt16BE(rdata.length, 10);
    Buffer.from(rdata).copy(rr, 12);
    return rr;
  });
  return Buffer.concat([header, msg.subarray(12, questionEnd), ...answers]);
}
