import type { FileStore } from '../../sdk/platform/index';
import { isSafeStorageName } from '../../sdk/util/index';
import { FlashStorage } from './flash-storage';
import { PowerCutSignal } from './errors';
import type { FaultHook } from './options';

/** A FileStore with everything optional made present, as the Espruino platform has it. */
export type FullFileStore = Required<FileStore>;

/** Espruino errors become `false`, as in sdk/platform/espruino; a power cut still kills the caller. */
function refused<T>(body: () => T, onError: T): T {
  try {
    return body();
  } catch (e) {
    if (e instanceof PowerCutSignal) throw e;
    return onError;
  }
}

/**
 * A FileStore over the simulator's byte-exact Storage, implemented the way
 * sdk/platform/espruino/platform.ts implements it over `require("Storage")`,
 * so tests see real Espruino flash: trash, StorageFile chunks, torn writes
 * (the FlashStorage `faultHook`) and `rawScan` over the whole image.
 */
export function createFlashStore(flash: FlashStorage): FullFileStore {
  return {
    read: (name) => flash.read(name),
    readRange: (name, offset, length) => flash.read(name, offset, length),
    write: (name, data) => {
      if (!isSafeStorageName(name) || data.length === 0) return false;
      return create(name, data, data.length);
    },
    erase: (name) => flash.erase(name),
    list: (prefix) => flash.list().filter((n) => n.indexOf(prefix) === 0),
    free: () => flash.getFree(),
    append: (name, data) => {
      if (!isSafeStorageName(name, true) || data.length === 0 || data.indexOf('\xff') >= 0) return false;
      return refused(() => {
        const f = flash.open(name, 'a');
        if (!f) return false;
        f.write(data);
        return true;
      }, false);
    },
    readAppended: (name) => {
      const f = flash.open(name, 'r');
      if (!f) return undefined;
      let out = '';
      for (let block = f.read(256); block !== undefined; block = f.read(256)) out += block;
      return out.length ? out : undefined;
    },
    eraseAppended: (name) => {
      // As sdk/platform/espruino: last chunk first, so an interrupted erase stays listed.
      if (!isSafeStorageName(name, true)) return;
      let n = 1;
      while (n < 255 && flash.read(name + String.fromCharCode(n + 1)) !== undefined) n++;
      for (; n >= 1; n--) flash.erase(name + String.fromCharCode(n));
    },
    compact: () => refused(() => flash.compact(), undefined),
    writeAt: (name, data, offset, size) => {
      if (!isSafeStorageName(name) || data.length === 0 || offset < 0 || (offset === 0 && size < data.length)) return false;
      if (offset === 0) return create(name, data, size);
      return refused(() => flash.write(name, data, offset, size) !== false, false);
    },
  };

  /** As the platform's createFile: compact once and retry when Storage refuses (torn bytes in the way, or full). */
  function create(name: string, data: string, size: number): boolean {
    if (refused(() => flash.write(name, data, 0, size) !== false, false)) return true;
    refused(() => flash.compact(), undefined);
    return refused(() => flash.write(name, data, 0, size) !== false, false);
  }
}

/** A fresh Linux-build-sized Storage (256 KB, 1 KB pages) and a FileStore over it. */
export function createTestFlash(faultHook?: FaultHook): { flash: FlashStorage; store: FullFileStore } {
  const flash = new FlashStorage({ bytes: 262144, pageBytes: 1024, faultHook });
  return { flash, store: createFlashStore(flash) };
}
