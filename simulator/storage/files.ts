/**
 * Creating, writing, reading, erasing and listing files, following Espruino
 * 2v29's src/jsflash.c (jsfCreateFile, jsfWriteFile, jsfReadFile,
 * jsfEraseFileInternal, jsfListFiles) and jshFlashWriteAligned.
 */
import { compact, type VolumeContext } from './compaction';
import { StorageMessage } from './errors';
import {
  ALIGNMENT,
  FileFlag,
  HEADER_BYTES,
  NAME_BYTES,
  alignUp,
  encodeHeader,
  fileFlags,
  fileSize,
  firstChars,
  isRealFile,
  unpackName,
} from './layout';
import type { NorFlash } from './nor-flash';
import {
  NONE,
  advance,
  findFile,
  forEachHeader,
  isEqual,
  isErased,
  nextPage,
  openCursor,
  spaceLeftInPage,
  type FoundFile,
} from './scan';

/** A hole found by the allocation scan, with the free and trash bytes it saw. */
interface Hole {
  addr: number;
  freeSpace: number;
  trashSpace: number;
}

/** The allocation scan of _jsfCreateFile: first spot (page by page) with `required` bytes of room. */
function findHole(flash: NorFlash, required: number): Hole {
  const hole: Hole = { addr: NONE, freeSpace: 0, trashSpace: 0 };
  let addr = 0;
  do {
    const { cursor, valid } = openCursor(flash, addr);
    if (valid) {
      do if (firstChars(cursor.header) === 0) hole.trashSpace += fileSize(cursor.header);
      while (advance(flash, cursor, false));
    }
    addr = cursor.addr;
    const space = spaceLeftInPage(flash, addr);
    hole.freeSpace += space;
    if (space >= required) {
      hole.addr = addr;
      return hole;
    }
    addr = nextPage(flash, addr);
  } while (addr !== NONE);
  return hole;
}

/**
 * _jsfCreateFile: find room (compacting once, and only if free + trash would
 * be enough) and program the header. Returns undefined when there is no room.
 */
export function createFile(ctx: VolumeContext, name: Uint8Array, size: number, flags: number): FoundFile | undefined {
  const required = alignUp(size) + HEADER_BYTES;
  let compacted = false;
  for (;;) {
    const hole = findHole(ctx.flash, required);
    if (hole.addr !== NONE) {
      ctx.flash.program(hole.addr, encodeHeader(size, flags, name));
      // The header as intended, even if the spot held non-erased garbage (C keeps its struct too).
      return { dataAddr: hole.addr + HEADER_BYTES, header: { size: ((size & 0x00ffffff) | (flags << 24)) >>> 0, name: name.slice() } };
    }
    // Only compact when it would surely make room: "better to fail fast".
    if (compacted || required >= hole.freeSpace + hole.trashSpace) return undefined;
    compacted = true;
    if (!compact(ctx)) return undefined;
  }
}

/** jsfEraseFileInternal: program the first 4 name bytes to 0, turning the file into trash. */
export function trashFile(flash: NorFlash, file: FoundFile): void {
  flash.program(file.dataAddr - HEADER_BYTES + 4, new Uint8Array(4));
}

/**
 * jshFlashWriteAligned (internal flash path): unaligned head and tail bytes
 * are merged into whole words read back from flash, so the programmed span
 * (and the byte count) covers whole 4-byte words.
 */
export function writeAligned(flash: NorFlash, addr: number, data: Uint8Array): void {
  let p = 0;
  let len = data.length;
  const lead = addr & (ALIGNMENT - 1);
  if (lead) {
    const word = flash.read(addr - lead, ALIGNMENT);
    const n = Math.min(ALIGNMENT - lead, len);
    word.set(data.subarray(0, n), lead);
    flash.program(addr - lead, word);
    if (n >= len) return;
    p = n;
    addr += n;
    len -= n;
  }
  const trail = len & (ALIGNMENT - 1);
  len -= trail;
  if (len) flash.program(addr, data.subarray(p, p + len));
  if (trail) {
    const word = flash.read(addr + len, ALIGNMENT);
    word.set(data.subarray(p + len, p + len + trail), 0);
    flash.program(addr + len, word);
  }
}

/** True when an existing file must be replaced by a fresh one for a write at offset 0. */
function mustRecreate(flash: NorFlash, file: FoundFile | undefined, flags: number, size: number): boolean {
  if (!file) return true;
  const h = file.header;
  return flags !== fileFlags(h) || size !== fileSize(h) || !isErased(flash, file.dataAddr, size);
}

/**
 * jsfWriteFile. `size` 0 means "the data's length". A write at offset 0 with
 * identical contents does nothing; otherwise the old file becomes trash
 * before the new one is created (so a failed create loses it, as on the
 * device). Returns false for a negative offset or size; throws Espruino's
 * errors as host `Error`s.
 */
export function writeFile(
  ctx: VolumeContext, name: Uint8Array, data: Uint8Array, flags: number, offset: number, size: number,
): boolean {
  if (offset < 0 || size < 0) return false;
  if (size === 0) size = data.length;
  if (!size) throw new Error(StorageMessage.ZeroLength);
  let file = findFile(ctx.flash, name);
  if (offset === 0 && mustRecreate(ctx.flash, file, flags, size)) {
    if (file && data.length === size && fileSize(file.header) === size && fileFlags(file.header) === flags &&
        isEqual(ctx.flash, file.dataAddr, data)) return true; // "jsfWriteFile files Equal"
    if (file) trashFile(ctx.flash, file);
    file = createFile(ctx, name, size, flags);
  }
  if (!file) throw new Error(StorageMessage.NoSpace);
  if (offset + data.length > fileSize(file.header)) throw new Error(StorageMessage.TooMuchData);
  const at = file.dataAddr + offset;
  if (!isErased(ctx.flash, at, data.length)) throw new Error(StorageMessage.AlreadyWritten);
  writeAligned(ctx.flash, at, data);
  return true;
}

/** jsfReadFile: `length` <= 0 means to the end; offset and length are clipped to the file. */
export function readFile(flash: NorFlash, name: Uint8Array, offset: number, length: number): Uint8Array | undefined {
  const file = findFile(flash, name);
  if (!file) return undefined;
  const size = fileSize(file.header);
  if (offset < 0) offset = 0;
  if (length <= 0) length = size;
  if (offset > size) offset = size;
  if (offset + length > size) length = size - offset;
  if (length <= 0) return new Uint8Array(0);
  return flash.read(file.dataAddr + offset, length);
}

/** Which files jsfListFiles keeps: flag bits required (any of) and forbidden. */
export interface ListFilter {
  containing: number;
  notContaining: number;
}

/**
 * jsfBankListFiles + jsfBankListFilesHandleFile: names of real files in chain
 * order. StorageFile chunks are listed only for chunk "\x01"; the chunk byte is
 * dropped when StorageFiles were asked for explicitly.
 */
export function listNames(flash: NorFlash, filter: ListFilter): string[] {
  const names: string[] = [];
  forEachHeader(flash, (_addr, h) => {
    if (!isRealFile(h)) return;
    const flags = fileFlags(h);
    if (filter.notContaining & flags) return;
    if (filter.containing && !(filter.containing & flags)) return;
    const name = h.name.slice();
    if (flags & FileFlag.StorageFile) {
      let i = 0;
      while (i + 1 < NAME_BYTES && name[i + 1]) i++;
      if (name[i] !== 1) return;
      if (filter.containing & FileFlag.StorageFile) name[i] = 0;
    }
    names.push(unpackName(name));
  });
  return names;
}
