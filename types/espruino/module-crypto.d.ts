/**
 * `require("crypto")` and `require("heatshrink")` on Espruino 2v29 ESP32
 * (libs/crypto/jswrap_crypto.c, libs/compression/jswrap_heatshrink.c; the ESP32 board
 * builds with CRYPTO, SHA256, SHA512, TLS and AES, per boards/ESP32.py and the
 * generated ESP32 symbol table).
 *
 * There is NO HMAC (ESPRUINO.md §5): build HMAC-SHA256 in JS over `SHA256`.
 */

/** Bytes accepted by the crypto functions: a binary string, a byte array or a buffer. */
type CryptoData = string | ArrayLike<number> | ArrayBuffer;

type CryptoHasher = "SHA1" | "SHA224" | "SHA256" | "SHA384" | "SHA512";

interface Pbkdf2Options {
  /** Key size in 32-bit WORDS (default 4, i.e. 128 bits). */
  keySize?: number;
  /** Default 1. */
  iterations?: number;
  /** Default "SHA1" (jswrap_crypto.c), whatever the docs' "using SHA512" says. */
  hasher?: CryptoHasher;
}

interface AesOptions {
  /** 16 bytes. */
  iv?: CryptoData;
  /** Default "CBC". */
  mode?: "CBC" | "CFB" | "CTR" | "OFB" | "ECB";
}

/** `require("crypto").AES`. Keys are 128, 192 or 256 bits. */
interface CryptoAES {
  encrypt(message: CryptoData, key: CryptoData, options?: AesOptions): ArrayBuffer;
  decrypt(message: CryptoData, key: CryptoData, options?: AesOptions): ArrayBuffer;
}

/** The `crypto` module. Digests are returned as ArrayBuffers (20/28/32/48/64 bytes). */
interface CryptoModule {
  SHA1(message: CryptoData): ArrayBuffer;
  SHA224(message: CryptoData): ArrayBuffer;
  SHA256(message: CryptoData): ArrayBuffer;
  SHA384(message: CryptoData): ArrayBuffer;
  SHA512(message: CryptoData): ArrayBuffer;
  PBKDF2(passphrase: CryptoData, salt: CryptoData, options?: Pbkdf2Options): ArrayBuffer;
  readonly AES: CryptoAES;
}

/**
 * The `heatshrink` module. Input is treated as bytes; the result is always an
 * ArrayBuffer (wrap it: `new Uint8Array(buf)`, or `E.toString(buf)` for a string).
 */
interface HeatshrinkModule {
  compress(data: CryptoData): ArrayBuffer;
  decompress(data: CryptoData): ArrayBuffer;
}
