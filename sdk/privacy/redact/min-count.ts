/**
 * Stage c: rare-event suppression (PRIVACY.md requirements 11 and 12).
 */
import { Redacted } from './types';
import type { Processor } from './types';
import { isHistogram, isInteger, isNumber, withholdAll } from './report';
import { redactFields } from './fields';

/** PRIVACY.md's default kMin. */
export const DEFAULT_K_MIN = 5;

/**
 * The field's value after suppression, or null when withheld; counts exactly
 * one reason then. A histogram: every non-empty bucket below `k` is merged
 * into the last slot (`other`); if `other` is still non-empty and below `k`,
 * the smallest remaining bucket is folded in too (secondary suppression:
 * otherwise `other` itself would be a rare count); null when the whole
 * histogram holds fewer than `k`. Zero buckets stay 0; a reader cannot tell a
 * merged bucket from an empty one, and the total is preserved. (One function,
 * not two: each function object costs JsVars on the device.)
 */
export function checkField(f: string, v: number | number[], n: number, k: number, tally: Uint32Array): number | number[] | null {
  if (Array.isArray(v) ? !isHistogram(v) : !isNumber(v)) {
    tally[Redacted.BadValue]++;
    return null;
  }
  if (isNumber(n) && n >= k) {
    if (!Array.isArray(v)) {
      // Aggregates whose value is itself a count of samples or events.
      const a = f.slice(f.lastIndexOf('.') + 1);
      if (v >= k || (a !== 'count' && a !== 'eventCount')) return v;
    } else {
      const h = v.slice();
      const last = h.length - 1;
      for (let i = 0; i < last; i++) {
        if (h[i] > 0 && h[i] < k) {
          h[last] += h[i];
          h[i] = 0;
          tally[Redacted.Merged]++;
        }
      }
      if (h[last] === 0 || h[last] >= k) return h;
      let j = -1;
      for (let i = 0; i < last; i++) if (h[i] > 0 && (j < 0 || h[i] < h[j])) j = i;
      if (j >= 0) {
        h[last] += h[j];
        h[j] = 0;
        tally[Redacted.Merged]++;
        return h;
      }
    }
  }
  tally[Redacted.BelowKMin]++;
  return null;
}

/**
 * Withhold what rests on fewer than `kMin` samples or events:
 * - any field whose window held fewer than `kMin` (per `ctx.counts`; a
 *   missing entry is 0) is withheld;
 * - a `count` or `eventCount` below `kMin` (0 included) is withheld;
 * - histogram buckets below `kMin` are merged into the last (`other`) slot;
 *   a histogram with fewer than `kMin` in total is withheld.
 * When every field is withheld the report is dropped (null, counted Empty).
 * Must run before rounding: a rounded count of 3 may read 5.
 * @param kMin integer ≥ 1. @default 5. Anything else builds a stage that
 *   withholds every report (counted BadConfig).
 */
export function createMinCount(kMin?: number): Processor {
  const k = kMin === undefined ? DEFAULT_K_MIN : kMin;
  if (!isValidKMin(k)) return withholdAll;
  return (r, ctx) => redactFields(r, ctx.counts, ctx.tally, null, null, k, null);
}

/** True for a usable kMin: an integer ≥ 1. */
export function isValidKMin(k: unknown): k is number {
  return isInteger(k) && k >= 1;
}
