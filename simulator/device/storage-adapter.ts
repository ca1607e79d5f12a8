import { FlashStorage, PowerCutSignal } from '../storage';

/** What the realm's Storage module calls; results are primitives or JSON text. */
export interface StorageAdapter {
  call(op: string, args: unknown[]): unknown;
  file(handle: number, op: string, arg?: unknown): unknown;
}

type FileHandle = ReturnType<FlashStorage['open']>;

/**
 * Dispatches the realm's Storage calls to the flash image. A power cut
 * raised by the flash (at a call boundary or mid-write) kills the device
 * before the realm sees anything.
 */
export function createStorageAdapter(flash: FlashStorage, onCut: () => void): StorageAdapter {
  const handles = new Map<number, FileHandle>();
  let nextHandle = 1;
  const guarded = <T>(fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (e) {
      if (e instanceof PowerCutSignal) { onCut(); throw e; }
      throw e;
    }
  };
  const num = (v: unknown): number | undefined => (v === undefined || v === null ? undefined : +v);
  return {
    call: (op, a) => guarded(() => {
      switch (op) {
        case 'read': return flash.read(a[0] as string, num(a[1]), num(a[2]));
        case 'write': return flash.write(a[0] as string, a[1] as string, num(a[2]), num(a[3]));
        case 'list': {
          const re = a[0] ? new RegExp(a[0] as string, a[1] as string) : undefined;
          return JSON.stringify(flash.list(re, JSON.parse(a[2] as string)));
        }
        case 'erase': flash.erase(a[0] as string); return undefined;
        case 'eraseAll': flash.eraseAll(); return undefined;
        case 'getFree': return flash.getFree();
        case 'getStats': return JSON.stringify(flash.getStats());
        case 'compact': flash.compact(); return undefined;
        case 'open': {
          const h = nextHandle++;
          handles.set(h, flash.open(a[0] as string, a[1] as 'r' | 'w' | 'a'));
          return h;
        }
        default: throw new Error(`Storage.${op} is not emulated`);
      }
    }),
    file: (h, op, arg) => guarded(() => {
      const f = handles.get(h);
      if (!f) throw new Error('StorageFile is closed');
      switch (op) {
        case 'read': return f.read(num(arg) as number);
        case 'readLine': return f.readLine();
        case 'write': return f.write(arg as string);
        case 'erase': handles.delete(h); return f.erase();
        case 'getLength': return f.getLength();
        default: throw new Error(`StorageFile.${op} is not emulated`);
      }
    }),
  };
}
