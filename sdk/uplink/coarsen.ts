import type { Report } from '../model/index';
import { civilFromDays, daysInMonth } from '../util/index';

const DAY_MS = 86400000;

/*
 * Merging never-sent reports into coarser windows, for the outbox under
 * pressure (issue 4 §2). The ladder is 30min/1h → 1d (UTC day) → 1mo
 * (calendar month, UTC), never coarser than a month: the gate accepts exactly
 * those coarsened windows for a report that keeps its granted tier (its
 * consent covers anything coarser).
 *
 * Reports are folded one at a time into an accumulator, so merging a day of
 * half-hourly reports holds two reports in RAM, not 48.
 */

/**
 * The next window of the ladder that contains [ws, ws + wm): the UTC day for
 * a window shorter than a day, else the calendar month for one shorter than
 * 28 days. Undefined for a month (or longer) or a window that straddles the
 * boundary. Returns a fresh fold state for {@link foldReport}:
 * `[start ms, length ms, newest folded window start, Σ coverage·windowMs, earliest folded window start]`.
 */
export function coarserWindow(ws: number, wm: number): number[] | undefined {
  if (typeof ws !== 'number' || typeof wm !== 'number' || !(ws >= 0) || !(wm > 0) || !isFinite(ws + wm)) return undefined;
  let start: number;
  let len: number;
  if (wm < DAY_MS) {
    start = Math.floor(ws / DAY_MS) * DAY_MS;
    len = DAY_MS;
  } else if (wm < 28 * DAY_MS) {
    // Espruino has no Date.UTC nor getUTC*: the month from civil-date arithmetic.
    const days = Math.floor(ws / DAY_MS);
    const ymd = civilFromDays(days);
    const y = ymd[0];
    const mo = ymd[1];
    const dim = daysInMonth(y, mo);
    start = (days - ymd[2] + 1) * DAY_MS;
    len = dim * DAY_MS;
  } else {
    return undefined;
  }
  return ws + wm <= start + len ? [start, len, -1, 0, -1] : undefined;
}

/**
 * Fold report `r` into `acc`, the merged report over the window of fold state
 * `t` (from {@link coarserWindow}). With `acc` undefined, starts a merged
 * report from `r` with id `id`. Returns the merged report (`acc` itself,
 * updated in place), or undefined when `r` cannot be merged; `acc` and `t` are
 * then unchanged. Mergeable means: same recipient, purpose and tier, both with
 * or both without a pseudonym, `r`'s window inside `t`'s, the same field keys,
 * and every aggregate one of:
 * - count, sum, eventCount, energy: summed;
 * - min, max: min and max;
 * - last: the value of the report with the later window;
 * - mean, dutyCycle: weighted by coverage·windowMs, rounded to 3 decimals
 *   (the policy's rounding step is not known here, so a merged mean may not be
 *   a multiple of it; sums of multiples stay multiples);
 * - histogram: summed bucket by bucket (same bucket count only);
 * variance and anything unknown are not mergeable. The merged coverage is
 * Σ(coverage·windowMs) / merged windowMs; the earliest report's pseudonym is kept.
 */
export function foldReport(acc: Report | undefined, r: Report, t: number[], id: string): Report | undefined {
  /** 0 sum, 1 min, 2 max, 3 last, 4 weighted mean, 5 histogram, -1 not mergeable. */
  function kind(key: string): number {
    let i = key.length - 1;
    while (i >= 0 && key.charAt(i) !== '.') i--;
    const a = key.substring(i + 1);
    return a === 'count' || a === 'sum' || a === 'eventCount' || a === 'energy' ? 0 : a === 'min' ? 1 : a === 'max' ? 2
      : a === 'last' ? 3 : a === 'mean' || a === 'dutyCycle' ? 4 : a === 'histogram' ? 5 : -1;
  }
  function isNum(v: unknown): boolean {
    return typeof v === 'number' && isFinite(v);
  }
  /** `v` can stand as a value of aggregate kind `k` (and matches `w`'s shape when given). */
  function fits(k: number, v: unknown, w: unknown): boolean {
    if (k < 0) return false;
    if (k !== 5) return isNum(v) && (w === undefined || isNum(w));
    if (!Array.isArray(v) || !v.length) return false;
    for (let i = 0; i < v.length; i++) if (!isNum(v[i])) return false;
    return w === undefined || (Array.isArray(w) && w.length === v.length);
  }
  /** Sums of floats drift (0.1 + 0.2); clean the noise, not the value. */
  function clean(x: number): number {
    return Math.round(x * 1e6) / 1e6;
  }

  if (!r || typeof r.windowStart !== 'number' || typeof r.windowMs !== 'number' || !r.fields || typeof r.fields !== 'object') return undefined;
  if (r.windowStart < t[0] || r.windowStart + r.windowMs > t[0] + t[1] || !(r.windowMs > 0)) return undefined;
  const cov = r.coveragePermille;
  if (!isNum(cov) || cov < 0) return undefined;
  const f = r.fields;
  const w = cov * r.windowMs;
  if (!acc) {
    const fields: { [k: string]: number | number[] } = {};
    for (const key in f) {
      if (!f.hasOwnProperty(key)) continue;
      const v = f[key];
      if (!fits(kind(key), v, undefined)) return undefined;
      fields[key] = Array.isArray(v) ? v.slice() : v;
    }
    const out: Report = {
      id: id, recipient: r.recipient, purpose: r.purpose, tier: r.tier, windowStart: t[0], windowMs: t[1],
      fields: fields, coveragePermille: Math.min(1000, Math.round(w / t[1])),
    };
    if (r.pseudonym) out.pseudonym = r.pseudonym;
    t[2] = t[4] = r.windowStart;
    t[3] = w;
    return out;
  }
  if (r.recipient !== acc.recipient || r.purpose !== acc.purpose || r.tier !== acc.tier || !r.pseudonym !== !acc.pseudonym) return undefined;
  // Check everything first, so that a report that cannot be merged leaves acc untouched.
  const g = acc.fields;
  let n = 0;
  for (const key in f) {
    if (!f.hasOwnProperty(key)) continue;
    if (!g.hasOwnProperty(key) || !fits(kind(key), f[key], g[key])) return undefined;
    n++;
  }
  for (const key in g) if (g.hasOwnProperty(key)) n--;
  if (n !== 0) return undefined; // a field withheld in one window (kMin) but not the other: the sum would be partial
  const wa = t[3];
  const later = r.windowStart >= t[2];
  for (const key in f) {
    if (!f.hasOwnProperty(key)) continue;
    const k = kind(key);
    const v = f[key];
    const a = g[key];
    if (k === 5) {
      const h = a as number[];
      for (let i = 0; i < h.length; i++) h[i] = clean(h[i] + (v as number[])[i]);
    } else if (k === 0) {
      g[key] = clean((a as number) + (v as number));
    } else if (k === 1) {
      if ((v as number) < (a as number)) g[key] = v;
    } else if (k === 2) {
      if ((v as number) > (a as number)) g[key] = v;
    } else if (k === 3) {
      if (later) g[key] = v;
    } else if (wa + w > 0) {
      g[key] = Math.round((((a as number) * wa + (v as number) * w) / (wa + w)) * 1000) / 1000;
    }
  }
  if (later) t[2] = r.windowStart;
  if (r.windowStart < t[4]) {
    t[4] = r.windowStart;
    if (r.pseudonym) acc.pseudonym = r.pseudonym;
  }
  t[3] = wa + w;
  acc.coveragePermille = Math.min(1000, Math.round(t[3] / t[1]));
  return acc;
}
