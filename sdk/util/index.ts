export { MAX_STORAGE_NAME, MAX_STORAGE_FILE_NAME, isSafeStorageName } from './storage-name';
export { formatFixed } from './fixed';
export { toHex, fromHex } from './hex';
export { createHmacSha256, hmacSha256, SHA256_BLOCK_BYTES } from './hmac';
export type { Sha256, Mac } from './hmac';
export { crc32 } from './crc32';
export { noop } from './noop';
export { findText } from './text';
