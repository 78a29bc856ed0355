import type { ArtifactKind } from '../../../shared/api/domains/artifacts';

/** A cache entry's id: its kind and file name (also the folder and file under the cache directory). */
export function artifactId(kind: ArtifactKind, name: string): string {
  return `${kind}/${name}`;
}
