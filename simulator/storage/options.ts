/**
 * Options of the simulated Storage, validated once, and the fault-injection
 * types shared by FlashStorage and StorageFile.
 */

/** Every Storage (and StorageFile) call the fault hook can interrupt. */
export type StorageOpKind =
  | 'write' | 'writeJSON' | 'erase' | 'eraseAll' | 'compact'
  | 'read' | 'readJSON' | 'readArrayBuffer' | 'list' | 'getFree' | 'getStats'
  | 'open-read' | 'open-write' | 'open-append'
  | 'file-write' | 'file-read' | 'file-readLine' | 'file-getLength' | 'file-erase';

/** A Storage call about to run. */
export interface StorageOp {
  kind: StorageOpKind;
  /** The file name as passed (before any truncation). */
  name?: string;
  /** Length of the data being written, in bytes (writes only). */
  bytes?: number;
}

/**
 * What the fault hook decides for one call:
 * - 'continue': run normally;
 * - 'cut': power dies before the call touches flash;
 * - `{ tearAfterBytes: n }`: the call runs until it has programmed n bytes
 *   (headers included, in the order Espruino writes them), then the power dies
 *   before the next program or erase, or at the end of the call if it
 *   programs fewer bytes.
 * Either way the storage freezes and the call throws PowerCutSignal.
 */
export type FaultDecision = 'continue' | 'cut' | { tearAfterBytes: number };

/** Called before every Storage call; MUST be pure with respect to the storage (no re-entrant calls). */
export type FaultHook = (op: StorageOp) => FaultDecision;

/** Options of {@link FlashStorage}. */
export interface FlashStorageOptions {
  /** Size of the Storage area in bytes, a multiple of `pageBytes`. ESP32: 917504 (224 pages). */
  bytes: number;
  /** Erase page size in bytes, a power of two of at least 64. ESP32: 4096; Linux build: 1024. */
  pageBytes: number;
  /** Initial flash contents, exactly `bytes` long; copied. @default all 0xFF (erased) */
  image?: Uint8Array;
  /** Told about names Espruino would silently truncate. @default none */
  onWarning?: (message: string) => void;
  /** Receives what Espruino prints on its console, e.g. "Compacting... \n". @default none */
  onConsole?: (text: string) => void;
  /** Power-cut injection, asked before every call. @default always 'continue' */
  faultHook?: FaultHook;
}

/** Options after validation. */
export interface ResolvedStorageOptions {
  bytes: number;
  pageBytes: number;
  image: Uint8Array;
  /** STORAGEFILE_CHUNKSIZE: data bytes per StorageFile chunk. */
  chunkBytes: number;
  onWarning: (message: string) => void;
  onConsole: (text: string) => void;
  faultHook: FaultHook | undefined;
}

/** The header's 24-bit size field: no single file can be larger. */
const MAX_BYTES = 0x1000000;

function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n > 0 && (n & (n - 1)) === 0;
}

/**
 * jswrap_storage.c STORAGEFILE_CHUNKSIZE: min(page, 4096) - 32 on areas under
 * 1,000,000 bytes, else page * 10 - 32 (large external flash).
 */
export function storageFileChunkBytes(bytes: number, pageBytes: number): number {
  return bytes < 1000000 ? Math.min(pageBytes, 4096) - 32 : pageBytes * 10 - 32;
}

/** Validate once; errors name the option. */
export function resolveStorageOptions(o: FlashStorageOptions): ResolvedStorageOptions {
  const { bytes, pageBytes } = o;
  if (!isPowerOfTwo(pageBytes) || pageBytes < 64) {
    throw new RangeError(`pageBytes must be a power of two of at least 64 (got ${pageBytes})`);
  }
  if (!Number.isInteger(bytes) || bytes <= 0 || bytes > MAX_BYTES) {
    throw new RangeError(`bytes must be a positive integer up to ${MAX_BYTES} (got ${bytes})`);
  }
  if (bytes % pageBytes !== 0) {
    throw new RangeError(`pageBytes must divide bytes (got bytes=${bytes}, pageBytes=${pageBytes})`);
  }
  if (o.image && o.image.length !== bytes) {
    throw new RangeError(`image must be exactly bytes long (got ${o.image.length}, expected ${bytes})`);
  }
  return {
    bytes,
    pageBytes,
    image: o.image ? o.image.slice() : new Uint8Array(bytes).fill(0xff),
    chunkBytes: storageFileChunkBytes(bytes, pageBytes),
    onWarning: o.onWarning ?? (() => undefined),
    onConsole: o.onConsole ?? (() => undefined),
    faultHook: o.faultHook,
  };
}
