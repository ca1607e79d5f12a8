/**
 * Hex encoding of binary strings (one char per byte, as Espruino's crypto
 * and Storage return them), without regular expressions or parseInt quirks.
 */

const DIGITS = '0123456789abcdef';

/** Lowercase hex of a binary string: two digits per byte; only the low 8 bits of each char are used. */
export function toHex(binary: string): string {
  let out = '';
  for (let i = 0; i < binary.length; i++) {
    const b = binary.charCodeAt(i) & 255;
    out += DIGITS.charAt(b >> 4) + DIGITS.charAt(b & 15);
  }
  return out;
}

/** Value of one hex digit (either case), or -1. */
function nibble(c: number): number {
  if (c >= 48 && c <= 57) return c - 48; // 0-9
  if (c >= 97 && c <= 102) return c - 87; // a-f
  if (c >= 65 && c <= 70) return c - 55; // A-F
  return -1;
}

/**
 * The binary string a hex string encodes (either case). Returns undefined,
 * never throws, for an odd length or any non-hex character.
 */
export function fromHex(hex: string): string | undefined {
  if (typeof hex !== 'string' || hex.length % 2 !== 0) return undefined;
  let out = '';
  for (let i = 0; i < hex.length; i += 2) {
    const hi = nibble(hex.charCodeAt(i));
    const lo = nibble(hex.charCodeAt(i + 1));
    if (hi < 0 || lo < 0) return undefined;
    out += String.fromCharCode(hi * 16 + lo);
  }
  return out;
}
