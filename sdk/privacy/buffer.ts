import type { Policy, Report, Tier } from '../model/index';
import type { FileStore } from '../platform/index';
import { isSafeStorageName } from '../util/index';
import { checkpointName, Restore } from './checkpoint';
import { createWindowLayout } from './layout';
import type { WindowLayout } from './layout';
import { tierIndex } from './window';
import { openWindow, saveWindow } from './window-set';
import { coveragePermille, initWindow, L, windowValues } from './layout';
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
 * Memory (simulator's Espruino cost model, ESP32 layout, code in Storage;
 * bench/privacy-stage/run.ts): the whole privacy stage (this buffer with the
 * fridge's 4 windows open, plus its redaction chains after 2 h) ≈ 710 JsVars,
 * down from ≈ 1,440 once aggregators became one table-driven switch, layouts
 * one Uint8Array, the counters one Uint32Array and the redaction chain plain
 * function calls. Every function object, parameter name and long-lived
 * property name counts there, which is why helpers are few and keys short.
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
  // Few locals: every one stays alive in the closures' scope (JsVars).
  const count = createBufferCounters(channels.length);
  const st = createCreditState(policy, channels, positiveInt('maxGapMs', options.maxGapMs, 120000), count);
  let pending = false;
  let nextEnd = Infinity;
  let lastSave = -1;
  let closed = false;

  // Helpers are closures kept alive by the buffer: only those called from
  // several places stay functions (each costs JsVars on the device).
  function updateNextEnd(): void {
    nextEnd = Infinity;
    for (let i = 0; i < st.w.length; i++) if (st.w[i].e < nextEnd) nextEnd = st.w[i].e;
  }

  /** Open pending windows, close (and report) every window ending by `now`, credit time to `now`. */
  function roll(now: number): void {
    if (pending) {
      for (let i = 0; i < st.w.length; i++) {
        if (st.w[i].a >= 0) continue;
        const r = openWindow(st.w[i], now, store, true);
        if (r === Restore.Ok) count[Count.Restored]++;
        else if (r === Restore.Corrupt) count[Count.CorruptCheckpoints]++;
        else if (r === Restore.Stale) count[Count.StaleCheckpoints]++;
      }
      pending = false;
      updateNextEnd();
    }
    while (nextEnd <= now) {
      const e = nextEnd;
      advance(st, e);
      for (let i = 0; i < st.w.length; i++) {
        if (st.w[i].e > e) continue;
        const set = st.w[i];
        count[Count.Reports]++;
        try {
          // The report of the window; `id` is left '' (the uplink assigns it).
          const windowMs = set.e - set.a;
          const report: Report = {
            id: '', recipient: set.r, purpose: set.p, tier: set.t, windowStart: set.a, windowMs,
            fields: windowValues(set.l, set.s, false), coveragePermille: coveragePermille(set.l, set.s, windowMs),
          };
          options.onReport(report, windowValues(set.l, set.s, true) as { [field: string]: number });
        } catch (err) {
          count[Count.ReportErrors]++;
        }
        // A window wholly inside a gap gets no report: reopen at the window holding `now`.
        openWindow(st.w[i], now, store, false);
      }
      updateNextEnd();
    }
    advance(st, now);
  }

  function saveAll(): void {
    for (let i = 0; i < st.w.length; i++) {
      const s = st.w[i];
      if (s.a < 0 || !s.d) continue;
      if (saveWindow(s, store)) count[Count.Checkpoints]++;
      else count[Count.CheckpointFailures]++;
    }
  }

  function activate(purposeId: string, tier: Tier): boolean {
    if (closed) return false;
    const pIdx = Object.keys(policy.purposes).indexOf(purposeId);
    const tIdx = tierIndex(tier);
    const p = pIdx >= 0 ? policy.purposes[purposeId] : undefined;
    const offered = p && (p.tier === tier || (p.optInTiers && p.optInTiers.indexOf(tier) >= 0));
    const file = checkpointName(pIdx, tIdx);
    let layout: WindowLayout | undefined;
    if (p && offered && tIdx >= 0 && isSafeStorageName(file)) {
      // Shared with the purpose's other active tier, if any.
      for (let i = 0; i < st.w.length && !layout; i++) if (st.w[i].p === purposeId) layout = st.w[i].l;
      if (!layout) layout = createWindowLayout(purposeId, p, policy, channels);
    }
    if (!p || !layout) { count[Count.Refused]++; return false; }
    for (let i = 0; i < st.w.length; i++) if (st.w[i].p === purposeId && st.w[i].t === tier) return true;
    if (st.w.length >= maxWindows) { count[Count.Overflow]++; return false; }
    const slab = new Float64Array(layout.z[L.Size]);
    initWindow(layout, slab);
    // A set with no window open yet: it opens on the first synced add or tick (see WindowSet).
    st.w.push({ p: purposeId, r: p.recipient, t: tier, ti: tIdx, l: layout, s: slab, a: -1, e: Infinity, d: false, f: file });
    pending = true;
    return true;
  }

  function deactivate(purposeId: string, tier: Tier, purge: boolean): void {
    let i = st.w.length - 1;
    while (i >= 0 && !(st.w[i].p === purposeId && st.w[i].t === tier)) i--;
    if (i >= 0) {
      const s = st.w[i];
      if (!purge && !closed && s.a >= 0 && s.d && !saveWindow(s, store)) count[Count.CheckpointFailures]++;
      s.s.fill(0); // wipe before it is garbage: freed JsVars keep their bytes until reused
      st.w.splice(i, 1);
      updateNextEnd();
    }
    const pIdx = Object.keys(policy.purposes).indexOf(purposeId);
    const tIdx = tierIndex(tier);
    if (purge && pIdx >= 0 && tIdx >= 0) store.erase(checkpointName(pIdx, tIdx));
  }

  return {
    add: (ch, v, now, synced) => {
      if (closed) return;
      if (typeof ch !== 'number' || !(ch >= 0 && ch < channels.length) || Math.floor(ch) !== ch) { count[Count.BadChannel]++; return; }
      if (typeof v !== 'number' || !isFinite(v)) { count[Count.NotFinite]++; return; }
      if (typeof now !== 'number' || !isFinite(now)) { count[Count.BadTime]++; return; }
      if (!synced) { count[Count.Unsynced]++; return; }
      roll(now);
      feed(st, ch, v, now);
    },
    tick: (now, synced) => {
      if (closed || !synced) return;
      if (typeof now !== 'number' || !isFinite(now)) { count[Count.BadTime]++; return; }
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
      for (let i = 0; i < st.w.length; i++) st.w[i].s.fill(0);
      st.w = [];
      closed = true;
    },
  };
}
