import { Err } from '../model/index';
import type { ChannelCounters, ChannelSpec } from '../model/index';
import type { Clock, Timers } from '../platform/index';
import type { EdgeSensor, NumericSensor } from './drivers';
import { validateSample } from './validate';

/** Receives every accepted sample. `channel` is the index in `SamplerOptions.channels`. */
export type SampleCallback = (channel: number, value: number, timeMs: number) => void;

export interface SamplerChannel {
  spec: ChannelSpec;
  /** Polled source for numeric/state channels. */
  sensor?: NumericSensor;
  /** Edge source for event channels. */
  edge?: EdgeSensor;
}

export interface SamplerOptions {
  channels: SamplerChannel[];
  clock: Clock;
  timers: Timers;
  onSample: SampleCallback;
  /** Told about every rejected sample (e.g. to count sensor faults as a diagnostic channel). */
  onReject?: (channel: number, err: Err, timeMs: number) => void;
  /**
   * Scheduler tick in ms. Every polled channel's period must be a multiple of
   * it; one timer serves all channels (each `setInterval` costs about 10 JsVars).
   * @default the greatest common divisor of the polled periods
   */
  tickMs?: number;
}

export interface Sampler {
  /** Offer a sample from outside the scheduler (e.g. an event); returns the rejection code or Err.None. */
  offer(channel: number, value: unknown, timeMs: number): Err;
  /** Counters of one channel. */
  counters(channel: number): ChannelCounters;
  /** Stop the scheduler and close every sensor; idempotent. */
  close(): void;
}

/** Counter slots per channel in the shared Uint32Array: accepted, notFinite, outOfRange, wrongType, tooFast. */
const SLOTS = 5;

/** Start sampling: polled channels on a shared tick, event channels on their edges. */
export function createSampler(options: SamplerOptions): Sampler {
  const chans = options.channels;
  const counts = new Uint32Array(chans.length * SLOTS);
  const last = new Float64Array(chans.length);
  for (let i = 0; i < chans.length; i++) last[i] = -1;
  // The tick is the gcd of the polled periods. Inline, not a module-level
  // helper: Espruino memory overrides the 40-line guideline here. A
  // module-level function stays alive for good (about 5 JsVars); this one,
  // called once, is garbage after boot.
  const tick = options.tickMs || ((): number => {
    let g = 0;
    for (let i = 0; i < chans.length; i++) {
      if (!chans[i].sensor) continue;
      let a = g;
      let b = chans[i].spec.periodMs;
      while (b) { const t = b; b = a % b; a = t; }
      g = a;
    }
    return g;
  })();
  let ticks = 0;
  let timer = 0;
  // The closures below keep this scope alive: copy out what they use and drop `options`.
  const clock = options.clock;
  const timers = options.timers;
  const onSample = options.onSample;
  const onReject = options.onReject;
  (options as SamplerOptions | undefined) = undefined;

  function offer(i: number, value: unknown, timeMs: number): Err {
    const err = validateSample(chans[i].spec, value, timeMs, last[i]);
    // validateSample returns Err.None or a Sample* code, 1..4 in slot order: the code is the slot.
    counts[i * SLOTS + (err < SLOTS ? err : SLOTS - 1)]++;
    if (err !== Err.None) {
      if (onReject) onReject(i, err, timeMs);
      return err;
    }
    last[i] = timeMs;
    onSample(i, +(value as number), timeMs);
    return Err.None;
  }

  function poll(): void {
    ticks++;
    const now = clock.now();
    for (let i = 0; i < chans.length; i++) {
      const c = chans[i];
      if (c.sensor && (ticks * tick) % c.spec.periodMs === 0) offer(i, c.sensor.sample(now), now);
    }
  }

  // Edges go to `offer` bound to the channel index: the level arrives as a boolean,
  // which event channels accept (counted as 1/0). Cheaper than a closure and its scope.
  for (let i = 0; i < chans.length; i++) {
    const e = chans[i].edge;
    if (e) e.watch(offer.bind(null, i));
  }
  if (tick > 0) timer = timers.every(poll, tick);

  return {
    offer,
    counters: (i) => ({
      accepted: counts[i * SLOTS],
      notFinite: counts[i * SLOTS + 1],
      outOfRange: counts[i * SLOTS + 2],
      wrongType: counts[i * SLOTS + 3],
      tooFast: counts[i * SLOTS + 4],
    }),
    close: () => {
      if (timer) timers.cancel(timer);
      timer = 0;
      for (let i = 0; i < chans.length; i++) {
        const c = chans[i];
        if (c.sensor) c.sensor.close();
        if (c.edge) c.edge.close();
      }
    },
  };
}
