import { TIER_MS } from '../model/index';

const DAY_MS = 86400000;

/**
 * Civil date of a day count since 1970-01-01 (proleptic Gregorian, UTC), by
 * integer arithmetic only: Espruino has no Date.UTC and no getUTC* (H.
 * Hinnant, "chrono-compatible low-level date algorithms", civil_from_days).
 * @returns [year, month 1..12, day 1..31]
 * The device code keeps nested copies (isAlignedWindow below, formatLogEntry
 * in log-entry.ts), so no module-level function stays in RAM for it: keep
 * the three in step.
 */
export function civilFromDays(days: number): number[] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** Days in `month` (1..12) of `year`, Gregorian. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * True when [windowStart, windowStart + windowMs) is exactly one window of
 * `tier`, aligned to UTC: a multiple of 30 min, 1 h or 1 d; for `1mo`, from
 * midnight on the 1st of a month to the 1st of the next (28 to 31 days).
 * With `coarsened`, also true for one aligned window of a coarser step of the
 * outbox's coarsening ladder (sdk/uplink/coarsen.ts): a UTC day for `30min`
 * and `1h`, a calendar month for those and `1d`. Never finer than the tier.
 * @param coarsened accept the ladder's coarser windows @default false
 */
export function isAlignedWindow(tier: string, windowStart: unknown, windowMs: unknown, coarsened?: boolean): boolean {
  // Nested, not module-level: a module-level function stays in RAM for good (ESPRUINO.md §3).
  function isWholeMs(n: unknown): boolean {
    return typeof n === 'number' && isFinite(n) && n >= 0 && Math.floor(n) === n;
  }
  /** window.ts civilFromDays, copied (keep in step): [year, month 1..12, day 1..31] of a day count since 1970-01-01. */
  function civilFromDays(days: number): number[] {
    const z = days + 719468;
    const era = Math.floor(z / 146097);
    const doe = z - era * 146097;
    const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
    const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    const mp = Math.floor((5 * doy + 2) / 153);
    const m = mp < 10 ? mp + 3 : mp - 9;
    return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, doy - Math.floor((153 * mp + 2) / 5) + 1];
  }
  /** One aligned window of tier `t` exactly. */
  function exact(t: string, start: number, ms: number): boolean {
    if (t !== '1mo') return ms === TIER_MS[t] && start % TIER_MS[t] === 0;
    // From the 1st of a month to the 1st of the next (daysInMonth is left to the host: one function less in RAM).
    if (start % DAY_MS !== 0 || ms % DAY_MS !== 0) return false;
    const a = civilFromDays(start / DAY_MS);
    const b = civilFromDays((start + ms) / DAY_MS);
    return a[2] === 1 && b[2] === 1 && b[0] * 12 + b[1] === a[0] * 12 + a[1] + 1;
  }
  if (!isWholeMs(windowStart) || !isWholeMs(windowMs) || !TIER_MS.hasOwnProperty(tier)) return false;
  const start = windowStart as number;
  const ms = windowMs as number;
  if (exact(tier, start, ms)) return true;
  // The coarsening ladder: 30min/1h → 1d → 1mo (a report keeps its granted tier; its window only grows).
  return !!coarsened && (((tier === '30min' || tier === '1h') && exact('1d', start, ms)) || (tier !== '1mo' && exact('1mo', start, ms)));
}
