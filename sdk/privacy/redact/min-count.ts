/**
 * Stage c: rare-event suppression (PRIVACY.md requirements 11 and 12).
 */
import { Redacted } from './types';
import type { Processor } from './types';
import { isHistogram, isInteger, isNumber, keepFields, withholdAll } from './report';
import type { Fields } from './report';

/** PRIVACY.md's default kMin. */
export const DEFAULT_K_MIN = 5;

/** Aggregates whose value is itself a count of samples or events. */
const COUNTS = ['count', 'eventCount'];

/** Aggregate part of a `channel.aggregate` key. */
function aggregateOf(field: string): string {
  return field.slice(field.lastIndexOf('.') + 1);
}

/**
 * Merge every non-empty bucket below `k` into the last slot (`other`). If
 * `other` is still non-empty and below `k`, also fold in the smallest
 * remaining bucket (secondary suppression: otherwise `other` itself would be
 * a rare count). Returns null when the whole histogram holds fewer than `k`.
 * Zero buckets stay 0; a reader cannot tell a merged bucket from an empty
 * one, and the total is preserved.
 */
function suppressBuckets(b: number[], k: number, tally: Uint32Array): number[] | null {
  const h = b.slice();
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
  if (j < 0) return null;
  h[last] += h[j];
  h[j] = 0;
  tally[Redacted.Merged]++;
  return h;
}

/** The field's value after suppression, or null when withheld; counts exactly one reason then. */
function checkField(f: string, v: number | number[], n: number, k: number, tally: Uint32Array): number | number[] | null {
  if (Array.isArray(v) ? !isHistogram(v) : !isNumber(v)) {
    tally[Redacted.BadValue]++;
    return null;
  }
  let keep: number | number[] | null = null;
  if (isNumber(n) && n >= k) {
    if (Array.isArray(v)) keep = suppressBuckets(v, k, tally);
    else if (v >= k || COUNTS.indexOf(aggregateOf(f)) < 0) keep = v;
  }
  if (keep === null) tally[Redacted.BelowKMin]++;
  return keep;
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
  return (r, ctx) => {
    const out: Fields = {};
    let kept = 0;
    const names = Object.keys(r.fields);
    for (let i = 0; i < names.length; i++) {
      const f = names[i];
      const keep = checkField(f, r.fields[f], ctx.counts[f], k, ctx.tally);
      if (keep === null) continue;
      out[f] = keep;
      kept++;
    }
    return keepFields(r, out, kept, ctx.tally);
  };
}

/** True for a usable kMin: an integer ≥ 1. */
export function isValidKMin(k: unknown): k is number {
  return isInteger(k) && k >= 1;
}
