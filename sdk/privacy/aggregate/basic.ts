import type { Aggregator } from './aggregator';

/** Samples in the window. Slots: [n]. */
export const COUNT: Aggregator = {
  size: 1,
  timed: false,
  init: (s, o) => { s[o] = 0; },
  add: (s, o) => { s[o]++; },
  merge: (d, o, s, so) => { d[o] += s[so]; },
  result: (s, o) => s[o],
};

/** Samples with a non-zero value (door openings, faults). Slots: [n]. */
export const EVENT_COUNT: Aggregator = {
  size: 1,
  timed: false,
  init: (s, o) => { s[o] = 0; },
  add: (s, o, v) => { if (v !== 0) s[o]++; },
  merge: (d, o, s, so) => { d[o] += s[so]; },
  result: (s, o) => s[o],
};

/** Sum of the values. Slots: [sum]. */
export const SUM: Aggregator = {
  size: 1,
  timed: false,
  init: (s, o) => { s[o] = 0; },
  add: (s, o, v) => { s[o] += v; },
  merge: (d, o, s, so) => { d[o] += s[so]; },
  result: (s, o) => s[o],
};

/** Arithmetic mean of the samples (not time-weighted). Slots: [sum, n]. */
export const MEAN: Aggregator = {
  size: 2,
  timed: false,
  init: (s, o) => { s[o] = 0; s[o + 1] = 0; },
  add: (s, o, v) => { s[o] += v; s[o + 1]++; },
  merge: (d, o, s, so) => { d[o] += s[so]; d[o + 1] += s[so + 1]; },
  result: (s, o) => (s[o + 1] ? s[o] / s[o + 1] : NaN),
};

/** Smallest sample (an order statistic: a raw value, diagnostic channels only). Slots: [min]. */
export const MIN: Aggregator = {
  size: 1,
  timed: false,
  init: (s, o) => { s[o] = Infinity; },
  add: (s, o, v) => { if (v < s[o]) s[o] = v; },
  merge: (d, o, s, so) => { if (s[so] < d[o]) d[o] = s[so]; },
  result: (s, o) => (s[o] === Infinity ? NaN : s[o]),
};

/** Largest sample (an order statistic). Slots: [max]. */
export const MAX: Aggregator = {
  size: 1,
  timed: false,
  init: (s, o) => { s[o] = -Infinity; },
  add: (s, o, v) => { if (v > s[o]) s[o] = v; },
  merge: (d, o, s, so) => { if (s[so] > d[o]) d[o] = s[so]; },
  result: (s, o) => (s[o] === -Infinity ? NaN : s[o]),
};

/**
 * Latest sample by time (an order statistic). Slots: [value, timeMs]. On
 * equal times `add` keeps the newer call and `merge` keeps the destination.
 */
export const LAST: Aggregator = {
  size: 2,
  timed: false,
  init: (s, o) => { s[o] = NaN; s[o + 1] = -Infinity; },
  add: (s, o, v, now) => { if (now >= s[o + 1]) { s[o] = v; s[o + 1] = now; } },
  merge: (d, o, s, so) => { if (s[so + 1] > d[o + 1]) { d[o] = s[so]; d[o + 1] = s[so + 1]; } },
  result: (s, o) => s[o],
};

/**
 * Population variance (divide by n) of the samples, by Welford's online
 * update; windows merge by Chan et al.'s pairwise formula, so no sum of
 * squares is kept and large offsets (e.g. 230 V mains) lose no precision.
 * Slots: [n, mean, m2] where m2 is the sum of squared deviations: what
 * Espruino's `E.variance(arr, mean)` returns for a batch (it does NOT divide
 * by n). A batch path could seed [n, E.sum(a)/n, E.variance(a, mean)] and
 * merge it in; per-sample adds are pure JS.
 */
export const VARIANCE: Aggregator = {
  size: 3,
  timed: false,
  init: (s, o) => { s[o] = 0; s[o + 1] = 0; s[o + 2] = 0; },
  add: (s, o, v) => {
    const n = ++s[o];
    const delta = v - s[o + 1];
    s[o + 1] += delta / n;
    s[o + 2] += delta * (v - s[o + 1]);
  },
  merge: (d, o, s, so) => {
    const na = d[o];
    const nb = s[so];
    if (!nb) return;
    const n = na + nb;
    const delta = s[so + 1] - d[o + 1];
    d[o] = n;
    d[o + 1] += (delta * nb) / n;
    d[o + 2] += s[so + 2] + (delta * delta * na * nb) / n;
  },
  result: (s, o) => (s[o] ? s[o + 2] / s[o] : NaN),
};
