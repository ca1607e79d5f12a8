/**
 * Longest Storage file name Espruino keeps; longer names are silently
 * truncated (ESPRUINO.md §5), which could make two files collide.
 */
export const MAX_STORAGE_NAME = 28;
/** Longest name for a StorageFile (`open(name, 'a')`): one byte goes to the chunk number. */
export const MAX_STORAGE_FILE_NAME = 27;

/** True when Espruino would store `name` unchanged. */
export function isSafeStorageName(name: string, storageFile?: boolean): boolean {
  const max = storageFile ? MAX_STORAGE_FILE_NAME : MAX_STORAGE_NAME;
  return name.length > 0 && name.length <= max;
}
