/**
 * Espruino 2v29's on-flash Storage layout (src/jsflash.h):
 *
 *   offset 0  uint32 LE  size: low 24 bits = data length, top 8 bits = flags
 *   offset 4  char[28]   name, NUL-padded (not NUL-terminated when 28 long)
 *   offset 32 data, then 0xFF padding up to the next 4-byte boundary
 *
 * Files follow each other from the start of the area. A replaced or erased
 * file keeps its header and data but has the first 4 name bytes programmed to
 * 0 (`JsfFileName.firstChars = 0`): that is trash until a compaction.
 */
import type { NorFlash } from './nor-flash';

/** sizeof(JsfFileHeader), in bytes. */
export const HEADER_BYTES = 32;
/** sizeof(JsfFileName): the longest name Storage keeps, in bytes. */
export const NAME_BYTES = 28;
/** JSF_ALIGNMENT on ESP32 (no FLASH_64BITS_ALIGNMENT): files start on 4-byte boundaries. */
export const ALIGNMENT = 4;
/** JSF_WORD_UNSET: a header whose size word is all ones is erased flash. */
export const WORD_UNSET = 0xffffffff;

/** JsfFileFlags, stored in the top 8 bits of the header's size word. */
export const FileFlag = {
  None: 0,
  /** JSFF_FILENAME_TABLE: not created on ESP32 (no ESPR_STORAGE_FILENAME_TABLE), never listed. */
  FilenameTable: 32,
  /** JSFF_STORAGEFILE: a chunk of a StorageFile. */
  StorageFile: 64,
  /** JSFF_COMPRESSED: used by `save()` for .varimg. */
  Compressed: 128,
} as const;

/** A file header as read from flash. */
export interface FileHeader {
  /** The raw 32-bit size word (size and flags). */
  size: number;
  /** The 28 name bytes, exactly as stored. */
  name: Uint8Array;
}

/** jsfAlignAddress: round up to the next multiple of {@link ALIGNMENT}. */
export function alignUp(n: number): number {
  return Math.ceil(n / ALIGNMENT) * ALIGNMENT;
}

/** jsfGetFileSize: data length in bytes. */
export function fileSize(h: FileHeader): number {
  return h.size & 0x00ffffff;
}

/** jsfGetFileFlags: the flag byte. */
export function fileFlags(h: FileHeader): number {
  return h.size >>> 24;
}

/** `name.firstChars` as a number: 0 marks a replaced/erased file. */
export function firstChars(h: FileHeader): number {
  const n = h.name;
  return (n[0] | (n[1] << 8) | (n[2] << 16) | (n[3] << 24)) >>> 0;
}

/** jsfIsRealFile: live and of a kind that is listed and kept by compaction. */
export function isRealFile(h: FileHeader): boolean {
  const f = fileFlags(h);
  return firstChars(h) !== 0 && (f === FileFlag.None || f === FileFlag.StorageFile || f === FileFlag.Compressed);
}

/** Read the header at `addr` (no validity check). */
export function readHeader(flash: NorFlash, addr: number): FileHeader {
  return { size: flash.word(addr), name: flash.read(addr + 4, NAME_BYTES) };
}

/** The 32 bytes of a header. */
export function encodeHeader(size: number, flags: number, name: Uint8Array): Uint8Array {
  const out = new Uint8Array(HEADER_BYTES);
  const word = ((size & 0x00ffffff) | (flags << 24)) >>> 0;
  out[0] = word & 0xff;
  out[1] = (word >>> 8) & 0xff;
  out[2] = (word >>> 16) & 0xff;
  out[3] = word >>> 24;
  out.set(name.subarray(0, NAME_BYTES), 4);
  return out;
}

/** jsfIsNameEqual: all 28 bytes compared. */
export function namesEqual(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 0; i < NAME_BYTES; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * A host string as Espruino's bytes: one byte per char when every char is
 * below 256 (a 'binary' string), else UTF-8, which is what an ESP32 build
 * (no ESPR_UNICODE_SUPPORT) holds for such text.
 */
export function toBytes(s: string): Uint8Array {
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 0xff) return new Uint8Array(Buffer.from(s, 'utf8'));
  }
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** Bytes as a 'binary' string, one char per byte. */
export function fromBytes(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 4096) s += String.fromCharCode(...b.subarray(i, i + 4096));
  return s;
}

/** A name packed into {@link NAME_BYTES} bytes, and whether bytes were dropped. */
export interface PackedName {
  bytes: Uint8Array;
  truncated: boolean;
}

/**
 * jsfNameFromVar: `jsvGetString(name, buf, 29)` keeps the first 28 bytes and
 * silently drops the rest; the remainder is zero padding.
 */
export function packName(name: string): PackedName {
  const raw = toBytes(name);
  const bytes = new Uint8Array(NAME_BYTES);
  bytes.set(raw.subarray(0, NAME_BYTES));
  return { bytes, truncated: raw.length > NAME_BYTES };
}

/** jsfVarFromName: the name up to its first NUL, as a binary string. */
export function unpackName(bytes: Uint8Array): string {
  let end = 0;
  while (end < NAME_BYTES && bytes[end] !== 0) end++;
  return fromBytes(bytes.subarray(0, end));
}
