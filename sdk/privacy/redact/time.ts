/**
 * Stage e: time coarsening (PRIVACY.md requirement 10), and the UTC tier
 * arithmetic behind it and behind the buffer's windows (one copy on the
 * device). Every window is half-open, [start, end): a sample exactly on a
 * boundary belongs to the window that starts there. Reports carry the
 * start, so every timestamp that leaves is a multiple of its window.
 *
 * `1mo` is a calendar month. Espruino 2v29 has neither `Date.UTC` nor the
 * `setUTC*` setters (ESPRUINO.md §1), so months use Howard Hinnant's
 * integer days-from-civil algorithm (proleptic Gregorian, exact for any
 * year), with floor division so it also holds before 1970.
 */
import type { Report, Tier } from '../../model/index';
import { TIER_MS } from '../../model/index';
import { Redacted } from './types';
import type { Processor } from './types';
import { isNumber, withFields, withholdAll } from './report';
import type { Pseudonym } from './pseudonym';
import { civilFromDays } from '../../util/index';

/** Latest window start accepted: the end of JavaScript's Date range. */
const MAX_TIME_MS = 8.64e15;

const DAY_MS = 86400000;

/** Days from 1970-01-01 to the date `y`-`m`-`d` (month 1..12, day 1..31), UTC. */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * ((m + 9) % 12) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * The month holding day number `days` (from 1970-01-01) as one integer,
 * `year * 12 + (month - 1)`, so callers step months by adding 1.
 */
export function monthOfDay(days: number): number {
  const ymd = civilFromDays(days);
  return ymd[0] * 12 + ymd[1] - 1;
}

/**
 * Start (`next` 0) or end (`next` 1: the next window's start, exclusive) in
 * ms UTC of the `tier` window holding `tMs`; NaN for an unknown tier. Fixed
 * tiers are multiples of their length; `1mo` starts 00:00 UTC on the 1st
 * (28 to 31 days). One function for both bounds: each function object costs
 * JsVars on the device.
 */
export function tierWindow(tier: Tier, tMs: number, next: number): number {
  const len = TIER_MS[tier];
  if (len > 0) return Math.floor(tMs / len) * len + next * len;
  if (tier !== '1mo') return NaN;
  // monthOfDay and daysFromCivil (above), inline: the device then holds no
  // module-level function for either (keep them in step).
  let z = Math.floor(tMs / DAY_MS) + 719468;
  let era = Math.floor(z / 146097);
  let doe = z - era * 146097;
  let yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  let m = mp < 10 ? mp + 3 : mp - 9;
  const mi = (yoe + era * 400 + (m <= 2 ? 1 : 0)) * 12 + m - 1 + next;
  // The 1st of month mi as days from 1970-01-01 (daysFromCivil with d = 1).
  z = Math.floor(mi / 12);
  m = mi - z * 12 + 1;
  if (m <= 2) z--;
  era = Math.floor(z / 400);
  yoe = z - era * 400;
  doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + Math.floor((153 * ((m + 9) % 12) + 2) / 5);
  return (era * 146097 + doe - 719468) * DAY_MS;
}

/** Start (ms since the epoch, UTC) of the `tier` window holding `tMs`; NaN for an unknown tier. */
export function windowStart(tier: Tier, tMs: number): number {
  return tierWindow(tier, tMs, 0);
}

/** End (exclusive, ms UTC) of the `tier` window holding `tMs`: the next window's start. */
export function windowEnd(tier: Tier, tMs: number): number {
  return tierWindow(tier, tMs, 1);
}

/** A UTC window aligned to its tier. */
export interface AlignedWindow {
  /** Window start, ms since the epoch, UTC: a multiple of `ms` (`1mo`: the 1st of a month, 00:00). */
  start: number;
  /** Window length in ms (`1mo`: 28 to 31 days). */
  ms: number;
}

/** Index of `tier` in TIERS (window.ts: what checkpoints store), or -1 for anything else (a cast string). */
export function tierIndex(tier: unknown): number {
  // A switch, not TIERS.indexOf: code stays in flash, while reaching TIERS
  // would keep its array alive on the device (≈ 9 JsVars).
  switch (tier) {
    case '30min': return 0;
    case '1h': return 1;
    case '1d': return 2;
    case '1mo': return 3;
    default: return -1;
  }
}

/** True for one of the four tiers. */
export function isTier(tier: unknown): tier is Tier {
  return tierIndex(tier) >= 0;
}

/**
 * The `tier` window holding `timeMs` (UTC), or null when `timeMs` is not a
 * finite time from 1970 to the end of the Date range or `tier` is unknown.
 * Fractional times are floored first (Espruino's Date.now() is fractional).
 */
export function alignToTier(tier: Tier, timeMs: number): AlignedWindow | null {
  if (!isNumber(timeMs) || timeMs < 0 || timeMs > MAX_TIME_MS || tierIndex(tier) < 0) return null;
  // The buffer's own window arithmetic (one copy of the calendar code on the device).
  const t = Math.floor(timeMs);
  const start = tierWindow(tier, t, 0);
  return { start, ms: tierWindow(tier, t, 1) - start };
}

/**
 * Set every report's window to the `tier` window holding its start: the
 * start floored to the tier boundary (UTC; `1mo` the calendar month),
 * `windowMs` the tier length, `tier` the given tier. Guarantees requirement
 * 10 even if an upstream bug produced an unaligned time. A report whose
 * start is not a finite time at or after 1970 is dropped (BadTime).
 * @param tier an unknown tier builds a stage that withholds every report
 *   (counted BadConfig).
 */
export function createTimeCoarsening(tier: Tier): Processor {
  if (!isTier(tier)) return withholdAll;
  return (r, ctx) => finishReport(r, ctx.tally, tier, false, null);
}

/**
 * Stages e and f on one copy of the report: with `tier`, align the window
 * (stage e, above); with `pseudo`, attach `pseudonym` or strip a stray one
 * (stage f, see createPseudonymStage in pseudonym.ts). One function for both
 * stages: each function object costs JsVars on the device.
 */
export function finishReport(r: Report, tally: Uint32Array, tier: Tier | null, pseudo: boolean, pseudonym: Pseudonym | null): Report | null {
  const out = withFields(r, r.fields);
  if (tier) {
    // alignToTier, inline (one module-level function fewer on the device; keep in step).
    const t = r.windowStart;
    if (!isNumber(t) || t < 0 || t > MAX_TIME_MS || tierIndex(tier) < 0) {
      tally[Redacted.BadTime]++;
      return null;
    }
    out.tier = tier;
    out.windowStart = tierWindow(tier, Math.floor(t), 0);
    out.windowMs = tierWindow(tier, Math.floor(t), 1) - out.windowStart;
  }
  if (!pseudo) return out;
  if (!pseudonym) {
    if (out.pseudonym !== undefined) {
      delete out.pseudonym;
      tally[Redacted.StrayPseudonym]++;
    }
    return out;
  }
  const p = pseudonym(out.windowStart);
  if (!p) {
    tally[Redacted.BadTime]++;
    return null;
  }
  out.pseudonym = p;
  return out;
}
