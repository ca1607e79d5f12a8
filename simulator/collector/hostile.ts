import { createRandom } from '../models/random';
import { HOSTILE_MODES } from './types';
import type { HostileMode, HostileOptions } from './types';

/** One hostile answer to give. */
export interface HostileChoice {
  mode: HostileMode;
  /** For `reset` and `no-ack`: store the report first, so the device's retry must be deduplicated. */
  afterStore: boolean;
}

/** Seeded hostile choices and the bad payloads they send. */
export interface Hostility {
  /** undefined: answer this report properly. */
  pick(): HostileChoice | undefined;
  set(h?: HostileOptions): void;
  /** Real milliseconds a `slow` answer waits. */
  slowMs(): number;
  /** Random bytes, or a captive portal's HTML page. */
  garbage(): Buffer;
  /** A 32-hex id that is not `id`. */
  otherId(id: string): string;
  /** ~64 KB of JSON-looking text that acknowledges nothing. */
  oversized(): string;
}

const DEFAULT_SLOW_MS = 1500;
const OVERSIZED_BYTES = 64 * 1024;

/** Validate hostile options once; the error names the option. */
export function resolveHostile(h?: HostileOptions): Required<HostileOptions> | undefined {
  if (!h) return undefined;
  if (typeof h.rate !== 'number' || !(h.rate >= 0 && h.rate <= 1)) throw new Error(`hostile.rate must be a number in 0..1 (got ${h.rate})`);
  const modes = h.modes ? h.modes.slice() : HOSTILE_MODES.slice();
  if (!modes.length) throw new Error('hostile.modes must not be empty');
  for (const m of modes) if (HOSTILE_MODES.indexOf(m) < 0) throw new Error(`hostile.modes: unknown mode ${JSON.stringify(m)} (known: ${HOSTILE_MODES.join(', ')})`);
  const slowMs = h.slowMs === undefined ? DEFAULT_SLOW_MS : h.slowMs;
  if (!(slowMs >= 0 && isFinite(slowMs))) throw new Error(`hostile.slowMs must be a non-negative number of ms (got ${h.slowMs})`);
  return { rate: h.rate, modes, slowMs };
}

/**
 * Create the chooser. Deterministic: the same seed and the same order of
 * arriving reports give the same answers.
 */
export function createHostility(seed: number, initial?: HostileOptions): Hostility {
  const rnd = createRandom(seed);
  let h = resolveHostile(initial);
  const byte = () => Math.floor(rnd() * 256);
  const hex32 = () => {
    let s = '';
    for (let i = 0; i < 16; i++) s += (256 + byte()).toString(16).substring(1);
    return s;
  };
  return {
    pick() {
      if (!h || h.rate === 0 || rnd() >= h.rate) return undefined;
      const mode = h.modes[Math.floor(rnd() * h.modes.length)];
      return { mode, afterStore: (mode === 'reset' || mode === 'no-ack') && rnd() < 0.5 };
    },
    set(next) {
      h = resolveHostile(next);
    },
    slowMs() {
      return h ? h.slowMs : DEFAULT_SLOW_MS;
    },
    garbage() {
      if (rnd() < 0.5) {
        return Buffer.from('<!DOCTYPE html><html><head><title>Guest Wi-Fi</title></head><body><form action="/login">Accept the terms</form></body></html>');
      }
      const b = Buffer.alloc(16 + Math.floor(rnd() * 496));
      for (let i = 0; i < b.length; i++) b[i] = byte();
      return b;
    },
    otherId(id) {
      let o = hex32();
      while (o === id) o = hex32();
      return o;
    },
    oversized() {
      const head = '{"ack":[],"rej":[],"pad":"';
      return head + 'x'.repeat(OVERSIZED_BYTES - head.length - 2) + '"}';
    },
  };
}
