import { crc32 } from '../util/index';

/**
 * Checkpoints of open windows: one small binary file per (purpose, tier), so
 * a power cut loses at most one checkpoint period and coverage shows it.
 *
 * Format, little-endian (20 + 8n bytes for a slab of n slots):
 *
 *   off  size  field
 *   0    1     version (CHECKPOINT_VERSION)
 *   1    1     tier index (TIERS in window.ts)
 *   2    2     n, slots in the slab (u16)
 *   4    4     layout signature (u32: CRC-32 of the purpose id and its fields)
 *   8    8     windowStart (f64, ms UTC)
 *   16   8n    the slab (f64 each)
 *   16+8n 4    CRC-32 of bytes 0 .. 16+8n (u32)
 *
 * Stored as a binary string, one char per byte (Storage's native form; there
 * is no TextEncoder). A torn or bit-flipped file fails the CRC; an intact
 * file of another window, layout, tier or version is stale. Neither throws.
 * Written over in place: losing one checkpoint to a power cut is acceptable
 * (coverage reflects it), so no write-new-then-remove-old here.
 */

/** Every checkpoint name starts with this (an owner's Erase lists and removes them). */
export const CHECKPOINT_PREFIX = 'hb.w.';
/** Format version, byte 0. */
export const CHECKPOINT_VERSION = 1;

const HEADER = 16;
const TRAILER = 4;

/** What reading a checkpoint found. */
export const enum Restore {
  Ok = 0,
  Absent = 1,
  /** Failed the CRC, too short, or an unknown version. */
  Corrupt = 2,
  /** Intact, but for another window start, tier or layout. */
  Stale = 3,
}

/** `hb.w.<purposeIdx>.<tierIdx>`: at most 5 + 10 + 1 + 1 chars, under Storage's 28. The buffer inlines it (one function fewer on the device): keep the two in step. */
export function checkpointName(purposeIdx: number, tierIdx: number): string {
  return CHECKPOINT_PREFIX + purposeIdx + '.' + tierIdx;
}

/** The checkpoint bytes of `slab` for the window starting at `windowStartMs`. */
export function encodeCheckpoint(tierIdx: number, signature: number, windowStartMs: number, slab: Float64Array): string {
  const n = slab.length;
  const bytes = new Uint8Array(HEADER + 8 * n);
  const dv = new DataView(bytes.buffer);
  dv.setUint8(0, CHECKPOINT_VERSION);
  dv.setUint8(1, tierIdx);
  dv.setUint16(2, n, true);
  dv.setUint32(4, signature >>> 0, true);
  dv.setFloat64(8, windowStartMs, true);
  for (let i = 0; i < n; i++) dv.setFloat64(HEADER + 8 * i, slab[i], true);
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  const c = crc32(s);
  return s + String.fromCharCode(c & 0xff, (c >>> 8) & 0xff, (c >>> 16) & 0xff, (c >>> 24) & 0xff);
}

/**
 * Check `data` (a file's contents, or undefined when absent) and, only when
 * it is intact and for the same tier, layout and window start, copy its slab
 * into `into` (whose length is the expected slot count). `into` is untouched
 * otherwise. Never throws.
 */
export function decodeCheckpoint(data: string | undefined, tierIdx: number, signature: number, windowStartMs: number, into: Float64Array): Restore {
  if (data === undefined) return Restore.Absent;
  const len = data.length - TRAILER;
  if (len < HEADER) return Restore.Corrupt;
  let stored = 0;
  for (let i = TRAILER - 1; i >= 0; i--) stored = stored * 256 + (data.charCodeAt(len + i) & 0xff);
  if (crc32(data, 0, len) !== stored) return Restore.Corrupt;
  const bytes = new Uint8Array(len);
  for (let i = 0; i < len; i++) bytes[i] = data.charCodeAt(i);
  const dv = new DataView(bytes.buffer);
  if (dv.getUint8(0) !== CHECKPOINT_VERSION) return Restore.Corrupt;
  const n = dv.getUint16(2, true);
  if (n !== into.length || len !== HEADER + 8 * n || dv.getUint8(1) !== tierIdx) return Restore.Stale;
  if (dv.getUint32(4, true) !== signature >>> 0 || dv.getFloat64(8, true) !== windowStartMs) return Restore.Stale;
  for (let i = 0; i < n; i++) into[i] = dv.getFloat64(HEADER + 8 * i, true);
  return Restore.Ok;
}

/** The window start a checkpoint was written for (ms, UTC), or -1 when it is too short to say. The CRC is checked by decodeCheckpoint. */
export function checkpointWindowStart(data: string | undefined): number {
  if (data === undefined || data.length < 16) return -1;
  const b = new Uint8Array(8);
  for (let i = 0; i < 8; i++) b[i] = data.charCodeAt(8 + i) & 0xff;
  return new DataView(b.buffer).getFloat64(0, true);
}
