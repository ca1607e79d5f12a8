export { MAX_STORAGE_NAME, MAX_STORAGE_FILE_NAME, isSafeStorageName } from './storage-name';
export { formatFixed } from './fixed';
