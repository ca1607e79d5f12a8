import { TIER_MS } from '../model/index';
import type { Tier } from '../model/index';

/**
 * Window arithmetic on UTC tier boundaries. Every window is half-open,
 * [start, end): a sample exactly on a boundary belongs to the window that
 * starts there. Reports carry the start, so every timestamp that leaves is a
 * multiple of its window (PRIVACY.md requirement 10).
 *
 * `1mo` is a calendar month. Espruino 2v29 has neither `Date.UTC` nor the
 * `setUTC*` setters (ESPRUINO.md §1), so months use Howard Hinnant's
 * integer days-from-civil algorithm (proleptic Gregorian, exact for any
 * year), with floor division so it also holds before 1970.
 */

const DAY_MS = 86400000;

/** Tiers by index: the index is what checkpoints store (one byte). */
export const TIERS: Tier[] = ['30min', '1h', '1d', '1mo'];

/** Index of `tier` in TIERS, or -1 for anything else (a cast string). */
export function tierIndex(tier: string): number {
  for (let i = 0; i < TIERS.length; i++) if (TIERS[i] === tier) return i;
  return -1;
}

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
 * `year * 12 + (month - 1)`, so callers step months by adding 1 without
 * allocating a [year, month] pair.
 */
export function monthOfDay(days: number): number {
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

/** Start (ms, UTC) of month `monthIndex` = year * 12 + (month - 1). */
function monthStartMs(monthIndex: number): number {
  const y = Math.floor(monthIndex / 12);
  return daysFromCivil(y, monthIndex - y * 12 + 1, 1) * DAY_MS;
}

/**
 * Start (ms since the epoch, UTC) of the `tier` window holding `tMs`; NaN for
 * an unknown tier. Fixed tiers are multiples of their length; `1mo` is 00:00
 * UTC on the 1st.
 */
export function windowStart(tier: Tier, tMs: number): number {
  const len = TIER_MS[tier];
  if (len > 0) return Math.floor(tMs / len) * len;
  if (tier !== '1mo') return NaN;
  return monthStartMs(monthOfDay(Math.floor(tMs / DAY_MS)));
}

/**
 * End (exclusive, ms UTC) of the `tier` window holding `tMs`: the next
 * window's start. `windowEnd - windowStart` is 28 to 31 days for `1mo`.
 */
export function windowEnd(tier: Tier, tMs: number): number {
  const len = TIER_MS[tier];
  if (len > 0) return Math.floor(tMs / len) * len + len;
  if (tier !== '1mo') return NaN;
  return monthStartMs(monthOfDay(Math.floor(tMs / DAY_MS)) + 1);
}
