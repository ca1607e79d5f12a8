import type { Aggregator } from './aggregator';

/** Watt-milliseconds in a watt-hour. */
const WMS_PER_WH = 3600000;

/**
 * Energy in Wh from power samples in W: Σ W × dtMs / 3 600 000. `dtMs` is
 * capped by the caller at 2 × the channel's period, so a gap (power cut,
 * sensor fault) is not filled with the last power seen. Slots: [W·ms].
 */
export const ENERGY: Aggregator = {
  size: 1,
  timed: true,
  init: (s, o) => { s[o] = 0; },
  add: (s, o, v, _now, dt) => { s[o] += v * dt; },
  merge: (d, o, s, so) => { d[o] += s[so]; },
  result: (s, o) => s[o] / WMS_PER_WH,
};

/** dutyCycle's threshold travels on the aggregator object: its methods are shared, not closures. */
interface DutyCycle extends Aggregator {
  th: number;
}

/** Histogram bounds likewise. */
interface Histogram extends Aggregator {
  b: number[];
}

// Shared method bodies: one copy of the code for every field (a closure per
// field costs about 34 JsVars on ESP32, this object about 10). Callers MUST
// call them as methods (`agg.add(...)`), which every caller in the SDK does.
const DUTY_METHODS = {
  init(s: Float64Array, o: number): void { s[o] = 0; s[o + 1] = 0; },
  add(this: DutyCycle, s: Float64Array, o: number, v: number, _now: number, dt: number): void {
    if (v > this.th) s[o] += dt;
    s[o + 1] += dt;
  },
  merge(d: Float64Array, o: number, s: Float64Array, so: number): void { d[o] += s[so]; d[o + 1] += s[so + 1]; },
  result(s: Float64Array, o: number): number { return s[o + 1] > 0 ? Math.round((1000 * s[o]) / s[o + 1]) : NaN; },
};

/**
 * Time-weighted share of the observed time the value was strictly above
 * `threshold` (in the channel's unit; @default 0, so a 0/1 door channel gives
 * its open share). Result in **permille, rounded to an integer** (the unit of
 * `coveragePermille`; 1 ‰ of a day is 86.4 s), NaN when nothing was observed.
 * Slots: [msAbove, msObserved].
 */
export function createDutyCycle(threshold?: number): Aggregator {
  const m = DUTY_METHODS;
  const a: DutyCycle = { size: 2, timed: true, th: threshold === undefined ? 0 : threshold, init: m.init, add: m.add, merge: m.merge, result: m.result };
  return a;
}

const HIST_METHODS = {
  init(this: Histogram, s: Float64Array, o: number): void { for (let i = 0; i <= this.b.length; i++) s[o + i] = 0; },
  add(this: Histogram, s: Float64Array, o: number, v: number): void {
    const b = this.b;
    let i = 0;
    while (i < b.length && v > b[i]) i++;
    s[o + i]++;
  },
  merge(this: Histogram, d: Float64Array, o: number, s: Float64Array, so: number): void {
    for (let i = 0; i <= this.b.length; i++) d[o + i] += s[so + i];
  },
  result(this: Histogram, s: Float64Array, o: number): number[] {
    const out: number[] = [];
    for (let i = 0; i <= this.b.length; i++) out.push(s[o + i]);
    return out;
  },
};

/**
 * Counts per bucket with fixed, ascending upper `bounds` (inclusive, as
 * Prometheus' `le`): bucket i counts bounds[i-1] < v ≤ bounds[i]; the last
 * bucket (index bounds.length) counts v > every bound (overflow). With no
 * bounds there is only the overflow bucket. Slots: bounds.length + 1 counts.
 */
export function createHistogram(bounds?: number[]): Aggregator {
  const m = HIST_METHODS;
  const b = bounds || [];
  const a: Histogram = { size: b.length + 1, timed: false, b, init: m.init, add: m.add, merge: m.merge, result: m.result };
  return a;
}
