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

/** Tiers by index: the index is what checkpoints store (one byte). */
export const TIERS: Tier[] = ['30min', '1h', '1d', '1mo'];

// The calendar arithmetic lives with time coarsening (redact/time.ts), so the
// device holds one copy of it; re-exported here for the buffer. So does
// tierIndex, which redaction uses to recognise a tier.
export { daysFromCivil, monthOfDay, tierIndex, tierWindow, windowEnd, windowStart } from './redact/index';
