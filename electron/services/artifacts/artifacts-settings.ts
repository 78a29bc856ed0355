import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { artifactsSettingsSchema, type ArtifactsSettings } from '../../../shared/api/domains/artifacts';
import { writeFileAtomic } from '../fs/atomic-write';

export const DEFAULT_ARTIFACTS_SETTINGS: ArtifactsSettings = {
  mirrorBaseUrl: 'https://mirror.openshift.com/pub/openshift-v4',
  rhcosBaseUrl: '',
  caBundlePath: '',
};

/**
 * Download sources live in their own small file (`<data>/artifacts-settings.json`) rather than in
 * the app-wide settings, so this area owns its fields. The cache folder itself is the app setting
 * `cacheDir`. Field-by-field repair keeps a hand-edited file usable.
 */
export class ArtifactsSettingsStore {
  private readonly path: string;

  constructor(
    dataDir: string,
    private readonly overrides: Partial<ArtifactsSettings> = {},
  ) {
    this.path = join(dataDir, 'artifacts-settings.json');
  }

  get(): ArtifactsSettings {
    return { ...this.stored(), ...this.overrides };
  }

  /** What the file says (repaired field by field), without this run's overrides. */
  private stored(): ArtifactsSettings {
    let stored: Record<string, unknown> = {};
    try {
      stored = JSON.parse(readFileSync(this.path, 'utf8')) as Record<string, unknown>;
    } catch {
      /* missing or damaged: defaults */
    }
    const merged: Record<string, unknown> = { ...DEFAULT_ARTIFACTS_SETTINGS };
    for (const key of Object.keys(DEFAULT_ARTIFACTS_SETTINGS) as (keyof ArtifactsSettings)[]) {
      const one = artifactsSettingsSchema.shape[key].safeParse(stored[key]);
      if (one.success) merged[key] = one.data;
    }
    return merged as ArtifactsSettings;
  }

  /** Fields forced for this run (practice mode's mirror) are never written: the technician's own sources stay as they were. */
  async update(patch: Partial<ArtifactsSettings>): Promise<ArtifactsSettings> {
    const own = Object.fromEntries(Object.entries(patch).filter(([k]) => !(k in this.overrides)));
    const next = artifactsSettingsSchema.parse({ ...this.stored(), ...own });
    await writeFileAtomic(this.path, `${JSON.stringify(next, null, 2)}\n`, 0o600);
    return this.get();
  }
}
