/**
 * HMAC-SHA256 (RFC 2104, test vectors in RFC 4231) in the device dialect.
 * Espruino's `crypto` has SHA256 but no HMAC (ESPRUINO.md §5), so the MAC is
 * built here over an injected SHA-256 such as `Platform.hash.sha256`.
 * Keys, messages and MACs are binary strings: one char per byte.
 */

/** SHA-256 of a binary string, returned as a 32-char binary string. */
export type Sha256 = (data: string) => string;

/** A keyed MAC: binary message in, 32-byte binary MAC out. */
export type Mac = (message: string) => string;

/** SHA-256 block size B in bytes (RFC 2104 §2). */
export const SHA256_BLOCK_BYTES = 64;

/** `key` (padded with zeros to one block) XORed with the repeated byte `pad`. */
function xorPad(key: string, pad: number): string {
  let out = '';
  for (let i = 0; i < SHA256_BLOCK_BYTES; i++) {
    const k = i < key.length ? key.charCodeAt(i) & 255 : 0;
    out += String.fromCharCode(k ^ pad);
  }
  return out;
}

/**
 * Prepare HMAC-SHA256 under `key` once and return the MAC function: the
 * inner and outer padded keys are computed here, not per message. A key
 * longer than the 64-byte block is hashed first (RFC 2104 §2).
 * Never throws unless `sha256` does.
 */
export function createHmacSha256(sha256: Sha256, key: string): Mac {
  const k = key.length > SHA256_BLOCK_BYTES ? sha256(key) : key;
  const inner = xorPad(k, 0x36);
  const outer = xorPad(k, 0x5c);
  return (message) => sha256(outer + sha256(inner + message));
}

/** HMAC-SHA256(key, message) as a 32-char binary string. */
export function hmacSha256(sha256: Sha256, key: string, message: string): string {
  return createHmacSha256(sha256, key)(message);
}
