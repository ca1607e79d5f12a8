/**
 * Private helpers shared by the stages (not exported by the door): report
 * copies, value checks and the fail-closed stage.
 */
import type { Report } from '../../model/index';
import { Redacted } from './types';
import type { Processor } from './types';

/** Field map of a report. */
export type Fields = { [field: string]: number | number[] };

/**
 * A copy of `r` with new fields. Only the keys `Report` declares are copied,
 * so anything else an upstream bug attached never survives a stage.
 */
export function withFields(r: Report, fields: Fields): Report {
  const out: Report = {
    id: r.id, recipient: r.recipient, purpose: r.purpose, tier: r.tier,
    windowStart: r.windowStart, windowMs: r.windowMs, fields, coveragePermille: r.coveragePermille,
  };
  // Set only when present: a key holding undefined would still be a key.
  if (r.pseudonym !== undefined) out.pseudonym = r.pseudonym;
  return out;
}

/** True for a finite number. `typeof` first: isFinite('5') is true. */
export function isNumber(v: unknown): v is number {
  return typeof v === 'number' && isFinite(v);
}

/** True for a non-empty array of finite, non-negative counts. */
export function isHistogram(v: unknown): v is number[] {
  if (!Array.isArray(v) || v.length === 0) return false;
  for (let i = 0; i < v.length; i++) if (!isNumber(v[i]) || v[i] < 0) return false;
  return true;
}

/** A stage built from invalid options: withholds every report (fail-closed) and counts it. */
export const withholdAll: Processor = (r, ctx) => {
  ctx.tally[Redacted.BadConfig]++;
  return null;
};

/** True for an integer (Espruino has no Number.isInteger). */
export function isInteger(v: unknown): v is number {
  return isNumber(v) && Math.floor(v) === v;
}
