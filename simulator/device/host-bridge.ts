import * as crypto from 'crypto';
import type { PinBus } from '../pins/pin-bus';
import type { NetSink, WifiSink } from '../network';

/**
 * The only door between a device realm and the host. Every method takes and
 * returns primitives (strings, numbers, booleans), so no host object leaks
 * into the realm; the glue builds realm-native values from them. Once the
 * device's power is cut every method is inert.
 */
export interface HostBridge {
  print(text: string): void;
  now(): number;
  subMs(): number;
  setTime(sec: number): void;
  schedule(cb: () => void, ms: number, repeat: boolean): number;
  cancel(id: number): void;
  change(id: number, ms: number): void;
  random(): number;
  hwRand(): number;
  analogRead(pin: string): number;
  digitalRead(pin: string): number;
  digitalWrite(pin: string, v: number): void;
  pinMode(pin: string, mode: string): void;
  setWatch(cb: (state: boolean, time: number, lastTime: number) => void, pin: string, repeat: number, edge: string, debounce: number): number;
  clearWatch(id: number): void;
  crc32(data: string): number;
  digest(alg: string, data: string): string;
  pbkdf2(pass: string, salt: string, keySizeWords: number, iterations: number, hasher: string): string;
  errorFlags(): string;
  sizeOf(v: unknown): number;
  version(): string;
  env(): string;
  memory(): string;
  load(): void;
  storage(op: string, ...args: unknown[]): unknown;
  storageFile(handle: number, op: string, arg?: unknown): unknown;
  /**
   * Open a socket (`kind` `net` or `tls`) or an HTTP exchange (`http` or
   * `https`, `head` the JSON of its request options) to `host:port` through
   * the world's DNS. Returns a handle, or 0 when the host is unknown (the
   * glue throws Espruino's "Unable to locate host"). Events reach `sink`
   * through the device's guard; `holder` is the realm object, kept as a
   * memory root while open.
   */
  netOpen(kind: string, host: string, port: number, head: string, sink: NetSink, holder: object): number;
  /** Send a binary string on an open handle. */
  netWrite(handle: number, data: string): void;
  /** Raw socket: close once sent. HTTP: the request is complete. */
  netEnd(handle: number): void;
  /** Register the Wi-Fi module's event sink (once per boot). */
  wifiSink(sink: WifiSink): void;
  wifiConnect(ssid: string, password: string): void;
  wifiDisconnect(): void;
  /** The station as JSON: `{ status, mac, ssid?, password?, rssi?, ip?, netmask?, gw? }`. */
  wifiState(): string;
}

/** CRC-32 (IEEE 802.3, as Espruino's E.CRC32) of a binary string. */
export function crc32(data: string): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) {
    c ^= data.charCodeAt(i) & 255;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return (c ^ 0xffffffff) >>> 0;
}

export function digestBinary(alg: string, data: string): string {
  return crypto.createHash(alg).update(Buffer.from(data, 'latin1')).digest().toString('latin1');
}

/** Espruino's crypto.PBKDF2: keySize is in 32-bit words, hasher defaults to SHA1. */
export function pbkdf2Binary(pass: string, salt: string, keySizeWords: number, iterations: number, hasher: string): string {
  const alg = hasher.toLowerCase().replace('-', '');
  return crypto.pbkdf2Sync(Buffer.from(pass, 'latin1'), Buffer.from(salt, 'latin1'), iterations, keySizeWords * 4, alg).toString('latin1');
}

/**
 * Espruino's `Math.random()` and `E.hwRand()` restart the same sequence on
 * every boot (ESPRUINO.md §5). This reproduces that: a fixed-seed generator
 * created fresh at each boot.
 */
export function bootRandom(): { random: () => number; hwRand: () => number } {
  let s = 0x2545f491;
  const next = (): number => {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s;
  };
  return { random: () => next() / 4294967296, hwRand: () => next() | 0 };
}

export type { PinBus, NetSink, WifiSink };
