import type { Report } from '../model/index';
import type { FileStore } from '../platform/index';

/** One committed report, as read back from flash. */
export interface OutboxEntry {
  /** The report, decoded from its record (never the raw line). */
  report: Report;
  /** Not sent before this time, ms since the epoch. */
  releaseAt: number;
  /** A transmission was attempted (persisted before it started): never merged again. */
  attempted: boolean;
  /** Where the record is (segment and offset), for the marks. Opaque to callers. */
  loc: number;
}

export interface OutboxCounters {
  /** Reports committed to flash. */
  committed: number;
  /** Records removed after the recipient's acknowledgement. */
  acked: number;
  /** Records removed because the recipient refused them for good, or the gate blocked them at send time. */
  refused: number;
  /** Reports merged away into coarser ones (each counted once). */
  coarsened: number;
  /** Reports dropped as the last resort (over budget, nothing left to coarsen). */
  dropped: number;
  /** Reports purged with a withdrawn consent or an erase. */
  purged: number;
  /** Records skipped because their CRC failed or they were torn. */
  corrupt: number;
  /** Writes Storage refused (a report not committed, a mark not made). */
  writeFailed: number;
  /** Segment files now in Storage, and the bytes they occupy. */
  segments: number;
  bytes: number;
  /** Live (not yet acknowledged) reports. */
  live: number;
}

export interface OutboxOptions {
  /** MUST have `writeAt` (one-byte status marks and appends without rewrites). */
  store: FileStore;
  /** Most bytes of Storage the outbox may occupy, all segments together. @default 16384 */
  budgetBytes?: number;
  /** Size of one segment file, bytes. @default 2048 */
  segmentBytes?: number;
  /** A fresh random report id (32 hex) for each merged report: from the persisted generator, never Math.random. */
  newId(): string;
  /** Told of each merge: the new report's id and the merged ids, comma-separated (the firmware prints the lineage for the host's accounting). */
  onCoarsen?: (intoId: string, ids: string) => void;
  /** Told of each report dropped as the last resort (the transparency log records it). */
  onDrop?: (report: Report) => void;
}

/**
 * The durable outbox: gate → `put` (durable) → only then eligible to send.
 * Nothing here throws; failures are result codes and counters.
 */
export interface Outbox {
  /**
   * Commit a report that passed the gate. Returns Err.None once its record
   * is on flash with a valid CRC, Err.OutboxWriteFailed when Storage refused
   * it. Near the budget it first coarsens never-sent reports, and drops the
   * oldest (counted, `onDrop`) only as the last resort.
   */
  put(report: Report, releaseAt: number): number;
  /** The oldest live entry of `recipient` due at `nowMs`, or undefined. */
  next(recipient: string, nowMs: number): OutboxEntry | undefined;
  /** Persist that a transmission of `e` is starting; false if Storage refused (then do not send). */
  markAttempted(e: OutboxEntry): boolean;
  /**
   * Remove the live record with this id (acknowledged, or refused for good
   * when `refused`). Returns false when no live record has it (a duplicate
   * acknowledgement).
   */
  remove(id: string, refused?: boolean): boolean;
  /**
   * Remove every report of a recipient's purpose (withdrawn consent) so that
   * no copy stays readable in its segments; returns how many. The caller
   * compacts Storage afterwards to clear trash.
   */
  purge(recipient: string, purpose: string): number;
  /** Remove every segment (owner erase). */
  clear(): void;
  counters(): OutboxCounters;
}
