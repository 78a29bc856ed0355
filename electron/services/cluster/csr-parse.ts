import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import type { CsrParseResult, ParsedCsrRequest } from '../../../shared/csr/verdict';
import { goNameView, subjectText } from '../../../shared/csr/subject';
import { readCsrStructure, type CsrStructure } from './csr-structure';

// Node's WebCrypto is a complete Crypto; the DOM type is not in the Node layer's lib
x509.cryptoProvider.set(webcrypto as never);

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

/**
 * Decodes `spec.request` (base64 of a PEM, as the API serialises it): exactly one CERTIFICATE REQUEST
 * block, nothing else. Subject and SANs are read from the DER by csr-structure.ts the way Go's
 * crypto/x509 reads them (the signer and kubectl are Go); @peculiar/x509 checks the self-signature
 * and describes the key. Both read the same bytes and both must accept them.
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
  const body = blocks[0]![2]!;
  // a kubelet writes no PEM headers, and Go's decoder refuses non-base64 characters that Node would skip
  if (!/^[A-Za-z0-9+/=\s]*$/.test(body)) return { ok: false, reason: 'PEM body is not plain base64' };
  const der = new Uint8Array(Buffer.from(body, 'base64'));
  let structure: CsrStructure;
  let csr: x509.Pkcs10CertificateRequest;
  try {
    structure = readCsrStructure(der);
    csr = new x509.Pkcs10CertificateRequest(der);
  } catch (err) {
    return { ok: false, reason: `not a PKCS#10 request (${err instanceof Error ? err.message.slice(0, 120) : 'parse error'})` };
  }
  let signatureValid = false;
  try {
    signatureValid = await csr.verify();
  } catch {
    signatureValid = false;
  }
  const alg = csr.publicKey.algorithm as { name: string; modulusLength?: number; namedCurve?: string };
  const name = goNameView(structure.subject);
  const request: ParsedCsrRequest = {
    subject: subjectText(structure.subject),
    subjectAttributes: structure.subject,
    // what the signer would issue the certificate for (Go: the last CN), not the first CN we meet
    ...(structure.subject.some((a) => a.type === 'CN' && a.value !== undefined) ? { commonName: name.commonName } : {}),
    organizations: name.organization,
    dnsNames: structure.dnsNames,
    ipAddresses: structure.ipAddresses,
    emails: structure.emails,
    uris: structure.uris,
    otherSans: structure.otherSans,
    ambiguities: structure.ambiguities,
    keyType: /^RSA/.test(alg.name) ? 'RSA' : alg.name === 'ECDSA' ? 'ECDSA' : alg.name === 'Ed25519' ? 'Ed25519' : 'other',
    ...(alg.modulusLength ? { keyBits: alg.modulusLength } : {}),
    ...(alg.namedCurve ? { curve: alg.namedCurve } : {}),
    signatureValid,
  };
  return { ok: true, request };
}
