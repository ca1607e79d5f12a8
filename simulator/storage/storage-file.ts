/**
 * `require("Storage").open()` handles, after src/jswrap_storage.c. A
 * StorageFile is a run of chunk files named `name + chr(chunk)` (chunk 1..255)
 * flagged JSFF_STORAGEFILE, each reserving STORAGEFILE_CHUNKSIZE bytes. The end
 * of the data is the first 0xFF byte, so a 0xFF written into a StorageFile is
 * read back as end-of-file and the next append starts on top of it.
 */
import type { VolumeContext } from './compaction';
import { StorageMessage } from './errors';
import { trashFile, writeAligned, writeFile } from './files';
import { FileFlag, NAME_BYTES, fileSize, fromBytes, toBytes } from './layout';
import type { StorageOp } from './options';
import { findFile, type FoundFile } from './scan';

/** Runs one call under the fault hook; returns `inert` without running once the storage is frozen. */
export type CallGuard = <T>(op: StorageOp, inert: T, body: () => T) => T;

/** What a StorageFile needs from its FlashStorage. */
export interface StorageFileHost {
  ctx: VolumeContext;
  /** Data bytes per chunk (STORAGEFILE_CHUNKSIZE). */
  chunkBytes: number;
  guard: CallGuard;
}

/** Open modes; 0 once erased or after a failed chunk write ("no more writing"). */
type Mode = 'r' | 'w' | 'a' | 0;

const EOF_BYTE = 0xff;
/** Size of the C read buffer: reads and readLine work 32 bytes at a time. */
const READ_BLOCK = 32;

/** Offset of the first 0xFF in the file's data, or its size (the 64-byte scan of jswrap_storage_open). */
function endOfData(host: StorageFileHost, file: FoundFile): number {
  const size = fileSize(file.header);
  const img = host.ctx.flash.image;
  let i = 0;
  while (i < size && img[file.dataAddr + i] !== EOF_BYTE) i++;
  return i;
}

function lastByte(host: StorageFileHost, file: FoundFile): number {
  return host.ctx.flash.image[file.dataAddr + fileSize(file.header) - 1];
}

/** A StorageFile handle. Every method is one Storage call for the fault hook. */
export class StorageFile {
  /** The name as Espruino keeps it on the handle (first 28 chars). */
  readonly name: string;
  private readonly base: Uint8Array;
  /** Index of the chunk byte in the 28-byte name (after the last non-NUL, at most 27). */
  private readonly chunkIndex: number;
  private chunk = 1;
  private offset = 0;
  private mode: Mode;

  /** Use FlashStorage.open(). `base` is the name packed to 28 bytes. */
  constructor(private readonly host: StorageFileHost, name: string, base: Uint8Array, mode: 'r' | 'w' | 'a') {
    this.name = name;
    this.base = base;
    let i = NAME_BYTES - 1;
    while (i && base[i - 1] === 0) i--;
    this.chunkIndex = i;
    this.mode = mode;
    this.opened(mode);
  }

  /** The 28 name bytes of chunk `n`: the 28th name byte (if any) is overwritten. */
  private chunkName(n: number): Uint8Array {
    const name = this.base.slice();
    name[this.chunkIndex] = n & 0xff;
    return name;
  }

  private find(n: number): FoundFile | undefined {
    return findFile(this.host.ctx.flash, this.chunkName(n));
  }

  /** jswrap_storage_open after the name: 'w' erases, 'a' finds the last chunk and its first 0xFF. */
  private opened(mode: 'r' | 'w' | 'a'): void {
    let file = this.find(1);
    if (mode === 'w' && file) this.eraseChunks();
    this.mode = mode;
    if (mode !== 'a') return;
    let chunk = 1;
    let last = file ? lastByte(this.host, file) : EOF_BYTE;
    while (file && last !== EOF_BYTE && chunk < 255) {
      file = this.find(++chunk);
      if (file) last = lastByte(this.host, file);
    }
    this.chunk = chunk;
    this.offset = file ? endOfData(this.host, file) : 0;
  }

  /** jswrap_storagefile_erase: trash chunks 1, 2, ... until one is missing; the handle is then dead. */
  private eraseChunks(): void {
    for (let n = 1; ; n++) {
      const file = this.find(n);
      if (!file) break;
      trashFile(this.host.ctx.flash, file);
    }
    this.chunk = 1;
    this.offset = 0;
    this.mode = 0;
  }

  /** Erase every chunk. Reads and writes then throw, as on the device. */
  erase(): void {
    this.host.guard({ kind: 'file-erase', name: this.name }, undefined, () => this.eraseChunks());
  }

  /**
   * Read up to `len` bytes (a binary string), crossing chunks; stops at the
   * first 0xFF. Returns undefined at the end of the file or when `len` <= 0.
   * @throws Error "Can't read in this mode" unless opened with 'r'
   */
  read(len: number): string | undefined {
    return this.host.guard({ kind: 'file-read', name: this.name }, undefined, () => this.readInternal(Math.max(len | 0, 0)));
  }

  /** Read up to and including the next "\n" (or to the end). Undefined at the end of the file. */
  readLine(): string | undefined {
    return this.host.guard({ kind: 'file-readLine', name: this.name }, undefined, () => this.readInternal(-1));
  }

  /** jswrap_storagefile_read_internal; `len` < 0 reads a line. */
  private readInternal(len: number): string | undefined {
    let line = len < 0;
    if (this.mode !== 'r') throw new Error(StorageMessage.CantRead);
    let chunk = this.chunk;
    let file = this.find(chunk);
    if (!file) return undefined;
    let offset = this.offset;
    let result: string | undefined;
    if (line) len = READ_BLOCK;
    while (len) {
      let remaining = fileSize(file.header) - offset;
      if (remaining <= 0) {
        offset = 0;
        file = chunk === 255 ? undefined : this.find(++chunk);
        this.offset = offset;
        this.chunk = chunk;
        if (!file) return result;
        remaining = fileSize(file.header);
      }
      const block = this.host.ctx.flash.read(file.dataAddr + offset, Math.min(len, READ_BLOCK, remaining));
      let l = block.length;
      for (let i = 0; i < block.length; i++) {
        if (block[i] === EOF_BYTE) { l = len = i; break; }
        if (line && block[i] === 0x0a) { l = len = i + 1; line = false; break; }
      }
      if (!l) break;
      result = (result ?? '') + fromBytes(block.subarray(0, l));
      len -= l;
      offset += l;
      if (line) len = READ_BLOCK;
    }
    this.offset = offset;
    return result;
  }

  /** jswrap_storagefile_getLength: full chunks plus the data before the first 0xFF of the last one. */
  getLength(): number {
    return this.host.guard({ kind: 'file-getLength', name: this.name }, 0, () => {
      let length = 0;
      let chunk = 1;
      let file = this.find(chunk);
      let last = file ? lastByte(this.host, file) : EOF_BYTE;
      while (file && last !== EOF_BYTE && chunk < 255) {
        length += fileSize(file.header);
        file = this.find(++chunk);
        if (file) last = lastByte(this.host, file);
      }
      return length + (file ? endOfData(this.host, file) : 0);
    });
  }

  /**
   * Append `data` (a binary string). Fills the current chunk, then creates the
   * next one with the rest. Nothing checks for 0xFF: it is stored, and ends the
   * file for readers.
   * @throws Error "Can't write in this mode", "File too big!", or a Storage.write error
   */
  write(data: string): void {
    const bytes = toBytes(String(data));
    this.host.guard({ kind: 'file-write', name: this.name, bytes: bytes.length }, undefined, () => this.append(bytes));
  }

  private append(bytes: Uint8Array): void {
    if (this.mode !== 'w' && this.mode !== 'a') throw new Error(StorageMessage.CantWrite);
    if (!bytes.length) return;
    const file = this.find(this.chunk);
    if (!file) {
      this.createChunk(this.chunk, bytes);
      return;
    }
    const remaining = fileSize(file.header) - this.offset;
    if (bytes.length < remaining) {
      writeAligned(this.host.ctx.flash, file.dataAddr + this.offset, bytes); // jswrap_flash_write: no erased check
      this.offset += bytes.length;
      return;
    }
    const head = bytes.subarray(0, Math.max(remaining, 0));
    if (head.length) writeAligned(this.host.ctx.flash, file.dataAddr + this.offset, head);
    this.offset += head.length;
    if (this.chunk === 255) throw new Error(StorageMessage.FileTooBig);
    this.createChunk(this.chunk + 1, bytes.subarray(head.length));
  }

  /** jsfWriteFile(chunk name, data, JSFF_STORAGEFILE, 0, chunkBytes); a failure stops all writing. */
  private createChunk(chunk: number, data: Uint8Array): void {
    try {
      writeFile(this.host.ctx, this.chunkName(chunk), data, FileFlag.StorageFile, 0, this.host.chunkBytes);
    } catch (e) {
      this.mode = 0;
      throw e;
    }
    this.chunk = chunk;
    this.offset = data.length;
  }
}
