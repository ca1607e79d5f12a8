import type { FieldDecl } from '../../model/index';

/**
 * Every aggregate as a small integer code and ONE function per operation
 * (init / add / merge / result) switching over it: table-driven, so the
 * device holds 6 function objects for all eleven aggregates instead of one
 * object with four closures each (≈ 370 JsVars on the ESP32 layout, where a
 * function costs ≈ 3 + 1 per parameter and never goes away). The shape of
 * STYLE.md §9 (create / add / merge / result) is kept per operation; the
 * 40-line guideline yields to Espruino memory here.
 *
 * An aggregator holds no state of its own: it owns `aggSize` Float64 slots
 * at an offset `o` in a window's slab, so a window's whole state is one
 * preallocated typed array, and two windows merge slot by slot. Parameters
 * (dutyCycle's `threshold`, histogram `bounds`) are read from the field
 * declaration, which the layout keeps anyway.
 *
 * Slots per aggregate:
 *   count, eventCount   [n]              sum      [sum]
 *   mean                [sum, n]         min/max  [min] / [max]
 *   last                [value, timeMs]  (equal times: add keeps the newer call, merge the destination)
 *   variance            [n, mean, m2]    Welford's update, Chan et al.'s pairwise merge;
 *                       m2 is what Espruino's E.variance(arr, mean) returns (not divided by n)
 *   energy              [W·ms]           result in Wh; dt capped by the caller at 2 × period
 *   dutyCycle           [msAbove, msObserved]  result in permille (rounded), strictly above threshold (@default 0)
 *   histogram           bounds.length + 1 counts; bucket i: bounds[i-1] < v ≤ bounds[i]; last: overflow
 *
 * Contract, for every aggregate: init+add(A), init+add(B), merge(A, B) give
 * the result of init+add(A ∪ B) (up to float rounding in variance); `add`
 * gets only finite values and MUST NOT throw or allocate; the result of an
 * empty window is 0 for counts, sums and energy, zeros for a histogram, NaN
 * where there is no value (mean, min, max, variance, last, dutyCycle).
 */
export const enum Agg {
  Count = 0,
  EventCount,
  Sum,
  Mean,
  Min,
  Max,
  Last,
  Variance,
  Energy,
  DutyCycle,
  Histogram,
}

/** Watt-milliseconds in a watt-hour. */
const WMS_PER_WH = 3600000;

/** The code of `aggregate`, or -1 for one this SDK does not know (a policy loaded from Storage and cast). */
export function aggCode(aggregate: string): number {
  switch (aggregate) {
    case 'count': return Agg.Count;
    case 'eventCount': return Agg.EventCount;
    case 'sum': return Agg.Sum;
    case 'mean': return Agg.Mean;
    case 'min': return Agg.Min;
    case 'max': return Agg.Max;
    case 'last': return Agg.Last;
    case 'variance': return Agg.Variance;
    case 'energy': return Agg.Energy;
    case 'dutyCycle': return Agg.DutyCycle;
    case 'histogram': return Agg.Histogram;
    default: return -1;
  }
}

/** Float64 slots aggregate `c` of field `f` owns. */
export function aggSize(c: number, f: FieldDecl): number {
  if (c === Agg.Histogram) return (f.bounds ? f.bounds.length : 0) + 1;
  return c === Agg.Variance ? 3 : c === Agg.Mean || c === Agg.Last || c === Agg.DutyCycle ? 2 : 1;
}

/**
 * True when `add` weighs the value by `dtMs` (dutyCycle, energy). For event
 * channels the buffer feeds these the held state over the time since the
 * previous edge; every other aggregate gets each edge's value.
 */
export function aggTimed(c: number): boolean {
  return c === Agg.Energy || c === Agg.DutyCycle;
}

/** Reset the slots at `o` to the empty window. */
export function aggInit(c: number, f: FieldDecl, s: Float64Array, o: number): void {
  const n = aggSize(c, f);
  for (let i = 0; i < n; i++) s[o + i] = 0;
  if (c === Agg.Min) s[o] = Infinity;
  else if (c === Agg.Max) s[o] = -Infinity;
  else if (c === Agg.Last) { s[o] = NaN; s[o + 1] = -Infinity; }
}

/**
 * Fold one sample in. `now` is the sample time (ms, UTC). `dt` is the time
 * the value stands for: for a polled channel min(gap since the previous
 * sample, 2 × periodMs) (periodMs for the first), so a gap is never filled
 * with a stale value; 0 for an edge's own value.
 */
export function aggAdd(c: number, f: FieldDecl, s: Float64Array, o: number, v: number, now: number, dt: number): void {
  switch (c) {
    case Agg.Count: s[o]++; break;
    case Agg.EventCount: if (v !== 0) s[o]++; break;
    case Agg.Sum: s[o] += v; break;
    case Agg.Mean: s[o] += v; s[o + 1]++; break;
    case Agg.Min: if (v < s[o]) s[o] = v; break;
    case Agg.Max: if (v > s[o]) s[o] = v; break;
    case Agg.Last: if (now >= s[o + 1]) { s[o] = v; s[o + 1] = now; } break;
    case Agg.Variance: {
      const n = ++s[o];
      const delta = v - s[o + 1];
      s[o + 1] += delta / n;
      s[o + 2] += delta * (v - s[o + 1]);
      break;
    }
    case Agg.Energy: s[o] += v * dt; break;
    case Agg.DutyCycle:
      if (v > (f.threshold === undefined ? 0 : f.threshold)) s[o] += dt;
      s[o + 1] += dt;
      break;
    case Agg.Histogram: {
      const b = f.bounds || [];
      let i = 0;
      while (i < b.length && v > b[i]) i++;
      s[o + i]++;
      break;
    }
  }
}

/** Fold the window at `src[so]` into the window at `d[o]`; `src` is unchanged. */
export function aggMerge(c: number, f: FieldDecl, d: Float64Array, o: number, src: Float64Array, so: number): void {
  if (c === Agg.Min) { if (src[so] < d[o]) d[o] = src[so]; return; }
  if (c === Agg.Max) { if (src[so] > d[o]) d[o] = src[so]; return; }
  if (c === Agg.Last) {
    if (src[so + 1] > d[o + 1]) { d[o] = src[so]; d[o + 1] = src[so + 1]; }
    return;
  }
  if (c === Agg.Variance) {
    const na = d[o];
    const nb = src[so];
    if (!nb) return;
    const n = na + nb;
    const delta = src[so + 1] - d[o + 1];
    d[o] = n;
    d[o + 1] += (delta * nb) / n;
    d[o + 2] += src[so + 2] + (delta * delta * na * nb) / n;
    return;
  }
  // Every other aggregate is a sum of its slots.
  const n = aggSize(c, f);
  for (let i = 0; i < n; i++) d[o + i] += src[so + i];
}

/** The field value for a report (histograms: counts per bucket, a new array). */
export function aggResult(c: number, f: FieldDecl, s: Float64Array, o: number): number | number[] {
  switch (c) {
    case Agg.Mean: return s[o + 1] ? s[o] / s[o + 1] : NaN;
    case Agg.Min: case Agg.Max: return s[o] === Infinity || s[o] === -Infinity ? NaN : s[o];
    case Agg.Variance: return s[o] ? s[o + 2] / s[o] : NaN;
    case Agg.Energy: return s[o] / WMS_PER_WH;
    case Agg.DutyCycle: return s[o + 1] > 0 ? Math.round((1000 * s[o]) / s[o + 1]) : NaN;
    case Agg.Histogram: {
      const out: number[] = [];
      const n = aggSize(c, f);
      for (let i = 0; i < n; i++) out.push(s[o + i]);
      return out;
    }
    default: return s[o];
  }
}
