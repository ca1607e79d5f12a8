import storage from 'Storage';
import crypto from 'crypto';
import type { AnalogInput, EdgeInput, Platform } from '../index';
import { isSafeStorageName } from '../../util/index';
import { createEspruinoNetwork, createEspruinoWifi } from './network';

/** Any time before 2020-01-01 means the clock was never set (Espruino boots at 1970). */
const SYNCED_AFTER_MS = 1577836800000;

/** What the board offers beyond the basics (sdk/device/board.ts knows; the platform must not import it). */
export interface EspruinoPlatformOptions {
  /** The board has Espruino's `net`/`tls`/`http` modules and a network to use them: adds `net`. @default false */
  net?: boolean;
  /** The board has the `Wifi` module (ESP32 family): adds `wifi`. @default false */
  wifi?: boolean;
}

/**
 * The Espruino implementation of `Platform`. This file and the firmware entry
 * are the only device code that touches Espruino globals.
 *
 * Memory: the platform lives as long as the firmware, so every member costs
 * JsVars for good (ESPRUINO.md §3). Where an Espruino built-in already has
 * the member's signature it is used as is (`Storage.read` is a static
 * method and ignores `this`; `print` prints its one argument): a reference
 * costs one name, a wrapping closure five or six.
 *
 * `net` and `wifi` are added only when `o` says the board has them: a
 * module the board lacks is never loaded (`require("Wifi")` throws on the
 * Linux build), and an absent member costs nothing. A Wifi module that
 * still fails to load leaves `wifi` absent.
 */
export function createEspruinoPlatform(o?: EspruinoPlatformOptions): Platform {
  const p: Platform = {
    clock: { now: nowMs, isSynced: isSynced },
    timers: { every: setInterval, after: setTimeout, cancel: cancel },
    store: {
      read: storage.read,
      readRange: storage.read,
      write: storeWrite,
      erase: storage.erase,
      free: storage.getFree,
      list: storeList,
      append: storeAppend,
      readAppended: readStorageFile,
      eraseAppended: eraseStorageFile,
      compact: storeCompact,
      writeAt: storeWriteAt,
    },
    console: { print: print },
    analog: createAnalog,
    edge: createEdge,
    hash: { sha256: sha256 },
    entropy: gatherEntropy,
  };
  if (o && o.net) p.net = createEspruinoNetwork();
  if (o && o.wifi) {
    const w = createEspruinoWifi();
    if (w) p.wifi = w;
  }
  return p;
}

// getTime() is float seconds; Date.now() is fractional on Espruino too.
function nowMs(): number {
  return Math.floor(getTime() * 1000);
}

function isSynced(): boolean {
  return getTime() * 1000 > SYNCED_AFTER_MS;
}

// Espruino shares one id space for timeouts and intervals; clearTimeout() with no id clears them all.
function cancel(id: number): void {
  if (id) clearTimeout(id);
}

function sha256(data: string): string {
  return E.toString(crypto.SHA256(data));
}

function storeWrite(name: string, data: string): boolean {
  if (!isSafeStorageName(name) || data.length === 0) return false;
  return createFile(name, data, 0);
}

/**
 * Create (or replace) a file, compacting once and retrying when Storage
 * refuses: a power cut that tore a file header leaves unerased bytes where
 * the next file would go ("File already written with different data"), and
 * every later create fails until compaction moves the files down over them.
 */
function createFile(name: string, data: string, size: number): boolean {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      if (storage.write(name, data, 0, size || data.length) !== false) return true;
    } catch (e) {
      // Full, or torn bytes in the way: compact (below) and try once more.
    }
    if (attempt === 0) storeCompact();
  }
  return false;
}

function storeWriteAt(name: string, data: string, offset: number, size: number): boolean {
  if (!isSafeStorageName(name) || data.length === 0 || offset < 0 || (offset === 0 && size < data.length)) return false;
  if (offset === 0) return createFile(name, data, size);
  try {
    return storage.write(name, data, offset, size) !== false;
  } catch (e) {
    // "Too much data for file size", a missing file or a full Storage.
    return false;
  }
}

function storeList(prefix: string): string[] {
  return storage.list().filter((n) => n.indexOf(prefix) === 0);
}

function storeAppend(name: string, data: string): boolean {
  // A StorageFile cannot hold 0xFF (it marks the end of data) and keeps 27 name chars.
  if (!isSafeStorageName(name, true) || data.length === 0 || data.indexOf('\xff') >= 0) return false;
  try {
    storage.open(name, 'a').write(data);
    return true;
  } catch (e) {
    return false;
  }
}

function storeCompact(): void {
  try {
    storage.compact();
  } catch (e) {
    // Compaction that cannot finish leaves files in place; the caller checks the result.
  }
}

/** A StorageFile's whole contents; undefined when it has none. Reads in 256-byte blocks. */
function readStorageFile(name: string): string | undefined {
  if (!isSafeStorageName(name, true)) return undefined;
  const f = storage.open(name, 'r');
  let out = '';
  let block = f.read(256);
  while (block !== undefined) {
    out += block;
    block = f.read(256);
  }
  return out.length ? out : undefined;
}

function eraseStorageFile(name: string): void {
  if (!isSafeStorageName(name, true)) return;
  // Chunk files are `name + chr(n)`. StorageFile.erase() goes first to last, and
  // list() shows only chunk 1, so a power cut mid-way would orphan chunks no list
  // shows. Last chunk first: an interrupted erase stays listed and can be finished.
  let n = 1;
  while (n < 255 && storage.read(name + String.fromCharCode(n + 1)) !== undefined) n++;
  for (; n >= 1; n--) storage.erase(name + String.fromCharCode(n));
}

function createAnalog(name: string): AnalogInput {
  const pin = Pin(name);
  return { read: () => analogRead(pin) };
}

function createEdge(name: string, pullup: boolean, debounceMs: number): EdgeInput {
  const pin = Pin(name);
  pinMode(pin, pullup ? 'input_pullup' : 'input');
  let watchId = 0;
  return {
    read: () => !!digitalRead(pin),
    watch: (cb) => {
      watchId = setWatch((e) => cb(!!e.state, Math.floor(e.time * 1000)), pin, {
        repeat: true, edge: 'both', debounce: debounceMs,
      });
    },
    close: () => {
      if (watchId) clearWatch(watchId);
      watchId = 0;
    },
  };
}

/**
 * E.hwRand() and Math.random() repeat their sequence after every boot
 * (ESPRUINO.md §5), so mix in what differs per device and per boot: the
 * microsecond jitter of a busy loop against getTime(), and the low bits of
 * the ADC on every analog pin the caller may name later. Hashed by callers.
 */
function gatherEntropy(): string {
  let s = '';
  for (let i = 0; i < 32; i++) {
    const t0 = getTime();
    let n = 0;
    while (getTime() === t0 && n < 1000) n++;
    s += String.fromCharCode(n & 255, Math.floor(getTime() * 1e6) & 255, E.hwRand() & 255);
  }
  return s + getTime();
}
