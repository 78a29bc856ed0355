/** Small conversions the Assisted steps share. */
export function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function majorMinor(version: string): string {
  const m = /^v?(\d+\.\d+)/.exec(version.trim());
  return m ? m[1]! : version;
}

export function validDate(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value) return undefined;
  // The zero time ("0001-01-01T00:00:00Z") means "no URL yet".
  return value.startsWith('0001-') ? undefined : value;
}

export function archOf(cluster: unknown): 'x86_64' | 'arm64' | 'ppc64le' | 's390x' {
  const arch = String((cluster as { architecture?: string } | undefined)?.architecture ?? 'x86_64').toLowerCase();
  if (arch === 'arm64' || arch === 'aarch64') return 'arm64';
  if (arch === 'ppc64le' || arch === 's390x') return arch;
  return 'x86_64';
}

export function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
