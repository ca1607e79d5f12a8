import type { Policy, PurposeDecl, Report, Tier } from '../model/index';
import type { FileStore } from '../platform/index';
import { isSafeStorageName } from '../util/index';
import { checkpointName, Restore } from './checkpoint';
import { createWindowLayout } from './layout';
import type { WindowLayout } from './layout';
import { tierIndex } from './window';
import { createWindowSet, openWindow, saveWindow, windowReport, windowSetCounts } from './window-set';
import type { WindowSet } from './window-set';
import { createBufferCounters, Count, readBufferCounters } from './counters';
import { advance, createCreditState, feed } from './credit';
import type { PrivacyBufferCounters } from './counters';

/**
 * Called with every closed window's report (synchronously, from `add` or
 * `tick`) and the samples/events behind each of its fields, keyed like
 * `report.fields` (every declared field, 0 for none): redaction's kMin input
 * (sdk/privacy/redact `FieldCounts`). Reports leave unredacted: the caller
 * MUST pass them through the redaction chain and the gate.
 */
export type ReportCallback = (report: Report, counts: { [field: string]: number }) => void;

export interface PrivacyBufferOptions {
  /** The policy: purposes, their fields and tiers, and channel kinds and periods. */
  policy: Policy;
  /** Channel ids in sampler order: `add(channelIndex, …)` indexes this list. */
  channels: string[];
  /** Where open windows are checkpointed (`hb.w.<purposeIdx>.<tierIdx>`). */
  store: FileStore;
  onReport: ReportCallback;
  /**
   * Checkpoint period in ms: a power cut loses at most this much data.
   * Each checkpoint rewrites ~20 + 8·slots bytes per window with new data
   * (flash wear, and trash until compaction). @default 900000 (15 min)
   */
  checkpointEveryMs?: number;
  /** Most (purpose, tier) windows open at once; activations beyond are refused and counted. @default 8 */
  maxWindows?: number;
  /**
   * Longest silence (ms) between heartbeats (any `add` or `tick`) still
   * counted as covered: a longer gap (power cut, stall) counts only this
   * much. Call `tick` at least every `maxGapMs / 2`. Also caps the hold of
   * an event channel's state. @default 120000
   */
  maxGapMs?: number;
}

/**
 * Per-purpose windows of aggregates between the sampler and the consent
 * stage. Nothing enters without `activate`; every call after construction
 * never throws: bad input is counted (see `counters`).
 */
export interface PrivacyBuffer {
  /**
   * Offer one accepted sample (`value` in the channel's unit; event
   * channels: 1 = active edge, 0 = inactive) at `nowMs` (ms, UTC). Refused
   * and counted: a bad index, a non-finite value or time, a sample before
   * sync. May close windows whose end has passed (emitting reports).
   */
  add(channelIndex: number, value: number, nowMs: number, synced: boolean): void;
  /** Close every window whose end has passed, then checkpoint if due. Nothing happens before sync. */
  tick(nowMs: number, synced: boolean): void;
  /**
   * Start aggregating `purposeId` at `tier` (one of the purpose's tier or
   * optInTiers) from the next synced time, restoring that window's
   * checkpoint. Call only for a live consent or an essential purpose: this is
   * the only way data enters. False (and counted) when refused.
   */
  activate(purposeId: string, tier: Tier): boolean;
  /**
   * Stop aggregating `purposeId` at `tier` and drop its window from RAM.
   * `purge` (withdrawal): also erase its checkpoint, even when it was not
   * active; the caller compacts Storage. Without purge (pause): write a last
   * checkpoint so re-activation within the same window resumes it.
   */
  deactivate(purposeId: string, tier: Tier, purge: boolean): void;
  counters(): PrivacyBufferCounters;
  /** Checkpoint windows with unsaved data and stop; idempotent, later calls are no-ops. */
  close(): void;
}

function positiveInt(name: string, v: number | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  if (typeof v !== 'number' || !(v > 0) || Math.floor(v) !== v) throw new Error('privacy buffer: ' + name + ' must be a positive integer (got ' + v + ')');
  return v;
}

/**
 * Create the buffer; throws (only here) on invalid options, naming the option.
 *
 * Memory, measured on Espruino 2v29 (ESP32 layout, run from Storage): 241
 * JsVars for an empty buffer with 4 channels, then per activation 80
 * (4 fields), 56 (1 field), 30 (another tier of an active purpose), 92
 * (3 fields with a histogram): ≈ 510 JsVars (≈ 7 KB) for the fridge-like load,
 * of which the window slabs are 248 bytes of Float64Array (≈ 30 JsVars).
 * Per sample ≈ 1.6 ms on the Linux build from Storage (an ESP32 is slower).
 */
export function createPrivacyBuffer(options: PrivacyBufferOptions): PrivacyBuffer {
  const policy = options.policy;
  const store = options.store;
  const channels = options.channels;
  if (!policy || !policy.purposes || !policy.channels) throw new Error('privacy buffer: policy must have channels and purposes');
  if (!channels || !store || typeof options.onReport !== 'function') throw new Error('privacy buffer: channels, store and onReport are required');
  const every = positiveInt('checkpointEveryMs', options.checkpointEveryMs, 900000);
  const maxWindows = positiveInt('maxWindows', options.maxWindows, 8);
  const maxGap = positiveInt('maxGapMs', options.maxGapMs, 120000);
  const purposeIds = Object.keys(policy.purposes);
  const nCh = channels.length;
  const count = createBufferCounters(nCh);
  const st = createCreditState(policy, channels, maxGap, count);
  let pending = false;
  let nextEnd = Infinity;
  let lastSave = -1;
  let closed = false;

  function findSet(purposeId: string, tier: string): number {
    for (let i = 0; i < st.sets.length; i++) if (st.sets[i].purpose === purposeId && st.sets[i].tier === tier) return i;
    return -1;
  }

  function updateNextEnd(): void {
    nextEnd = Infinity;
    for (let i = 0; i < st.sets.length; i++) if (st.sets[i].end < nextEnd) nextEnd = st.sets[i].end;
  }

  function countRestore(r: Restore): void {
    if (r === Restore.Ok) count.c[Count.Restored]++;
    else if (r === Restore.Corrupt) count.c[Count.CorruptCheckpoints]++;
    else if (r === Restore.Stale) count.c[Count.StaleCheckpoints]++;
  }

  function emit(set: WindowSet): void {
    count.c[Count.Reports]++;
    try {
      options.onReport(windowReport(set), windowSetCounts(set));
    } catch (e) {
      count.c[Count.ReportErrors]++;
    }
  }

  /** Open pending windows, close (and report) every window ending by `now`, credit time to `now`. */
  function roll(now: number): void {
    if (pending) {
      for (let i = 0; i < st.sets.length; i++) if (st.sets[i].start < 0) countRestore(openWindow(st.sets[i], now, store, true));
      pending = false;
      updateNextEnd();
    }
    while (nextEnd <= now) {
      const e = nextEnd;
      advance(st, e);
      for (let i = 0; i < st.sets.length; i++) {
        if (st.sets[i].end > e) continue;
        emit(st.sets[i]);
        // A window wholly inside a gap gets no report: reopen at the window holding `now`.
        openWindow(st.sets[i], now, store, false);
      }
      updateNextEnd();
    }
    advance(st, now);
  }

  function saveAll(): void {
    for (let i = 0; i < st.sets.length; i++) {
      const s = st.sets[i];
      if (s.start < 0 || !s.dirty) continue;
      if (saveWindow(s, store)) count.c[Count.Checkpoints]++;
      else count.c[Count.CheckpointFailures]++;
    }
  }

  /** The purpose's layout: shared with its other active tier, if any (≈ 5 JsVars a field saved). */
  function layoutOf(purposeId: string, p: PurposeDecl): WindowLayout | undefined {
    for (let i = 0; i < st.sets.length; i++) if (st.sets[i].purpose === purposeId) return st.sets[i].layout;
    return createWindowLayout(purposeId, p, policy, channels);
  }

  function activate(purposeId: string, tier: Tier): boolean {
    if (closed) return false;
    const pIdx = purposeIds.indexOf(purposeId);
    const tIdx = tierIndex(tier);
    const p = pIdx >= 0 ? policy.purposes[purposeId] : undefined;
    const offered = p && (p.tier === tier || (p.optInTiers && p.optInTiers.indexOf(tier) >= 0));
    const file = checkpointName(pIdx, tIdx);
    const layout = p && offered && tIdx >= 0 && isSafeStorageName(file) ? layoutOf(purposeId, p) : undefined;
    if (!p || !layout) { count.c[Count.Refused]++; return false; }
    if (findSet(purposeId, tier) >= 0) return true;
    if (st.sets.length >= maxWindows) { count.c[Count.Overflow]++; return false; }
    st.sets.push(createWindowSet(purposeId, p.recipient, tier, tIdx, layout, file));
    pending = true;
    return true;
  }

  function deactivate(purposeId: string, tier: Tier, purge: boolean): void {
    const i = findSet(purposeId, tier);
    if (i >= 0) {
      const s = st.sets[i];
      if (!purge && !closed && s.start >= 0 && s.dirty && !saveWindow(s, store)) count.c[Count.CheckpointFailures]++;
      s.slab.fill(0); // wipe before it is garbage: freed JsVars keep their bytes until reused
      st.sets.splice(i, 1);
      updateNextEnd();
    }
    const pIdx = purposeIds.indexOf(purposeId);
    const tIdx = tierIndex(tier);
    if (purge && pIdx >= 0 && tIdx >= 0) store.erase(checkpointName(pIdx, tIdx));
  }

  return {
    add: (ch, v, now, synced) => {
      if (closed) return;
      if (typeof ch !== 'number' || !(ch >= 0 && ch < nCh) || Math.floor(ch) !== ch) { count.c[Count.BadChannel]++; return; }
      if (typeof v !== 'number' || !isFinite(v)) { count.c[Count.NotFinite]++; return; }
      if (typeof now !== 'number' || !isFinite(now)) { count.c[Count.BadTime]++; return; }
      if (!synced) { count.c[Count.Unsynced]++; return; }
      roll(now);
      feed(st, ch, v, now);
    },
    tick: (now, synced) => {
      if (closed || !synced) return;
      if (typeof now !== 'number' || !isFinite(now)) { count.c[Count.BadTime]++; return; }
      roll(now);
      if (lastSave < 0 || now < lastSave) lastSave = now;
      else if (now - lastSave >= every) { saveAll(); lastSave = now; }
    },
    activate,
    deactivate,
    counters: () => readBufferCounters(count),
    close: () => {
      if (closed) return;
      saveAll();
      for (let i = 0; i < st.sets.length; i++) st.sets[i].slab.fill(0);
      st.sets = [];
      closed = true;
    },
  };
}
