import { existsSync, mkdirSync, readdirSync, readFileSync, watch, writeFileSync, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import defaultPackJson from '../../shared/guidance/scripts/default-pack.zh-en.json';
import { defaultPack } from '../../shared/guidance/scripts/default-pack';
import { parsePack, type PackProblem } from '../../shared/guidance/scripts/parse-pack';
import type { ScriptPack } from '../../shared/guidance/scripts/schema';
import type { PackProblemView, PackState } from '../../shared/ipc/contract-guidance';

/** The copy of the built-in pack written into an empty folder, for trainers to edit. */
export const DEFAULT_PACK_FILE = '12345-default.zh-en.json';
/** Files larger than this are refused (a pack is tens of kB). */
const MAX_PACK_BYTES = 2 * 1024 * 1024;

export interface PackFolderOptions {
  /** The folder trainers edit; null = only the built-in pack (tests, no disk). */
  dir: string | null;
  /** Called after a reload that changed the pack in use or its problems. */
  onChange?: (state: PackState) => void;
  /** Wait this long after the last file event before reloading (editors write in bursts). Default 150 ms. */
  debounceMs?: number;
  now?: () => number;
}

function problemView(file: string, problem: PackProblem): PackProblemView {
  return {
    file,
    messageKey: problem.messageKey,
    pathText: problem.pathText,
    line: problem.location?.line ?? null,
    column: problem.location?.column ?? null,
    detail: problem.detail,
  };
}

/**
 * Script packs a trainer can edit without a rebuild: every `*.json` in the
 * folder is read and validated with `parsePack`; the first valid one by file
 * name is used. A file that breaks while in use keeps its last good version
 * (the agent's screen never goes blank mid-edit) and its problems, each with
 * file, line and column, are reported. With no valid file at all the
 * built-in pack is used. An empty folder gets a copy of the built-in pack.
 * The folder is watched; changes are pushed through `onChange`.
 */
export class PackFolder {
  private current: PackState;
  private readonly lastGood = new Map<string, ScriptPack>();
  private watcher: FSWatcher | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly now: () => number;

  constructor(private readonly options: PackFolderOptions) {
    this.now = options.now ?? Date.now;
    this.current = { pack: defaultPack(), source: 'default', file: '', folder: options.dir ?? '', problems: [], loadedAt: this.now() };
  }

  state(): PackState {
    return this.current;
  }

  /** Creates the folder (with the default copy) if needed, loads, and starts watching. */
  start(): PackState {
    const dir = this.options.dir;
    if (!dir) return this.current;
    mkdirSync(dir, { recursive: true });
    if (this.packFiles().length === 0 && !existsSync(join(dir, DEFAULT_PACK_FILE))) {
      writeFileSync(join(dir, DEFAULT_PACK_FILE), `${JSON.stringify(defaultPackJson, null, 2)}\n`);
    }
    this.reload();
    try {
      this.watcher = watch(dir, { persistent: false }, () => this.schedule());
      this.watcher.on('error', () => undefined);
    } catch {
      // No file watching on this system: the pack still loads at start.
    }
    return this.current;
  }

  close(): void {
    this.watcher?.close();
    this.watcher = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Reads the folder again now; returns the new state (and reports it if it changed). */
  reload(): PackState {
    const dir = this.options.dir;
    if (!dir) return this.current;
    const problems: PackProblemView[] = [];
    let chosen: { pack: ScriptPack; file: string } | null = null;
    for (const file of this.packFiles()) {
      let text: string;
      try {
        const path = join(dir, file);
        const bytes = readFileSync(path);
        if (bytes.length > MAX_PACK_BYTES) {
          problems.push({ file, messageKey: 'guidance.pack.tooLarge', pathText: '(root)', line: null, column: null, detail: `larger than ${MAX_PACK_BYTES} bytes` });
          continue;
        }
        text = bytes.toString('utf8').replace(/^\uFEFF/, '');
      } catch (error) {
        // Removed between listing and reading, or unreadable.
        if ((error as { code?: string }).code === 'ENOENT') continue;
        problems.push({ file, messageKey: 'guidance.pack.unreadable', pathText: '(root)', line: null, column: null, detail: (error as Error).message });
        continue;
      }
      const result = parsePack(text);
      if (result.ok) {
        this.lastGood.set(file, result.pack);
        chosen ??= { pack: result.pack, file };
      } else {
        problems.push(...result.problems.map((problem) => problemView(file, problem)));
        const good = this.lastGood.get(file);
        if (good) chosen ??= { pack: good, file };
      }
    }
    const next: PackState = chosen
      ? { pack: chosen.pack, source: 'folder', file: chosen.file, folder: dir, problems, loadedAt: this.now() }
      : { pack: defaultPack(), source: 'default', file: '', folder: dir, problems, loadedAt: this.now() };
    const changed =
      next.file !== this.current.file ||
      next.source !== this.current.source ||
      JSON.stringify(next.problems) !== JSON.stringify(this.current.problems) ||
      (next.pack !== this.current.pack && JSON.stringify(next.pack) !== JSON.stringify(this.current.pack));
    if (changed) {
      this.current = next;
      this.options.onChange?.(next);
    }
    return this.current;
  }

  private packFiles(): string[] {
    const dir = this.options.dir;
    if (!dir) return [];
    try {
      return readdirSync(dir)
        .filter((name) => name.toLowerCase().endsWith('.json') && !name.startsWith('.'))
        .sort();
    } catch {
      return [];
    }
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.reload();
    }, this.options.debounceMs ?? 150);
  }
}
