import { watch, type FSWatcher } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';

/**
 * Notices sticks being plugged in or pulled: a watch on /dev (block nodes appear and vanish there)
 * plus a slow poll of /sys/class/block as a fallback for systems where /dev events are not seen.
 * Calls `onChange` (debounced) when the set of block devices changes.
 */
export class HotplugWatcher {
  private watcher?: FSWatcher;
  private timer?: NodeJS.Timeout;
  private debounce?: NodeJS.Timeout;
  private last = '';

  constructor(
    private readonly onChange: () => void,
    private readonly pollMs = 3000,
    private readonly debounceMs = 400,
  ) {}

  async start(): Promise<void> {
    if (this.timer) return;
    this.last = await this.snapshot();
    try {
      this.watcher = watch('/dev', () => this.schedule());
      this.watcher.on('error', () => undefined);
    } catch {
      // no inotify on /dev: the poll still works
    }
    this.timer = setInterval(() => this.schedule(), this.pollMs);
    this.timer.unref();
  }

  stop(): void {
    this.watcher?.close();
    clearInterval(this.timer);
    clearTimeout(this.debounce);
    this.timer = undefined;
  }

  private schedule(): void {
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => void this.compare(), this.debounceMs);
    this.debounce.unref();
  }

  private async compare(): Promise<void> {
    const now = await this.snapshot();
    if (now !== this.last) {
      this.last = now;
      this.onChange();
    }
  }

  /** Block device names with their sizes: a new stick, a pulled one, or a card inserted into a reader all change it. */
  private async snapshot(): Promise<string> {
    const names = await readdir('/sys/class/block').catch(() => [] as string[]);
    const parts = await Promise.all(
      names.sort().map(async (n) => {
        const size = await readFile(`/sys/class/block/${n}/size`, 'utf8').catch(() => '?');
        return `${n}:${size.trim()}`;
      }),
    );
    return parts.join(',');
  }
}
