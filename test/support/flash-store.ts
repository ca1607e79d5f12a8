// The FileStore over simulated flash lives with the simulator; tests use it from here too.
export { createFlashStore, createTestFlash } from '../../simulator/storage/file-store';
export type { FullFileStore } from '../../simulator/storage/file-store';
