/**
 * Stage e: time coarsening (PRIVACY.md requirement 10), and the UTC tier
 * arithmetic behind it. Espruino has no Date.UTC and no setUTC* (ESPRUINO.md
 * §1), so calendar months come from integer days-from-civil math
 * (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms"), proleptic
 * Gregorian, with Math.floor for every division.
 */
import type { Tier } from '../../model/index';
import { Redacted } from './types';
import type { Processor } from './types';
import { isNumber, withFields, withholdAll } from './report';

const DAY_MS = 86400000;

/** Fixed tier lengths in ms; `1mo` is computed from the calendar. */
const FIXED: { [tier: string]: number } = { '30min': 1800000, '1h': 3600000, '1d': DAY_MS };

/** Latest window start accepted: the end of JavaScript's Date range. */
const MAX_TIME_MS = 8.64e15;

/** A UTC window aligned to its tier. */
export interface AlignedWindow {
  /** Window start, ms since the epoch, UTC: a multiple of `ms` (`1mo`: the 1st of a month, 00:00). */
  start: number;
  /** Window length in ms (`1mo`: 28 to 31 days). */
  ms: number;
}

/** True for one of the four tiers. */
export function isTier(tier: unknown): tier is Tier {
  return tier === '30min' || tier === '1h' || tier === '1d' || tier === '1mo';
}

/** Days since 1970-01-01 of a proleptic Gregorian date; `m` is 1..12. */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Months since year 0 (year * 12 + month - 1) of a day number; one number, no array allocation. */
function monthIndexOfDays(days: number): number {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return y * 12 + m - 1;
}

/**
 * The `tier` window holding `timeMs` (UTC), or null when `timeMs` is not a
 * finite time from 1970 to the end of the Date range or `tier` is unknown.
 * Fractional times are floored first (Espruino's Date.now() is fractional).
 */
export function alignToTier(tier: Tier, timeMs: number): AlignedWindow | null {
  if (!isNumber(timeMs) || timeMs < 0 || timeMs > MAX_TIME_MS || !isTier(tier)) return null;
  const t = Math.floor(timeMs);
  const fixed = FIXED[tier];
  if (fixed) return { start: t - (t % fixed), ms: fixed };
  const mi = monthIndexOfDays(Math.floor(t / DAY_MS));
  const y = Math.floor(mi / 12);
  const m = mi - y * 12 + 1;
  const first = daysFromCivil(y, m, 1);
  const next = m === 12 ? daysFromCivil(y + 1, 1, 1) : daysFromCivil(y, m + 1, 1);
  return { start: first * DAY_MS, ms: (next - first) * DAY_MS };
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
  return (r, ctx) => {
    const w = alignToTier(tier, r.windowStart);
    if (!w) {
      ctx.tally[Redacted.BadTime]++;
      return null;
    }
    const out = withFields(r, r.fields);
    out.tier = tier;
    out.windowStart = w.start;
    out.windowMs = w.ms;
    return out;
  };
}
