import storage from 'Storage';
import crypto from 'crypto';
import type { AnalogInput, EdgeInput, FileStore, MemoryInfo, Platform } from '../index';
import { isSafeStorageName } from '../../util/index';

/** Any time before 2020-01-01 means the clock was never set (Espruino boots at 1970). */
const SYNCED_AFTER_MS = 1577836800000;

/**
 * The Espruino implementation of `Platform`. This file and the firmware entry
 * are the only device code that touches Espruino globals.
 */
export function createEspruinoPlatform(): Platform {
  return {
    clock: {
      // getTime() is float seconds; Date.now() is fractional on Espruino too.
      now: () => Math.floor(getTime() * 1000),
      isSynced: () => getTime() * 1000 > SYNCED_AFTER_MS,
    },
    timers: {
      every: (ms, cb) => setInterval(cb, ms),
      after: (ms, cb) => setTimeout(cb, ms),
      // Espruino shares one id space for timeouts and intervals.
      cancel: (id) => { if (id) clearTimeout(id); },
    },
    store: createEspruinoStore(),
    console: { print: (line) => print(line) },
    analog: (pin) => createAnalog(pin),
    edge: (pin, pullup) => createEdge(pin, pullup),
    hash: { sha256: (data) => E.toString(crypto.SHA256(data)) },
    memory: (): MemoryInfo => {
      const m = process.memory(false);
      return { free: m.free, usage: m.usage, total: m.total };
    },
  };
}

function createEspruinoStore(): FileStore {
  return {
    read: (name) => storage.read(name),
    readRange: (name, offset, length) => storage.read(name, offset, length),
    write: (name, data) => {
      if (!isSafeStorageName(name) || data.length === 0) return false;
      try {
        return storage.write(name, data) !== false;
      } catch (e) {
        // Espruino throws on a full Storage after compaction fails.
        return false;
      }
    },
    erase: (name) => { storage.erase(name); },
    list: (prefix) => storage.list().filter((n) => n.indexOf(prefix) === 0),
    free: () => storage.getFree(),
  };
}

function createAnalog(name: string): AnalogInput {
  const pin = Pin(name);
  return { read: () => analogRead(pin) };
}

function createEdge(name: string, pullup: boolean): EdgeInput {
  const pin = Pin(name);
  pinMode(pin, pullup ? 'input_pullup' : 'input');
  let watchId = 0;
  return {
    read: () => !!digitalRead(pin),
    watch: (cb, debounceMs) => {
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
