/** Slots of the buffer's counter array. */
export const enum Count {
  Unsynced = 0,
  Overflow,
  Refused,
  NotFinite,
  BadChannel,
  BadTime,
  Idle,
  Late,
  Reports,
  ReportErrors,
  Checkpoints,
  CheckpointFailures,
  Restored,
  CorruptCheckpoints,
  StaleCheckpoints,
  Size,
}

/** Everything the privacy buffer dropped, refused, wrote and restored since it was created. */
export interface PrivacyBufferCounters {
  /** Per channel (sampler order): samples that entered at least one open window. */
  accepted: number[];
  /** Samples offered before the clock was synced, dropped. */
  unsynced: number;
  /** Activations refused because `maxWindows` windows were open. */
  overflow: number;
  /** Activations refused: unknown purpose, a tier the purpose does not offer, an unknown aggregate. */
  refused: number;
  /** Samples that were NaN, ±Infinity or not numbers. */
  notFinite: number;
  /** Samples with a channel index outside the channel list. */
  badChannel: number;
  /** Calls with a non-finite time. */
  badTime: number;
  /** Samples no active window reads (no state kept). */
  idle: number;
  /** Samples older than their window's start (the clock went back), dropped. */
  late: number;
  /** Reports emitted. */
  reports: number;
  /** Reports whose `onReport` threw (the window moved on regardless). */
  reportErrors: number;
  /** Checkpoints written. */
  checkpoints: number;
  /** Checkpoint writes the store refused. */
  checkpointFailures: number;
  /** Windows resumed from a checkpoint. */
  restored: number;
  /** Checkpoints that failed their CRC, were truncated or of an unknown version: ignored. */
  corruptCheckpoints: number;
  /** Intact checkpoints of another window, tier or layout: ignored. */
  staleCheckpoints: number;
}

/**
 * Counter storage: ONE Uint32Array, the Count slots then one accepted-samples
 * slot per channel (at Count.Size + channel): one typed array costs a few
 * JsVars, each extra one (or a wrapping object) as many again.
 */
export type BufferCounterState = Uint32Array;

/**
 * A plain snapshot of the counters `this.n` (allocates; not for hot paths):
 * the buffer's `counters` method itself, shared by every buffer (JsVars).
 */
export function bufferCounters(this: { n: BufferCounterState }): PrivacyBufferCounters {
  const c = this.n;
  const accepted: number[] = [];
  for (let i = Count.Size; i < c.length; i++) accepted.push(c[i]);
  return {
    accepted,
    unsynced: c[Count.Unsynced],
    overflow: c[Count.Overflow],
    refused: c[Count.Refused],
    notFinite: c[Count.NotFinite],
    badChannel: c[Count.BadChannel],
    badTime: c[Count.BadTime],
    idle: c[Count.Idle],
    late: c[Count.Late],
    reports: c[Count.Reports],
    reportErrors: c[Count.ReportErrors],
    checkpoints: c[Count.Checkpoints],
    checkpointFailures: c[Count.CheckpointFailures],
    restored: c[Count.Restored],
    corruptCheckpoints: c[Count.CorruptCheckpoints],
    staleCheckpoints: c[Count.StaleCheckpoints],
  };
}
