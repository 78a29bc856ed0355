import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { installerArchivePrefix } from '../../../shared/artifacts/openshift-install';
import { tarOf } from '../../services/simulators/downloads-simulator';
import { PRACTICE_RELEASES } from '../practice-releases';

/**
 * What the practice mirror serves, laid out like mirror.openshift.com:
 *   /pub/openshift-v4/clients/ocp/<version | channel>/sha256sum.txt and openshift-install-<platform>-<version>.tar.gz
 *     (4.18.0 and its channels, and each release the practice cluster can report)
 *   /pub/openshift-v4/x86_64/dependencies/rhcos/<minor>/<build>/rhcos-<build>-live.x86_64.iso (the practice cluster's boot images)
 *   /pub/openshift-v4/x86_64/dependencies/rhcos/<minor>/<release>/<iso name>
 *   /pub/openshift-v4/x86_64/dependencies/rhcos/<minor>/<release>/stream.json (the practice copy)
 * The ISO is the small real live ISO (resources/practice), published with its real sha256. The
 * installer archive is a real tar.gz whose `openshift-install` is a shell script that answers
 * `coreos print-stream-json` with this mirror's stream document, as the real installer prints its own.
 */
export const PRACTICE_OCP_VERSION = '4.18.0';
export const PRACTICE_CHANNELS = ['stable-4.18', 'latest-4.18', 'fast-4.18', 'stable', 'latest'];
export const PRACTICE_RHCOS_RELEASE = '418.94.202501010000-0';
export const PRACTICE_ISO_NAME = `rhcos-${PRACTICE_RHCOS_RELEASE}-live.x86_64.iso`;
export const MIRROR_BASE_PATH = '/pub/openshift-v4';
const RHCOS_DIR = `${MIRROR_BASE_PATH}/x86_64/dependencies/rhcos/4.18/${PRACTICE_RHCOS_RELEASE}`;

/** Where the mirror keeps a release's live ISO, under the mirror base (as mirror.openshift.com lays it out). */
export function rhcosIsoPath(rhcosBuild: string): string {
  const minor = rhcosBuild.slice(0, 3).replace(/^(\d)(\d+)$/, '$1.$2');
  return `/x86_64/dependencies/rhcos/${minor}/${rhcosBuild}/rhcos-${rhcosBuild}-live.x86_64.iso`;
}

export const sha256Hex = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

/** The stream document, in the schema of coreos/stream-metadata-go (stream, metadata, architectures.<arch>.artifacts.metal.formats.iso.disk). */
export function practiceStream(mirrorUrl: string, iso: Buffer): Record<string, unknown> {
  return {
    stream: 'rhcos-4.18',
    metadata: { 'last-modified': '2025-01-01T00:00:00Z', generator: 'sno-field-kit practice mirror' },
    architectures: {
      x86_64: {
        artifacts: {
          metal: {
            release: PRACTICE_RHCOS_RELEASE,
            formats: { iso: { disk: { location: `${mirrorUrl}${RHCOS_DIR}/${PRACTICE_ISO_NAME}`, sha256: sha256Hex(iso) } } },
          },
        },
      },
    },
  };
}

/** The stand-in openshift-install: a POSIX shell script with the stream document inside. */
export function installerScript(streamJson: string, version = PRACTICE_OCP_VERSION): string {
  return `#!/bin/sh
# SNO Field Kit practice mode: a stand-in for openshift-install ${version}.
# It answers "coreos print-stream-json" and "version" only.
if [ "$1" = "coreos" ] && [ "$2" = "print-stream-json" ]; then
cat <<'STREAM_EOF'
${streamJson}
STREAM_EOF
exit 0
fi
if [ "$1" = "version" ]; then echo "openshift-install ${version} (practice)"; exit 0; fi
echo "practice openshift-install: only 'coreos print-stream-json' and 'version' are available" >&2
exit 1
`;
}

/** Path -> bytes of every file the mirror serves. */
export function mirrorFiles(mirrorUrl: string, iso: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const streamJson = JSON.stringify(practiceStream(mirrorUrl, iso), null, 2);
  files.set(`${RHCOS_DIR}/${PRACTICE_ISO_NAME}`, iso);
  files.set(`${RHCOS_DIR}/stream.json`, Buffer.from(streamJson));
  // The practice cluster's boot images (coreos-bootimages) point here, one ISO per release it can report.
  for (const r of Object.values(PRACTICE_RELEASES)) files.set(`${MIRROR_BASE_PATH}${rhcosIsoPath(r.rhcosBuild)}`, iso);
  // One archive per platform the app runs on, as the real client folder has (linux, linux-arm64, mac, mac-arm64).
  const prefixes = [
    ...new Set(
      [
        ['linux', 'x64'],
        ['linux', 'arm64'],
        ['darwin', 'x64'],
        ['darwin', 'arm64'],
      ].map(([p, a]) => installerArchivePrefix(p!, a!)!),
    ),
  ];
  const publish = (version: string, dirs: string[]) => {
    const archive = gzipSync(tarOf('openshift-install', Buffer.from(installerScript(streamJson, version))));
    const names = prefixes.map((p) => `${p}-${version}.tar.gz`);
    const sums = `${names.map((n) => `${sha256Hex(archive)}  ${n}`).join('\n')}\n`;
    for (const dir of dirs) {
      const base = `${MIRROR_BASE_PATH}/clients/ocp/${dir}`;
      for (const n of names) files.set(`${base}/${n}`, archive);
      files.set(`${base}/sha256sum.txt`, Buffer.from(sums));
      files.set(`${base}/release.txt`, Buffer.from(`Client tools for OpenShift (practice)\nName: ${version}\n`));
    }
  };
  publish(PRACTICE_OCP_VERSION, [PRACTICE_OCP_VERSION, ...PRACTICE_CHANNELS]);
  // The practice cluster's releases (its version picker), so "Prepare for a site visit" works for each.
  for (const r of Object.values(PRACTICE_RELEASES)) publish(r.version, [r.version]);
  return files;
}
