import { TIER_MS } from '../model/index';
import { civilFromDays } from '../util/index';

const DAY_MS = 86400000;

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
  /** One aligned window of tier `t` exactly. */
  function exact(t: string, start: number, ms: number): boolean {
    if (t !== '1mo') return ms === TIER_MS[t] && start % TIER_MS[t] === 0;
    // From the 1st of a month to the 1st of the next.
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
