/**
 * Civil date of a day count since 1970-01-01 (proleptic Gregorian, UTC), by
 * integer arithmetic only: Espruino has no Date.UTC and no getUTC* (H.
 * Hinnant, "chrono-compatible low-level date algorithms", civil_from_days).
 * @returns [year, month 1..12, day 1..31]
 * One copy for the whole SDK (window alignment, the transparency log, the
 * outbox's coarsening, month windows): a module-level function costs a few
 * JsVars for good, four nested copies cost more in flash and in care.
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
