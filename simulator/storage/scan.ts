/**
 * Walking the file chain the way Espruino's src/jsflash.c does: header
 * validity, the step to the next header (skipping to the next page when a
 * header is blank), lookup by name and the statistics scan.
 */
import {
  HEADER_BYTES,
  WORD_UNSET,
  alignUp,
  fileSize,
  firstChars,
  namesEqual,
  readHeader,
  type FileHeader,
} from './layout';
import { ERASED, type NorFlash } from './nor-flash';

/** "No address": Espruino uses 0, which is a real offset here. */
export const NONE = -1;

/** A position in the file chain: a header address and the header read there. */
export interface Cursor {
  addr: number;
  header: FileHeader;
}

/** A file found by name: `dataAddr` is the first data byte (header + 32). */
export interface FoundFile {
  dataAddr: number;
  header: FileHeader;
}

/** jsfGetFileHeader: is the header at `addr` a plausible file that fits in the area? */
export function isValidHeader(flash: NorFlash, addr: number, h: FileHeader): boolean {
  if (addr === NONE) return false;
  return h.size !== WORD_UNSET && h.size !== 0 && addr + HEADER_BYTES + fileSize(h) <= flash.bytes;
}

/** A cursor on the header at `addr`, and whether it is valid. */
export function openCursor(flash: NorFlash, addr: number): { cursor: Cursor; valid: boolean } {
  const header = readHeader(flash, addr);
  return { cursor: { addr, header }, valid: isValidHeader(flash, addr, header) };
}

/** jsfGetAddressOfNextPage: start of the page after the one holding `addr`, or NONE. */
export function nextPage(flash: NorFlash, addr: number): number {
  if (addr === NONE) return NONE;
  const next = flash.pageStart(addr) + flash.pageBytes;
  return next >= flash.bytes ? NONE : next;
}

/**
 * jsfGetSpaceLeftInPage: room from `addr` to the next page, extended to the
 * end of the area when the next page holds no valid header.
 * Espruino calls this with address 0 when the chain ends within 32 bytes of
 * the area's end and then scans outside the area; we report no room instead.
 */
export function spaceLeftInPage(flash: NorFlash, addr: number): number {
  if (addr === NONE) return 0;
  let next = flash.pageStart(addr) + flash.pageBytes;
  if (next < flash.bytes && !openCursor(flash, next).valid) next = flash.bytes;
  return Math.min(next, flash.bytes) - addr;
}

/**
 * jsfGetNextFileHeader: move the cursor past its file (aligned) and read the
 * next header. With `allPages`, a blank header makes it jump to the next
 * page's start and try once more. Sets `addr` to NONE when out of room.
 */
export function advance(flash: NorFlash, cur: Cursor, allPages: boolean): boolean {
  const old = cur.addr;
  cur.addr = NONE;
  let addr = alignUp(old + fileSize(cur.header) + HEADER_BYTES);
  if (addr + HEADER_BYTES > flash.bytes) return false;
  cur.addr = addr;
  cur.header = readHeader(flash, addr);
  let valid = isValidHeader(flash, addr, cur.header);
  if (allPages && !valid) {
    addr = nextPage(flash, addr);
    cur.addr = addr;
    if (addr === NONE) return false;
    cur.header = readHeader(flash, addr);
    valid = isValidHeader(flash, addr, cur.header);
  }
  return valid;
}

/** Call `visit` for every header in the chain from address 0 (trash included). */
export function forEachHeader(flash: NorFlash, visit: (addr: number, h: FileHeader) => void): void {
  const { cursor, valid } = openCursor(flash, 0);
  if (!valid) return;
  do visit(cursor.addr, cursor.header);
  while (advance(flash, cursor, true));
}

/**
 * jsfBankFindFile: the first header whose 28 name bytes equal `name`. Trash
 * headers take part too: their name starts with four zero bytes, so a name
 * such as "" can match an erased short-named file, as on the device.
 */
export function findFile(flash: NorFlash, name: Uint8Array): FoundFile | undefined {
  const want = (name[0] | (name[1] << 8) | (name[2] << 16) | (name[3] << 24)) >>> 0;
  let found: FoundFile | undefined;
  forEachHeader(flash, (addr, h) => {
    if (!found && firstChars(h) === want && namesEqual(h.name, name)) {
      found = { dataAddr: addr + HEADER_BYTES, header: h };
    }
  });
  return found;
}

/** JsfStorageStats, in bytes (sizes include headers and alignment padding). */
export interface ChainStats {
  fileBytes: number;
  fileCount: number;
  trashBytes: number;
  trashCount: number;
  total: number;
  free: number;
  /** Start of the last page boundary before the first trash file, or NONE. */
  firstPageWithTrash: number;
}

/** jsfGetStorageStats(addr, allPages=true) for the whole area. */
export function chainStats(flash: NorFlash, start = 0): ChainStats {
  const s: ChainStats = { fileBytes: 0, fileCount: 0, trashBytes: 0, trashCount: 0, total: 0, free: 0, firstPageWithTrash: NONE };
  let lastAddr = start;
  let lastUnbrokenPage = start;
  const { cursor, valid } = openCursor(flash, start);
  if (valid) {
    do {
      const addr = cursor.addr;
      if (flash.pageStart(addr) === addr) lastUnbrokenPage = addr;
      const bytes = alignUp(fileSize(cursor.header)) + HEADER_BYTES;
      lastAddr = addr + bytes;
      if (firstChars(cursor.header) !== 0) {
        s.fileBytes += bytes;
        s.fileCount++;
      } else {
        s.trashBytes += bytes;
        s.trashCount++;
        if (s.firstPageWithTrash === NONE) s.firstPageWithTrash = lastUnbrokenPage;
      }
    } while (advance(flash, cursor, true));
  }
  s.total = flash.bytes - start;
  s.free = flash.bytes - lastAddr;
  return s;
}

/** jsfIsErased: every byte in [addr, addr+length) is 0xFF. */
export function isErased(flash: NorFlash, addr: number, length: number): boolean {
  const img = flash.image;
  for (let i = addr; i < addr + length; i++) if (img[i] !== ERASED) return false;
  return true;
}

/** jsfIsEqual: flash at `addr` holds exactly `data`. */
export function isEqual(flash: NorFlash, addr: number, data: Uint8Array): boolean {
  const img = flash.image;
  for (let i = 0; i < data.length; i++) if (img[addr + i] !== data[i]) return false;
  return true;
}

/** Every offset where `needle` occurs in `image` (overlaps included). */
export function findBytes(image: Uint8Array, needle: Uint8Array): number[] {
  const hits: number[] = [];
  if (!needle.length) return hits;
  for (let at = image.indexOf(needle[0]); at >= 0 && at + needle.length <= image.length; at = image.indexOf(needle[0], at + 1)) {
    let i = 1;
    while (i < needle.length && image[at + i] === needle[i]) i++;
    if (i === needle.length) hits.push(at);
  }
  return hits;
}
