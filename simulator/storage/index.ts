/**
 * Simulated Espruino 2v29 Storage: a byte-exact flash filesystem for the
 * simulator's realm, with wear counters, power-cut injection and persistence.
 */
export { FlashStorage } from './flash-storage';
export type { StorageData, StorageStats } from './flash-storage';
export { StorageFile } from './storage-file';
export { PowerCutSignal, StorageMessage, invalidModeMessage } from './errors';
export type { StorageMessageText } from './errors';
export { storageFileChunkBytes } from './options';
export type { FaultDecision, FaultHook, FlashStorageOptions, StorageOp, StorageOpKind } from './options';
export type { StorageCounters } from './nor-flash';
export { FileFlag, HEADER_BYTES, NAME_BYTES } from './layout';
export { GEOMETRY_FILE, IMAGE_FILE } from './persistence';
export { createFlashStore, createTestFlash } from './file-store';
export type { FullFileStore } from './file-store';
