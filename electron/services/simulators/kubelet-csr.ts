import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

// Node's WebCrypto is a complete Crypto; the DOM type is not in the Node layer's lib
x509.cryptoProvider.set(webcrypto as never);

export type KubeletKeyType = 'ecdsa-p256' | 'rsa-2048';

export interface KubeletCsrRequest {
  commonName: string;
  organization?: string[];
  dnsNames?: string[];
  ipAddresses?: string[];
  keyType?: KubeletKeyType;
}

/**
 * Generates a real PKCS#10 request the way a kubelet does (crypto/x509.CreateCertificateRequest):
 * subject O=system:nodes, CN=system:node:<name>, SANs only for serving. Real RHCOS kubelets use
 * ECDSA P-256; RSA is here because older fixtures and some tools use it.
 */
export async function generateKubeletCsrPem(request: KubeletCsrRequest): Promise<string> {
  const keyType = request.keyType ?? 'ecdsa-p256';
  const algorithm =
    keyType === 'ecdsa-p256' ? { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } : { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };
  const keys = (await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const organization = request.organization ?? ['system:nodes'];
  const name = [...organization.map((o) => `O=${escapeRdn(o)}`), `CN=${escapeRdn(request.commonName)}`].join(', ');
  const names: x509.JsonGeneralName[] = [
    ...(request.dnsNames ?? []).map((value) => ({ type: 'dns' as const, value })),
    ...(request.ipAddresses ?? []).map((value) => ({ type: 'ip' as const, value })),
  ];
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name,
    keys,
    signingAlgorithm: algorithm,
    extensions: names.length ? [new x509.SubjectAlternativeNameExtension(names)] : [],
  });
  return csr.toString('pem');
}

function escapeRdn(value: string): string {
  return value.replace(/([,+"\\<>;=])/g, '\\$1');
}

export const kubeletClientUsages = ['digital signature', 'client auth'];
export const kubeletServingUsages = ['digital signature', 'server auth'];
export const nodeBootstrapper = {
  username: 'system:serviceaccount:openshift-machine-config-operator:node-bootstrapper',
  groups: ['system:serviceaccounts', 'system:serviceaccounts:openshift-machine-config-operator', 'system:authenticated'],
};

/** A CertificateSigningRequest object as the API server would store it for a kubelet. */
export async function kubeletCsrObject(kind: 'client' | 'serving', nodeName: string, options: { addresses?: string[]; keyType?: KubeletKeyType; name?: string } = {}) {
  const pem = await generateKubeletCsrPem({
    commonName: `system:node:${nodeName}`,
    keyType: options.keyType,
    ...(kind === 'serving' ? { dnsNames: [nodeName], ipAddresses: options.addresses ?? [] } : {}),
  });
  return csrObjectFor(kind, pem, nodeName, options.name);
}

/**
 * Wraps any PEM request in the object the API server stores for a kubelet's client CSR (sent by the
 * node-bootstrapper) or serving CSR (sent by system:node:<nodeName>), whatever the PEM says.
 */
export function csrObjectFor(kind: 'client' | 'serving', pem: string, nodeName: string, name?: string) {
  const random = Buffer.from(webcrypto.getRandomValues(new Uint8Array(3)))
    .toString('hex')
    .slice(0, 5);
  return {
    apiVersion: 'certificates.k8s.io/v1',
    kind: 'CertificateSigningRequest',
    metadata: { name: name ?? `csr-${random}` },
    spec: {
      request: Buffer.from(pem).toString('base64'),
      signerName: kind === 'client' ? 'kubernetes.io/kube-apiserver-client-kubelet' : 'kubernetes.io/kubelet-serving',
      usages: kind === 'client' ? kubeletClientUsages : kubeletServingUsages,
      ...(kind === 'client' ? { username: nodeBootstrapper.username, groups: nodeBootstrapper.groups } : { username: `system:node:${nodeName}`, groups: ['system:nodes', 'system:authenticated'] }),
    },
  };
}
