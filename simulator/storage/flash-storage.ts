/**
 * FlashStorage: a byte-exact emulation of Espruino 2v29's `require("Storage")`
 * over a NOR flash image, for the simulator's realm. Method semantics follow
 * src/jswrap_storage.c; strings are 'binary' (one char per byte).
 */
import { compact as compactVolume, type VolumeContext } from './compaction';
import { STANDARD_JSON, STORAGE_JSON, toEspruinoJson } from './espruino-json';
import { parseEspruinoJson } from './espruino-json-parse';
import { invalidModeMessage } from './errors';
import { listNames, readFile, trashFile, writeFile } from './files';
import { FileFlag, NAME_BYTES, fromBytes, packName, toBytes, unpackName } from './layout';
import { NorFlash, type StorageCounters } from './nor-flash';
import { resolveStorageOptions, type FlashStorageOptions, type ResolvedStorageOptions, type StorageOp } from './options';
import { loadImage, saveImage } from './persistence';
import { chainStats, findBytes, findFile } from './scan';
import { StorageFile, type CallGuard } from './storage-file';

/** `Storage.getStats()`, in bytes; file and trash sizes include headers and padding. */
export interface StorageStats {
  totalBytes: number;
  freeBytes: number;
  fileBytes: number;
  fileCount: number;
  trashBytes: number;
  trashCount: number;
}

/** Data `Storage.write` accepts: bytes, a binary string, an array of byte values, or an object (written as JSON). */
export type StorageData = string | ArrayBufferView | ArrayBuffer | readonly number[] | object;

/** jswrap_storage_write / JSV_GET_AS_CHAR_ARRAY: the bytes Espruino would write for `data`. */
function dataBytes(data: StorageData): Uint8Array {
  if (typeof data === 'string') return toBytes(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
  if (data instanceof ArrayBuffer) return new Uint8Array(data.slice(0));
  if (Array.isArray(data)) return Uint8Array.from(data, (n) => Number(n) & 0xff);
  return toBytes(String(data));
}

/** An emulated Storage area. Not re-entrant: the fault hook must not call back into it. */
export class FlashStorage {
  /** Wear and accounting counters (live object). */
  readonly counters: StorageCounters;
  private readonly flash: NorFlash;
  private readonly opts: ResolvedStorageOptions;
  private readonly ctx: VolumeContext;
  private readonly guard: CallGuard;

  /** @throws RangeError naming the bad option */
  constructor(options: FlashStorageOptions) {
    this.opts = resolveStorageOptions(options);
    this.flash = new NorFlash(this.opts.image, this.opts.pageBytes);
    this.counters = this.flash.counters;
    this.ctx = { flash: this.flash, print: this.opts.onConsole };
    this.guard = (op, inert, body) => this.run(op, inert, body);
  }

  /** Open `dir`/flash.bin (erased if absent) for a board. @throws Error if its size is not `options.bytes` */
  static loadFrom(dir: string, options: FlashStorageOptions): FlashStorage {
    return new FlashStorage({ ...options, image: loadImage(dir, options) });
  }

  /** Write flash.bin and flash.json into `dir` (created if needed). */
  saveTo(dir: string): void {
    saveImage(dir, this.flash.image, this.opts.pageBytes);
  }

  /** The raw flash image (live view; do not write to it). */
  get image(): Uint8Array {
    return this.flash.image;
  }

  /** Data bytes per StorageFile chunk (STORAGEFILE_CHUNKSIZE). */
  get chunkBytes(): number {
    return this.opts.chunkBytes;
  }

  /** True after a power cut or freeze(): the image never changes again and calls are inert. */
  get frozen(): boolean {
    return this.flash.frozen;
  }

  /** Freeze the image, as a power cut between calls would. Idempotent. */
  freeze(): void {
    this.flash.freeze();
  }

  private run<T>(op: StorageOp, inert: T, body: () => T): T {
    if (this.flash.frozen) return inert;
    const decision = this.opts.faultHook ? this.opts.faultHook(op) : 'continue';
    const tear = typeof decision === 'object' ? Math.max(0, Math.floor(Number(decision.tearAfterBytes)) || 0) : undefined;
    this.flash.beginOp(op.kind, tear);
    if (decision === 'cut') this.flash.cut();
    try {
      return body();
    } finally {
      this.flash.endOp(); // a tear not yet reached still cuts here, superseding any error
    }
  }

  /** jsfNameFromVar, counting and reporting truncation past `limit` bytes. */
  private pack(name: string, limit = NAME_BYTES): Uint8Array {
    const raw = toBytes(name);
    if (raw.length > limit) {
      this.counters.truncatedNames++;
      const kept = fromBytes(raw.subarray(0, limit));
      this.opts.onWarning(`Storage name "${name}" is longer than ${limit} bytes; Espruino silently truncates it to "${kept}"`);
    }
    return packName(name).bytes;
  }

  /**
   * Storage.write. A first call may reserve `size` bytes; later calls with an
   * `offset` fill it. An object is written as standard JSON (offset and size ignored).
   * @param offset byte offset in the file @default 0 (create or replace)
   * @param size bytes to reserve @default data length
   * @returns false for a negative offset or size
   * @throws Error with a {@link StorageMessage} text
   */
  write(name: string, data: StorageData, offset = 0, size = 0): boolean {
    const isObject = typeof data === 'object' && !Array.isArray(data) && !ArrayBuffer.isView(data) && !(data instanceof ArrayBuffer);
    const bytes = isObject ? toBytes(toEspruinoJson(data, STANDARD_JSON)) : dataBytes(data);
    return this.run({ kind: 'write', name, bytes: bytes.length }, false, () =>
      writeFile(this.ctx, this.pack(name), bytes, FileFlag.None, isObject ? 0 : offset | 0, isObject ? 0 : size | 0));
  }

  /** Storage.writeJSON: Espruino's compact JSON (unquoted keys, `\xXX` escapes). */
  writeJSON(name: string, value: unknown): boolean {
    const bytes = toBytes(toEspruinoJson(value, STORAGE_JSON));
    return this.run({ kind: 'writeJSON', name, bytes: bytes.length }, false, () =>
      writeFile(this.ctx, this.pack(name), bytes, FileFlag.None, 0, 0));
  }

  /** Storage.read: a binary string, or undefined if there is no such file. `length` <= 0 reads to the end. */
  read(name: string, offset = 0, length = 0): string | undefined {
    return this.run({ kind: 'read', name }, undefined, () => {
      const b = readFile(this.flash, this.pack(name), offset | 0, length | 0);
      return b && fromBytes(b);
    });
  }

  /** Storage.readArrayBuffer: a copy of the file's bytes, or undefined. */
  readArrayBuffer(name: string): Uint8Array | undefined {
    return this.run({ kind: 'readArrayBuffer', name }, undefined, () => readFile(this.flash, this.pack(name), 0, 0));
  }

  /**
   * Storage.readJSON: undefined if there is no such file.
   * @throws SyntaxError with Espruino's parser message, unless `noExceptions`
   */
  readJSON(name: string, noExceptions = false): unknown {
    return this.run({ kind: 'readJSON', name }, undefined, () => {
      const b = readFile(this.flash, this.pack(name), 0, 0);
      return b && parseEspruinoJson(fromBytes(b), noExceptions);
    });
  }

  /**
   * Storage.list: names in flash order. StorageFiles appear once, as
   * `name + "\x01"`, or as `name` with `{ sf: true }`; `{ sf: false }` hides them.
   * @param filter a RegExp or pattern string tested with String.match
   */
  list(filter?: RegExp | string, options?: { sf?: boolean }): string[] {
    return this.run({ kind: 'list' }, [] as string[], () => {
      const sf = options?.sf;
      const names = listNames(this.flash, {
        containing: sf === true ? FileFlag.StorageFile : 0,
        notContaining: sf === false ? FileFlag.StorageFile : 0,
      });
      if (filter === undefined) return names;
      const re = typeof filter === 'string' ? new RegExp(filter) : filter;
      return names.filter((n) => n.match(re) !== null);
    });
  }

  /** Storage.erase: the file becomes trash (a missing file is ignored). */
  erase(name: string): void {
    this.run({ kind: 'erase', name }, undefined, () => {
      const file = findFile(this.flash, this.pack(name));
      if (file) trashFile(this.flash, file);
    });
  }

  /** Storage.eraseAll: erase every page. */
  eraseAll(): void {
    this.run({ kind: 'eraseAll' }, undefined, () => this.flash.erasePages(0, this.flash.bytes));
  }

  /** Storage.compact: move live files down over the trash (no-op without trash). */
  compact(): void {
    this.run({ kind: 'compact' }, undefined, () => void compactVolume(this.ctx));
  }

  /** Storage.getFree: bytes after the last file (trash not counted as free). 0 once frozen. */
  getFree(): number {
    return this.run({ kind: 'getFree' }, 0, () => chainStats(this.flash).free);
  }

  /** Storage.getStats. All zero once frozen. */
  getStats(): StorageStats {
    const zero: StorageStats = { totalBytes: 0, freeBytes: 0, fileBytes: 0, fileCount: 0, trashBytes: 0, trashCount: 0 };
    return this.run({ kind: 'getStats' }, zero, () => {
      const s = chainStats(this.flash);
      return { totalBytes: s.total, freeBytes: s.free, fileBytes: s.fileBytes, fileCount: s.fileCount, trashBytes: s.trashBytes, trashCount: s.trashCount };
    });
  }

  /**
   * Storage.open. Names over 27 bytes are truncated (the 28th byte holds the chunk number).
   * @throws Error `Invalid mode "x"` for any mode but 'r', 'w' or 'a'
   * @returns undefined once frozen
   */
  open(name: string, mode: 'r' | 'w' | 'a'): StorageFile | undefined {
    if (mode !== 'r' && mode !== 'w' && mode !== 'a') {
      if (this.flash.frozen) return undefined;
      throw new Error(invalidModeMessage(mode));
    }
    const kind = mode === 'r' ? 'open-read' : mode === 'w' ? 'open-write' : 'open-append';
    return this.run({ kind, name }, undefined, () => {
      const kept = unpackName(packName(name).bytes); // jsvNewFromStringVar(name, 0, 28)
      const base = this.pack(name, NAME_BYTES - 1);
      return new StorageFile({ ctx: this.ctx, chunkBytes: this.opts.chunkBytes, guard: this.guard }, kept, base, mode);
    });
  }

  /** Offsets of every occurrence of `needle` in the whole image, trash and free space included. */
  rawScan(needle: string | Uint8Array): number[] {
    return findBytes(this.flash.image, typeof needle === 'string' ? toBytes(needle) : needle);
  }
}
