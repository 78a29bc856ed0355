import type { IncomingMessage, ServerResponse } from 'node:http';
import { bytesReader } from '../../shared/iso/byte-reader';
import { encodeInitrd } from '../../shared/iso/initrd';
import { applyPatches, readIsoState } from '../../shared/iso/iso-image';
import type { PracticeRoute } from './mirror/practice-mirror';

/**
 * A local page that stands in for OpenShift Cluster Manager's "Add hosts" dialog of the practice
 * cluster: the technician picks the same options as on console.redhat.com (architecture, host
 * network, full image) and downloads the practice discovery ISO: the small live ISO with a
 * discovery Ignition config embedded, as `coreos-installer iso ignition embed` does.
 * Plain HTML and a form, no script: it opens in any browser, the system one included.
 */
export const CONSOLE_PATH = '/console/openshift';
export const PRACTICE_CLUSTER_NAME = 'sno-practice';
export const DISCOVERY_ISO_NAME = `discovery_image_${PRACTICE_CLUSTER_NAME}.iso`;

/** The live ISO with a discovery Ignition (the practice SSH key for user core) in its embed area. */
export async function practiceDiscoveryIso(liveIso: Buffer, sshPublicKey: string): Promise<Buffer> {
  const ignition = {
    ignition: { version: '3.1.0' },
    passwd: { users: [{ name: 'core', sshAuthorizedKeys: [sshPublicKey] }] },
    storage: { files: [{ path: '/etc/assisted/practice-discovery', mode: 420, contents: { source: `data:,${encodeURIComponent(`${PRACTICE_CLUSTER_NAME} practice discovery image`)}` } }] },
  };
  const state = await readIsoState(bytesReader(liveIso));
  const area = state.areas.initrd;
  const initrd = encodeInitrd(new Map([['config.ign', new TextEncoder().encode(JSON.stringify(ignition))]]), area.length, 'xz');
  return Buffer.from(applyPatches(liveIso, [{ offset: area.offset, bytes: initrd }]));
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(generated: boolean, sshPublicKey: string): string {
  const options = generated
    ? `<p class="ok">Discovery ISO is ready (practice).</p>
<p><a id="download-iso" href="${DISCOVERY_ISO_NAME}" download="${DISCOVERY_ISO_NAME}">Download Discovery ISO</a></p>
<p>Or with a command: <code>curl -o ${DISCOVERY_ISO_NAME} '&lt;this page&gt;/${DISCOVERY_ISO_NAME}'</code></p>`
    : `<form method="get" action="${CONSOLE_PATH}">
<input type="hidden" name="generated" value="1">
<fieldset><legend>CPU architecture</legend><label><input type="radio" name="arch" value="x86_64" checked> x86_64</label></fieldset>
<fieldset><legend>Host's network configuration</legend><label><input type="radio" name="network" value="dhcp" checked> DHCP only</label></fieldset>
<fieldset><legend>Provisioning type</legend><label><input type="radio" name="type" value="full-iso" checked> Full image file: Download a self-contained ISO</label></fieldset>
<label>SSH public key (the practice key)<br><textarea name="ssh" rows="3" cols="80" readonly>${escapeHtml(sshPublicKey)}</textarea></label>
<p><button id="generate" type="submit">Generate Discovery ISO</button></p>
</form>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Practice: OpenShift Cluster Manager — Add hosts</title>
<style>body{font-family:sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem}.banner{background:#5e40be;color:#fff;padding:.5rem 1rem}fieldset{margin:.5rem 0}.ok{color:#3e8635}</style></head>
<body><div class="banner" role="status">Practice mode: this page stands in for console.redhat.com on this computer. Nothing is sent to Red Hat.</div>
<h1>Clusters › ${PRACTICE_CLUSTER_NAME}</h1>
<h2>Add hosts</h2>
${options}
</body></html>`;
}

export function consolePageRoute(discoveryIso: Buffer, sshPublicKey: string): PracticeRoute {
  return (req: IncomingMessage, res: ServerResponse, url: URL) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    if (url.pathname === CONSOLE_PATH) {
      const html = page(url.searchParams.get('generated') === '1', sshPublicKey);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'" });
      res.end(req.method === 'HEAD' ? undefined : html);
      return true;
    }
    if (url.pathname === `/console/${DISCOVERY_ISO_NAME}`) {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': discoveryIso.length, 'content-disposition': `attachment; filename="${DISCOVERY_ISO_NAME}"` });
      res.end(req.method === 'HEAD' ? undefined : discoveryIso);
      return true;
    }
    return false;
  };
}
