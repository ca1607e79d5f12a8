import type { Report } from '../../model/index';

/**
 * Samples (numeric and state channels) or events (event channels) that went
 * into each field of one report's window, keyed exactly like
 * `Report.fields` (`channel.aggregate`). The buffer fills it from its
 * aggregators. A missing entry counts as 0, so that field is withheld.
 */
export interface FieldCounts {
  [field: string]: number;
}

/**
 * Why a stage removed something. Values index {@link RedactionContext.tally}.
 * Field reasons count fields (or buckets); report reasons count whole reports.
 */
export const enum Redacted {
  /** A field, or a top-level report key, the purpose does not declare: removed. */
  Undeclared = 0,
  /** A field not on the allow-list: removed. */
  NotAllowed = 1,
  /** A field withheld: its window held fewer than kMin samples/events, or a count below kMin. */
  BelowKMin = 2,
  /** A histogram bucket below kMin (or the smallest one, to lift `other` to kMin) merged into the last slot. */
  Merged = 3,
  /** A field whose value is not a finite number, or a histogram of finite counts, of the declared shape. */
  BadValue = 4,
  /** A pseudonym on a report of a purpose that declares none: removed. */
  StrayPseudonym = 5,
  /** Report dropped: every field was withheld. */
  Empty = 6,
  /** Report dropped: not a report of this chain's purpose, recipient and tier, or malformed. */
  Mismatch = 7,
  /** Report dropped: its window start is not a finite time at or after 1970. */
  BadTime = 8,
  /** Report dropped: the stage or chain was built with invalid options (fail-closed). */
  BadConfig = 9,
  /** Report dropped: a stage threw; caught so the chain never throws. */
  Internal = 10,
  /** Reports the chain let through. */
  Passed = 11,
}

/** Number of {@link Redacted} slots; the size of a tally. */
export const REDACTED_SLOTS = 12;

/** What a stage sees besides the report. */
export interface RedactionContext {
  /** Per-field sample/event counts of the report's window, from the buffer. */
  counts: FieldCounts;
  /** Where stages count what they remove, indexed by {@link Redacted}; see {@link createRedactionTally}. */
  tally: Uint32Array;
}

/**
 * One redaction stage. MUST NOT throw and MUST NOT mutate `report`: it
 * returns a new report, or null when the whole report is withheld, and
 * counts every removal in `ctx.tally`.
 */
export type Processor = (report: Report, ctx: RedactionContext) => Report | null;

/** Running totals by reason, with readable names (see {@link Redacted}). */
export interface RedactionCounters {
  undeclared: number;
  notAllowed: number;
  belowKMin: number;
  merged: number;
  badValue: number;
  strayPseudonym: number;
  empty: number;
  mismatch: number;
  badTime: number;
  badConfig: number;
  internal: number;
  passed: number;
}

/** A zeroed tally with one slot per {@link Redacted} reason. */
export function createRedactionTally(): Uint32Array {
  return new Uint32Array(REDACTED_SLOTS);
}

/** Readable snapshot of a tally. */
export function readCounters(t: Uint32Array): RedactionCounters {
  return tallyCounters.call({ t });
}

/**
 * `counters` of every redaction chain: ONE shared method reading the tally
 * `this.t`, not a closure per chain; readCounters (host side and tests)
 * wraps it, so the device holds one function for both (JsVars).
 */
export function tallyCounters(this: { t: Uint32Array }): RedactionCounters {
  const t = this.t;
  return {
    undeclared: t[Redacted.Undeclared], notAllowed: t[Redacted.NotAllowed], belowKMin: t[Redacted.BelowKMin],
    merged: t[Redacted.Merged], badValue: t[Redacted.BadValue], strayPseudonym: t[Redacted.StrayPseudonym],
    empty: t[Redacted.Empty], mismatch: t[Redacted.Mismatch], badTime: t[Redacted.BadTime],
    badConfig: t[Redacted.BadConfig], internal: t[Redacted.Internal], passed: t[Redacted.Passed],
  };
}
