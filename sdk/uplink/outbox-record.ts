import { crc32 } from '../util/index';

/*
 * One outbox record, as it sits in a segment file:
 *
 *   [attempt][done][crc: 8 hex][len: 4 hex][body: len bytes]
 *   body = <releaseAt, whole seconds>|<superseded locations, comma-separated>|<wire JSON>
 *
 * The two status bytes are 0xFF (erased) when the record is appended and are
 * later programmed in place with one-byte writes. Flash programming only
 * clears bits, so any value other than 0xFF, even a torn one, reads as "set".
 * The CRC-32 covers len + body, which follow it contiguously (so one crc32
 * call over a range of the memory-mapped segment checks it, no copy). The
 * status bytes are outside the CRC on purpose: they change after the append.
 * Everything but the status bytes is printable ASCII, so a record never holds
 * 0xFF where the scan expects data, and an erased byte (0xFF) at `crc`
 * means "no record here": the end of the segment's records.
 *
 * releaseAt is stored in seconds, rounded up (never released early): Espruino
 * prints numbers with about 12 significant digits, so a 13-digit ms count
 * could come back changed.
 */

/** Bytes before a record's body: attempt, done, CRC (8 hex), body length (4 hex). */
export const REC_HEAD = 14;

/**
 * A record ready to append, or undefined when it cannot be stored: a body
 * over 65535 bytes or any byte outside printable ASCII (a 0xFF would read as
 * erased flash; encodeReport's JSON is ASCII for ASCII names).
 * @param json the report's wire JSON (encodeReport)
 * @param releaseAt ms since the epoch; stored as whole seconds, rounded up
 * @param replaced locations of the records this one supersedes ("seg.off" in base 36, comma-separated), or ''
 * @param attempted write the attempt byte as set (a moved copy of an attempted record keeps its flag)
 */
export function encodeRecord(json: string, releaseAt: number, replaced: string, attempted: boolean): string | undefined {
  const sec = releaseAt > 0 && isFinite(releaseAt) ? Math.ceil(releaseAt / 1000) : 0;
  const body = sec + '|' + replaced + '|' + json;
  if (body.length > 0xffff) return undefined;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c < 32 || c > 126) return undefined;
  }
  let len = body.length.toString(16);
  while (len.length < 4) len = '0' + len;
  let crc = crc32(len + body).toString(16);
  while (crc.length < 8) crc = '0' + crc;
  return (attempted ? 'a' : '\xff') + '\xff' + crc + len + body;
}

/**
 * Read the header of the record at `off` of segment text `t`, whose size is
 * `size` bytes. Returns the body length (≥ 0), -1 at the end of the records
 * (erased bytes, or no room for a header), or -2 when the header is malformed
 * or the body would run past the segment: the rest of the segment cannot be
 * walked. With `checkCrc`, a record whose CRC fails also gives -3 (its length
 * is readable, so the walk can skip it).
 */
export function recordLength(t: string, off: number, size: number, checkCrc?: boolean): number {
  if (off + REC_HEAD > size || t.charCodeAt(off + 2) === 0xff) return -1;
  let len = 0;
  let crc = 0;
  for (let i = off + 2; i < off + REC_HEAD; i++) {
    const c = t.charCodeAt(i);
    const v = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : -1;
    if (v < 0) return -2;
    if (i < off + 10) crc = crc * 16 + v;
    else len = len * 16 + v;
  }
  if (off + REC_HEAD + len > size) return -2;
  if (checkCrc && crc32(t, off + 10, off + REC_HEAD + len) !== crc) return -3;
  return len;
}
