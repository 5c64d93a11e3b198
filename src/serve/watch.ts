/**
 * Watching a site's sources with chokidar: `content/`, `templates/`, `static/` and the config file.
 * Editors' atomic saves, renames, deletions and new folders all arrive as changed paths; a burst
 * of them becomes one call. Everything else under the root (the output folder, `node_modules`,
 * dot-folders) is ignored, so writing a build never triggers another.
 */
import { relative, sep } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { CONFIG_FILES } from '../config.js';

/** How a site watcher behaves. */
export interface WatchOptions {
  /** Called with the changed paths (relative to the root, `/`-separated) once a burst settles. */
  onChange: (paths: string[]) => void;
  /** Messages for the terminal. */
  log: (message: string) => void;
  /** Quiet time that ends a burst of changes, in ms. */
  debounceMs?: number;
  /** Longest wait from a burst's first change to the call, in ms. */
  maxWaitMs?: number;
  /** Poll instead of using the system's file events. */
  polling?: boolean;
}

const WATCHED = new Set(['content', 'templates', 'static']);
const EDITOR_LEFTOVER = /(^\.|~$|\.sw[a-p]$|^#.*#$|^4913$)/;

/** Whether a path below the root is one a rebuild may depend on. */
export function isWatchedPath(root: string, path: string): boolean {
  const rel = relative(root, path);
  if (rel === '') return true;
  if (rel.startsWith('..')) return false;
  const segments = rel.split(sep);
  if (segments.length === 1 && CONFIG_FILES.includes(segments[0]!)) return true;
  if (!WATCHED.has(segments[0]!)) return false;
  return !segments.some((s) => EDITOR_LEFTOVER.test(s));
}

/** Watches one site root; falls back to polling when the system's watch limit is reached. */
export class SiteWatcher {
  private fsw: FSWatcher | null = null;
  private pending = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private firstAt = 0;
  private polling: boolean;
  private closed = false;

  constructor(
    private readonly root: string,
    private readonly options: WatchOptions,
  ) {
    this.polling = options.polling ?? false;
  }

  /** Starts watching; resolves once the initial scan is done. */
  async start(): Promise<void> {
    const fsw = watch(this.root, {
      ignoreInitial: true,
      ignored: (path) => !isWatchedPath(this.root, path),
      usePolling: this.polling,
      interval: 100,
      binaryInterval: 300,
      followSymlinks: false,
    });
    this.fsw = fsw;
    fsw.on('all', (_event, path) => this.note(path));
    fsw.on('error', (e) => this.handleError(e as NodeJS.ErrnoException));
    await new Promise<void>((resolve) => fsw.once('ready', () => resolve()));
  }

  /** Whether the watcher polls (after a fallback, or when asked to). */
  get isPolling(): boolean {
    return this.polling;
  }

  /** Reacts to a watcher error: the watch limit switches to polling; others are reported. */
  async handleError(e: NodeJS.ErrnoException): Promise<void> {
    if ((e.code === 'ENOSPC' || e.code === 'EMFILE') && !this.polling && !this.closed) {
      this.options.log(
        `bantin serve: the system's limit on watched files is reached (${e.code}); watching by polling instead, which is slower.\n` +
          '  To raise the limit on Linux: sudo sysctl fs.inotify.max_user_watches=524288 (and add fs.inotify.max_user_watches=524288 to /etc/sysctl.conf to keep it)',
      );
      this.polling = true;
      const old = this.fsw;
      await old?.close();
      if (!this.closed) await this.start();
      return;
    }
    this.options.log(`bantin serve: watching failed: ${e.message}`);
  }

  /** Stops watching and drops changes not yet reported. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.fsw?.close();
  }

  private note(path: string): void {
    if (this.closed) return;
    const rel = relative(this.root, path).split(sep).join('/');
    if (this.pending.size === 0) this.firstAt = Date.now();
    this.pending.add(rel);
    if (this.timer) clearTimeout(this.timer);
    const quiet = this.options.debounceMs ?? 30;
    const left = this.firstAt + (this.options.maxWaitMs ?? 500) - Date.now();
    this.timer = setTimeout(() => this.flush(), Math.max(0, Math.min(quiet, left)));
  }

  private flush(): void {
    this.timer = null;
    const paths = [...this.pending].sort();
    this.pending.clear();
    if (paths.length && !this.closed) this.options.onChange(paths);
  }
}
