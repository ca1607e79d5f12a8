import type { Tier } from './policy';

/**
 * An aggregate report as it leaves the privacy buffer and passes the egress
 * gate. Field values are aggregates over the whole window, never samples.
 */
export interface Report {
  /** Random report id (hex), set when the report is queued. */
  id: string;
  recipient: string;
  purpose: string;
  tier: Tier;
  /** Window start, ms since the epoch, UTC; a multiple of the tier (calendar month for `1mo`). */
  windowStart: number;
  windowMs: number;
  /** `channel.aggregate` → value (histograms: counts per bucket). */
  fields: { [field: string]: number | number[] };
  /** Fraction of the window covered by samples, in permille (gaps and power cuts lower it). */
  coveragePermille: number;
  /** Rotating pseudonym (hex), only for purposes that declare one. */
  pseudonym?: string;
}

/** Where a check runs: when the report is queued, and again right before it is sent. */
export const enum GateStage {
  Queue = 1,
  Send = 2,
}

/**
 * The one door to the network. Every report is checked when it is queued
 * and again at send time; anything not matching a live consent and the
 * policy is refused.
 * MUST be fail-closed: an unknown recipient, purpose, field, tier, endpoint,
 * an unaligned window or a missing/stale consent returns a non-zero code.
 * MUST NOT throw.
 */
export interface EgressGate {
  /** Err.None to allow, otherwise the reason code. */
  check(report: Report, endpoint: string, stage: GateStage): number;
}
