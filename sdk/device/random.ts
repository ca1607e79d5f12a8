import type { RandomSource } from '../model/index';
import type { FileStore, Hash } from '../platform/index';
import { isSafeStorageName, toHex } from '../util/index';

/** Options of {@link createRandom}. */
export interface RandomOptions {
  store: FileStore;
  /** SHA-256 of binary strings (the platform's). */
  hash: Hash;
  /**
   * Noise mixed into the state once per boot: a binary string, hashed here.
   * The root passes `platform.entropy()` plus the Wi-Fi RSSI when it has one.
   * Repeating noise is safe (the persisted state carries the difference
   * between boots); it only has to be unpredictable to outsiders.
   */
  noise: () => string;
  /**
   * Name prefix of the two state slots, `<file>.a` and `<file>.b` (owner
   * data: an erase removes them with every `hb.` file). @default 'hb.r'
   */
  file?: string;
  /** 32-bit draws served per persisted reservation. @default 64 */
  reserve?: number;
}

/** What the generator met, for diagnostics. */
export interface RandomCounters {
  /** State slots found corrupt (torn, wrong size or check) at boot. */
  corrupt: number;
  /** Boots that found no valid slot and started from noise alone (1 on a first boot). */
  reseeds: number;
  /** Reservations persisted (one per boot, then one per `reserve` draws). */
  reservations: number;
  /** Reservations Storage refused; the draws after one come from a stream that is not persisted (see `ok`). */
  writeFailures: number;
}

/** The device's generator: a RandomSource that knows whether its output is safe for ids. */
export interface DeviceRandom extends RandomSource {
  /**
   * True when the current draws come from a persisted reservation, so no
   * reboot can repeat them. False after Storage refused the reservation:
   * draws still work (fine for backoff jitter) but MUST NOT become report
   * ids, which would repeat after a reboot with the same noise. The next
   * reservation is tried again after `reserve` more draws.
   */
  ok(): boolean;
  counters(): RandomCounters;
}

/** Bytes of a slot: state (32), sequence number (4, big-endian), check (4: a SHA-256 prefix of the rest). */
const SLOT_BYTES = 40;

/**
 * A generator whose outputs never repeat across reboots, although
 * Espruino's Math.random and E.hwRand restart the same sequence at every
 * boot (ESPRUINO.md §5).
 *
 * State: 32 bytes S and a sequence number, persisted alternately in two
 * slot files (slot `seq & 1`), each checked by a SHA-256 prefix, so a
 * power cut while writing one leaves the other intact. A reservation sets
 * S' = SHA-256(S ‖ extra ‖ seq+1) (extra: the noise at boot, nothing later),
 * writes (S', seq+1) and only then serves `reserve` draws from blocks
 * SHA-256(S' ‖ 'o' ‖ n). Served outputs thus always come from a persisted
 * state; a reboot starts from the newest valid slot and derives a state
 * never used before. A power cut can skip outputs, never repeat one.
 *
 * No valid slot (first boot, or both corrupt: counted): S is reseeded from
 * the noise, the corrupt bytes and the free Storage. Storage refusing a
 * reservation: see {@link DeviceRandom.ok}.
 *
 * RAM: a few numbers, the 32-byte state and the current 32-byte block.
 */
export function createRandom(o: RandomOptions): DeviceRandom {
  const file = o.file === undefined ? 'hb.r' : o.file;
  const reserve = o.reserve === undefined ? 64 : o.reserve;
  if (!o.store || !o.hash || typeof o.noise !== 'function') throw new Error('random: store, hash and noise are required');
  if (typeof file !== 'string' || !isSafeStorageName(file + '.a')) throw new Error('random: file must be a Storage name of at most 26 characters');
  if (typeof reserve !== 'number' || !(reserve >= 1) || Math.floor(reserve) !== reserve) throw new Error('random: reserve must be a positive integer (got ' + reserve + ')');
  const store = o.store;
  const hash = o.hash;
  const c: RandomCounters = { corrupt: 0, reseeds: 0, reservations: 0, writeFailures: 0 };
  let state = '';
  let seq = 0;
  let good = false;
  /** Bytes left in the current reservation. */
  let left = 0;
  /** Current output block, its number and the next byte in it. */
  let block = '';
  let n = 0;
  let pos = 32;

  /** Advance the state and persist it before any draw from it; `extra` is mixed in. */
  const reserveNext = (extra: string): void => {
    const s = seq + 1;
    const next = hash.sha256(state + extra + u32(s));
    const body = next + u32(s);
    state = next;
    n = 0;
    pos = 32;
    left = reserve * 4;
    good = store.write(slotName(file, s), body + hash.sha256(body).substring(0, 4));
    if (good) {
      seq = s;
      c.reservations++;
    } else c.writeFailures++;
  };

  const byte = (): number => {
    if (left <= 0) reserveNext('');
    if (pos >= 32) {
      // 'v' (volatile) after a refused write: never the persisted stream a reboot could replay as 'o'.
      block = hash.sha256(state + (good ? 'o' : 'v') + u32(n++));
      pos = 0;
    }
    left--;
    return block.charCodeAt(pos++);
  };

  // No temporaries at this level: every local here lives as long as the generator.
  state = readSlots(store, hash, file, c);
  if (state) {
    seq = ((state.charCodeAt(32) << 24) | (state.charCodeAt(33) << 16) | (state.charCodeAt(34) << 8) | state.charCodeAt(35)) >>> 0;
    state = state.substring(0, 32);
  } else {
    // Nothing valid: a first boot, or both slots corrupt. The corrupt bytes and the free space vary between devices and histories.
    c.reseeds++;
    state = hash.sha256('hb.r/reseed' + o.noise() + (c.corrupt ? (store.read(slotName(file, 0)) || '') + (store.read(slotName(file, 1)) || '') : '') + u32(store.free()));
  }
  reserveNext(o.noise());
  return {
    next: () => (byte() * 16777216 + byte() * 65536 + byte() * 256 + byte()) / 4294967296,
    hex: (bytes: number) => {
      let s = '';
      for (let i = 0; i < bytes; i++) s += String.fromCharCode(byte());
      return toHex(s);
    },
    ok: () => good,
    counters: () => c,
  };
}

/**
 * The newest valid slot as state (32 bytes) + sequence number (4), or ''
 * when none is valid; counts corrupt slots. Module-level and not nested:
 * a nested function would live as long as the generator's closures.
 */
function readSlots(store: FileStore, hash: Hash, file: string, c: RandomCounters): string {
  let best = '';
  let bestSeq = -1;
  for (let i = 0; i < 2; i++) {
    const raw = store.read(slotName(file, i));
    if (raw === undefined) continue;
    const body = raw.substring(0, SLOT_BYTES - 4);
    const s = ((body.charCodeAt(32) << 24) | (body.charCodeAt(33) << 16) | (body.charCodeAt(34) << 8) | body.charCodeAt(35)) >>> 0;
    // A slot only ever holds sequence numbers of its own parity.
    if (raw.length !== SLOT_BYTES || hash.sha256(body).substring(0, 4) !== raw.substring(SLOT_BYTES - 4) || (s & 1) !== i) {
      c.corrupt++;
    } else if (s > bestSeq) {
      best = body;
      bestSeq = s;
    }
  }
  return best;
}

/** Slot file of sequence number `s`: `<file>.a` for even, `<file>.b` for odd. */
function slotName(file: string, s: number): string {
  return file + (s & 1 ? '.b' : '.a');
}

/** Four big-endian bytes of an unsigned 32-bit number. */
function u32(v: number): string {
  return String.fromCharCode((v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255);
}
