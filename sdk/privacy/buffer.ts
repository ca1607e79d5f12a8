import type { Policy, Report, Tier } from '../model/index';
import type { FileStore } from '../platform/index';
import { isSafeStorageName } from '../util/index';
import { CHECKPOINT_PREFIX, checkpointWindowStart, decodeCheckpoint, encodeCheckpoint, Restore } from './checkpoint';
import { createWindowLayout } from './layout';
import type { WindowLayout } from './layout';
import { tierIndex, tierWindow } from './window';
import type { WindowSet } from './window-set';
import { coveragePermille, initWindow, L, windowValues } from './layout';
import { bufferCounters, Count } from './counters';
import { advance, feed } from './credit';
import type { CreditState } from './credit';
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
  /** Where open windows are checkpointed (`hb.w.<purposeIdx>.<tierIdx>`, alternating with that name + `b`). */
  store: FileStore;
  onReport: ReportCallback;
  /**
   * Checkpoint period in ms, on UTC multiples of it: a power cut loses at
   * most this much data. A closing window is also saved before its report.
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

/**
 * The buffer: its state, and methods shared by every buffer (module
 * functions over `this`, not closures: a closure keeps its whole scope alive
 * and costs a scope link besides). It lives as long as the device runs, so
 * keys are short (ESPRUINO.md §3). The credit state's keys (w, ch, ev, mg,
 * lb, n) are its own.
 */
interface Buf extends PrivacyBuffer, CreditState {
  /** The policy. */
  P: Policy;
  /** The store. */
  S: FileStore;
  /** Channel ids in sampler order. */
  C: string[];
  /** onReport. */
  o: ReportCallback;
  /** Checkpoint period, ms. */
  v: number;
  /** maxWindows. */
  x: number;
  /** Windows wait to be opened, or the open set changed: recompute `ne` on the next roll. */
  q: boolean;
  /** Earliest window end, ms (Infinity: none). */
  ne: number;
  /** Time of the last checkpoint pass, ms; -1 before the first tick. */
  ls: number;
  /** Closed. */
  cl: boolean;
}

/**
 * Create the buffer; throws (only here) on invalid options, naming the option.
 *
 * Memory (simulator's Espruino cost model, ESP32 layout, code in Storage;
 * bench/privacy-stage/run.ts): the whole privacy stage (this buffer with the
 * fridge's 4 windows open, plus its redaction chains after 2 h) ≈ 635 JsVars,
 * down from ≈ 1,440 once aggregators became one table-driven switch, layouts
 * one Uint8Array, the counters one Uint32Array, the redaction chain plain
 * function calls, and the buffer and chains plain state with shared methods.
 * Every function object, parameter name and long-lived property name counts
 * there, which is why helpers are few and keys short.
 * Per sample ≈ 1.6 ms on the Linux build from Storage (an ESP32 is slower).
 */
export function createPrivacyBuffer(options: PrivacyBufferOptions): PrivacyBuffer {
  // Nested (not module-level): alive only while the buffer is created.
  function positiveInt(name: string, v: number | undefined, dflt: number): number {
    if (v === undefined) return dflt;
    if (typeof v !== 'number' || !(v > 0) || Math.floor(v) !== v) throw new Error('privacy buffer: ' + name + ' must be a positive integer (got ' + v + ')');
    return v;
  }
  const policy = options.policy;
  const channels = options.channels;
  if (!policy || !policy.purposes || !policy.channels) throw new Error('privacy buffer: policy must have channels and purposes');
  if (!channels || !options.store || typeof options.onReport !== 'function') throw new Error('privacy buffer: channels, store and onReport are required');
  const b: Buf = {
    add: bufAdd, tick: bufTick, activate: bufActivate, deactivate: bufDeactivate, counters: bufferCounters, close: bufClose,
    w: [], s: new Float64Array(0), ch: new Float64Array(channels.length * 3), ev: [],
    mg: positiveInt('maxGapMs', options.maxGapMs, 120000), lb: -1, n: new Uint32Array(Count.Size + channels.length),
    P: policy, S: options.store, C: channels, o: options.onReport,
    v: positiveInt('checkpointEveryMs', options.checkpointEveryMs, 900000), x: positiveInt('maxWindows', options.maxWindows, 8),
    q: false, ne: Infinity, ls: -1, cl: false,
  };
  // Per channel [lastSampleMs (-1: none yet), lastValue, periodMs], and the event channels (see CreditState).
  for (let c = 0; c < channels.length; c++) {
    const d = policy.channels[channels[c]];
    b.ch[c * 3] = -1;
    b.ch[c * 3 + 2] = d ? d.periodMs : 0;
    if (d && d.kind === 'event') b.ev.push(c);
  }
  return b;
}

/**
 * Open pending windows, close (and report) every window ending by `now`,
 * credit time to `now`. `b.q` asks for the earliest end to be recomputed
 * (after an activation, a deactivation or a close).
 */
function roll(b: Buf, now: number): void {
  const count = b.n;
  let closed = false;
  for (;;) {
    if (b.q) {
      b.ne = Infinity;
      for (let i = 0; i < b.w.length; i++) {
        const set = b.w[i];
        if (set.a < 0) {
          // Open the window holding `now` with an empty slab; on the first open
          // after activation (a -1), take over that very window's intact checkpoint.
          const restore = set.a === -1;
          const t = tierIndex(set.t);
          set.a = tierWindow(set.t, now, 0);
          set.e = tierWindow(set.t, now, 1);
          // Reopened after a close (-2): dirty, so the checkpoint of the closed
          // window is replaced right away and a reboot cannot replay its report.
          set.d = !restore;
          const v = b.s.subarray(set.o, set.o + set.l.z[L.Size]); // a view on the shared slab, only while this runs
          initWindow(set.l, v);
          if (restore) {
            // Of the two slots, the newest intact window no later than `now`'s: this very
            // window (the latest save wins), or an earlier one a power cut interrupted before
            // its report was committed, which the loop below then closes and reports (the
            // outbox keeps a replayed window once).
            const name = CHECKPOINT_PREFIX + Object.keys(b.P.purposes).indexOf(set.p) + '.' + t;
            const tmp = new Float64Array(v.length);
            let bestW = -1;
            let bad = Restore.Absent;
            for (let k = 0; k < 2; k++) {
              const data = b.S.read(k ? name + 'b' : name);
              if (data === undefined) continue;
              const w0 = checkpointWindowStart(data);
              const r = w0 >= 0 && w0 <= set.a && tierWindow(set.t, w0, 0) === w0 ? decodeCheckpoint(data, t, set.l.g, w0, tmp) : Restore.Stale;
              if (r !== Restore.Ok) { if (bad !== Restore.Corrupt) bad = r; continue; }
              if (w0 > bestW || (w0 === bestW && tmp[0] > v[0])) {
                bestW = w0;
                v.set(tmp);
                set.k = 1 - k;
              }
            }
            if (bestW >= 0) {
              count[Count.Restored]++;
              if (bestW < set.a) {
                set.a = bestW;
                set.e = tierWindow(set.t, bestW, 1);
              }
            } else if (bad === Restore.Corrupt) count[Count.CorruptCheckpoints]++;
            else if (bad === Restore.Stale) count[Count.StaleCheckpoints]++;
          }
        }
        if (set.e < b.ne) b.ne = set.e;
      }
      b.q = false;
    }
    const e = b.ne;
    if (e > now) break;
    advance(b, e);
    for (let i = 0; i < b.w.length; i++) {
      const set = b.w[i];
      if (set.e > e) continue;
      // The finished window reaches flash before its report is attempted: a power cut
      // from here until the report is committed replays it from this checkpoint.
      if (set.d) saveAll(b, set);
      count[Count.Reports]++;
      try {
        // The report of the window; `id` is left '' (the uplink assigns it).
        const windowMs = set.e - set.a;
        const v = b.s.subarray(set.o, set.o + set.l.z[L.Size]);
        const report: Report = {
          id: '', recipient: b.P.purposes[set.p].recipient, purpose: set.p, tier: set.t, windowStart: set.a, windowMs,
          fields: windowValues(set.l, v, false), coveragePermille: coveragePermille(set.l, v, windowMs),
        };
        b.o(report, windowValues(set.l, v, true) as { [field: string]: number });
      } catch (err) {
        count[Count.ReportErrors]++;
      }
      // A window wholly inside a gap gets no report: reopened (b.q, below) at the window holding `now`, without restoring.
      set.a = -2;
    }
    b.q = true;
    closed = true;
  }
  advance(b, now);
  if (closed) saveAll(b);
}

/**
 * Checkpoint every open window with unsaved data (counting each), or only
 * `one` (counting failures only: deactivate's last checkpoint).
 */
function saveAll(b: Buf, one?: WindowSet): void {
  for (let i = 0; i < b.w.length; i++) {
    const s = b.w[i];
    if (s.a < 0 || !s.d || (one && s !== one)) continue;
    const t = tierIndex(s.t);
    if (b.S.write(CHECKPOINT_PREFIX + Object.keys(b.P.purposes).indexOf(s.p) + '.' + t + (s.k ? 'b' : ''), encodeCheckpoint(t, s.l.g, s.a, b.s.subarray(s.o, s.o + s.l.z[L.Size])))) {
      s.d = false;
      s.k = 1 - s.k;
      if (!one) b.n[Count.Checkpoints]++;
    } else b.n[Count.CheckpointFailures]++;
  }
}

function bufAdd(this: Buf, ch: number, v: number, now: number, synced: boolean): void {
  const count = this.n;
  if (this.cl) return;
  if (typeof ch !== 'number' || !(ch >= 0 && ch < this.C.length) || Math.floor(ch) !== ch) { count[Count.BadChannel]++; return; }
  if (typeof v !== 'number' || !isFinite(v)) { count[Count.NotFinite]++; return; }
  if (typeof now !== 'number' || !isFinite(now)) { count[Count.BadTime]++; return; }
  if (!synced) { count[Count.Unsynced]++; return; }
  roll(this, now);
  feed(this, ch, v, now);
}

function bufTick(this: Buf, now: number, synced: boolean): void {
  if (this.cl || !synced) return;
  if (typeof now !== 'number' || !isFinite(now)) { this.n[Count.BadTime]++; return; }
  roll(this, now);
  // Checkpoints on UTC multiples of the period, not a period after boot: a device that
  // reboots every few minutes still saves each window at its quarter hours.
  if (this.ls < 0 || now < this.ls) this.ls = now;
  else if (Math.floor(now / this.v) !== Math.floor(this.ls / this.v)) { saveAll(this); this.ls = now; }
}

function bufActivate(this: Buf, purposeId: string, tier: Tier): boolean {
  const b = this;
  if (b.cl) return false;
  const policy = b.P;
  const pIdx = Object.keys(policy.purposes).indexOf(purposeId);
  const tIdx = tierIndex(tier);
  const p = pIdx >= 0 ? policy.purposes[purposeId] : undefined;
  const offered = p && (p.tier === tier || (p.optInTiers && p.optInTiers.indexOf(tier) >= 0));
  const file = CHECKPOINT_PREFIX + pIdx + '.' + tIdx; // checkpointName, inline (one function fewer)
  let layout: WindowLayout | undefined;
  if (p && offered && tIdx >= 0 && isSafeStorageName(file)) {
    // Shared with the purpose's other active tier, if any.
    for (let i = 0; i < b.w.length && !layout; i++) if (b.w[i].p === purposeId) layout = b.w[i].l;
    if (!layout) layout = createWindowLayout(purposeId, p, policy, b.C);
  }
  if (!p || !layout) { b.n[Count.Refused]++; return false; }
  for (let i = 0; i < b.w.length; i++) if (b.w[i].p === purposeId && b.w[i].t === tier) return true;
  if (b.w.length >= b.x) { b.n[Count.Overflow]++; return false; }
  // Grow the shared slab by the window's slots (the old one wiped: freed JsVars keep their bytes until reused).
  const grown = new Float64Array(b.s.length + layout.z[L.Size]);
  grown.set(b.s);
  b.s.fill(0);
  b.s = grown;
  // A set with no window open yet: roll opens (and initialises) it on the first synced add or tick (see WindowSet).
  b.w.push({ p: purposeId, t: tier, l: layout, o: grown.length - layout.z[L.Size], a: -1, e: Infinity, d: false, k: 0 });
  b.q = true;
  return true;
}

function bufDeactivate(this: Buf, purposeId: string, tier: Tier, purge: boolean): void {
  const b = this;
  let i = b.w.length - 1;
  while (i >= 0 && !(b.w[i].p === purposeId && b.w[i].t === tier)) i--;
  if (i >= 0) {
    const s = b.w[i];
    if (!purge && !b.cl) saveAll(b, s);
    // Cut its slots out of the shared slab; wipe the old slab before it is
    // garbage (freed JsVars keep their bytes until reused).
    const size = s.l.z[L.Size];
    const kept = new Float64Array(b.s.length - size);
    kept.set(b.s.subarray(0, s.o));
    kept.set(b.s.subarray(s.o + size), s.o);
    b.s.fill(0);
    b.s = kept;
    b.w.splice(i, 1);
    for (let j = 0; j < b.w.length; j++) if (b.w[j].o > s.o) b.w[j].o -= size;
    b.q = true;
  }
  const pIdx = Object.keys(b.P.purposes).indexOf(purposeId);
  const tIdx = tierIndex(tier);
  if (purge && pIdx >= 0 && tIdx >= 0) {
    b.S.erase(CHECKPOINT_PREFIX + pIdx + '.' + tIdx);
    b.S.erase(CHECKPOINT_PREFIX + pIdx + '.' + tIdx + 'b');
  }
}

function bufClose(this: Buf): void {
  if (this.cl) return;
  saveAll(this);
  this.s.fill(0);
  this.s = new Float64Array(0);
  this.w = [];
  this.cl = true;
}
