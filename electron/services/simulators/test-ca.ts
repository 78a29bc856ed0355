import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

// Node's WebCrypto is a complete Crypto; the DOM type is not in the Node layer's lib
x509.cryptoProvider.set(webcrypto as never);

const ecdsa = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const signing = { name: 'ECDSA', hash: 'SHA-256' } as const;

export interface TestCa {
  caPem: string;
  caKey: webcrypto.CryptoKey;
  caCert: x509.X509Certificate;
  /** A server certificate for 127.0.0.1/localhost signed by the CA (PEM) and its private key (PKCS#8 PEM) */
  serverCertPem: string;
  serverKeyPem: string;
  /** Signs a PKCS#10 request like the cluster's signer would (used after approval). */
  sign(csrPem: string, days?: number): Promise<string>;
}

/**
 * A throw-away certificate authority for the local fake API server: generated on every start, never
 * written anywhere but the test's own kubeconfig, so a real client verifies TLS exactly as it would
 * against a cluster.
 */
export async function createTestCa(commonName = 'sno-field-kit-simulator-ca'): Promise<TestCa> {
  const now = Date.now();
  const caKeys = (await webcrypto.subtle.generateKey(ecdsa, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const caCert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=${commonName}`,
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + 2 * 86_400_000),
    keys: caKeys,
    signingAlgorithm: signing,
    extensions: [new x509.BasicConstraintsExtension(true, 0, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true)],
  });
  const serverKeys = (await webcrypto.subtle.generateKey(ecdsa, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const serverCert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: 'CN=127.0.0.1',
    issuer: caCert.subject,
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + 2 * 86_400_000),
    publicKey: serverKeys.publicKey,
    signingKey: caKeys.privateKey,
    signingAlgorithm: signing,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        { type: 'ip', value: '127.0.0.1' },
        { type: 'dns', value: 'localhost' },
      ]),
    ],
  });
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', serverKeys.privateKey);
  const serverKeyPem = x509.PemConverter.encode(pkcs8, 'PRIVATE KEY');
  return {
    caPem: caCert.toString('pem'),
    caKey: caKeys.privateKey,
    caCert,
    serverCertPem: serverCert.toString('pem'),
    serverKeyPem,
    async sign(csrPem, days = 30) {
      const request = new x509.Pkcs10CertificateRequest(csrPem);
      const cert = await x509.X509CertificateGenerator.create({
        serialNumber: serial(),
        subject: request.subject,
        issuer: caCert.subject,
        notBefore: new Date(Date.now() - 60_000),
        notAfter: new Date(Date.now() + days * 86_400_000),
        publicKey: request.publicKey,
        signingKey: caKeys.privateKey,
        signingAlgorithm: signing,
        extensions: request.extensions.filter((e) => e.type === '2.5.29.17'),
      });
      return cert.toString('pem');
    },
  };
}

function serial(): string {
  return Buffer.from(webcrypto.getRandomValues(new Uint8Array(8)))
    .toString('hex')
    .replace(/^[89a-f]/, '1');
}
