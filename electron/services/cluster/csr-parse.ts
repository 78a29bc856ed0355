import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import type { CsrParseResult, ParsedCsrRequest } from '../../../shared/csr/verdict';

// Node's WebCrypto is a complete Crypto; the DOM type is not in the Node layer's lib
x509.cryptoProvider.set(webcrypto as never);

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

/**
 * Decodes `spec.request` (base64 of a PEM, as the API serialises it) and parses the PKCS#10 with
 * @peculiar/x509, verifying its self-signature: exactly one CERTIFICATE REQUEST block, nothing else.
 */
export async function parseCsrRequest(specRequest: string): Promise<CsrParseResult> {
  let pem: string;
  try {
    pem = Buffer.from(specRequest, 'base64').toString('utf8');
  } catch {
    return { ok: false, reason: 'spec.request is not base64' };
  }
  const blocks = [...pem.matchAll(PEM_BLOCK)];
  if (blocks.length !== 1) return { ok: false, reason: `expected exactly one PEM block, found ${blocks.length}` };
  if (blocks[0]![1] !== 'CERTIFICATE REQUEST') return { ok: false, reason: `PEM block is ${blocks[0]![1]}, not CERTIFICATE REQUEST` };
  let csr: x509.Pkcs10CertificateRequest;
  try {
    csr = new x509.Pkcs10CertificateRequest(blocks[0]![0]);
  } catch (err) {
    return { ok: false, reason: `not a PKCS#10 request (${err instanceof Error ? err.message.slice(0, 120) : 'parse error'})` };
  }
  let signatureValid = false;
  try {
    signatureValid = await csr.verify();
  } catch {
    signatureValid = false;
  }
  const names = csr.getExtension('2.5.29.17');
  const san = names ? new x509.SubjectAlternativeNameExtension(names.rawData) : undefined;
  const items = san?.names.items ?? [];
  const alg = csr.publicKey.algorithm as { name: string; modulusLength?: number; namedCurve?: string };
  const request: ParsedCsrRequest = {
    subject: csr.subject,
    ...(csr.subjectName.getField('CN')[0] !== undefined ? { commonName: csr.subjectName.getField('CN')[0] } : {}),
    organizations: csr.subjectName.getField('O'),
    dnsNames: items.filter((i) => i.type === 'dns').map((i) => i.value),
    ipAddresses: items.filter((i) => i.type === 'ip').map((i) => i.value),
    emails: items.filter((i) => i.type === 'email').map((i) => i.value),
    uris: items.filter((i) => i.type === 'url').map((i) => i.value),
    keyType: /^RSA/.test(alg.name) ? 'RSA' : alg.name === 'ECDSA' ? 'ECDSA' : alg.name === 'Ed25519' ? 'Ed25519' : 'other',
    ...(alg.modulusLength ? { keyBits: alg.modulusLength } : {}),
    ...(alg.namedCurve ? { curve: alg.namedCurve } : {}),
    signatureValid,
  };
  return { ok: true, request };
}
