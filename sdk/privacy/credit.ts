import type { BufferCounterState } from './counters';
import { Count } from './counters';
import type { WindowSet } from './window-set';
import { L } from './layout';
import { Agg, aggAdd } from './aggregate/index';

/**
 * What the buffer's hot path shares: the open windows, each channel's last
 * sample, and the heartbeat. One Float64Array holds per channel
 * [lastSampleMs (-1: none yet), lastValue, periodMs] (3·8 bytes a channel).
 */
export interface CreditState {
  /** The open windows (short keys: the buffer holds these as its own; ESPRUINO.md §3). */
  w: WindowSet[];
  /** Every window's state, back to back: window `w[i]` at offset `w[i].o`, `w[i].l.z[L.Size]` slots. */
  s: Float64Array;
  /** Per channel [lastSampleMs (-1: none yet), lastValue, periodMs]. */
  ch: Float64Array;
  /** Indexes of event (edge) channels: their state holds until the next edge. */
  ev: number[];
  /** Longest silence credited as covered, ms. */
  mg: number;
  /** Time of the last add or tick, ms; -1 before the first. */
  lb: number;
  /** The buffer's counters. */
  n: BufferCounterState;
}

/**
 * Credit time up to `t`: every open window gets the heartbeat gap (capped
 * at maxGap) as alive time, and each event channel's held state is fed to
 * the timed aggregators (dutyCycle, energy) over the time since its last
 * edge or credit (also capped). Called at every window end before the
 * window closes, so held time lands in the right window.
 */
export function advance(st: CreditState, t: number): void {
  const sets = st.w;
  const chan = st.ch;
  if (st.lb >= 0 && t > st.lb) {
    const g = t - st.lb < st.mg ? t - st.lb : st.mg;
    for (let i = 0; i < sets.length; i++) if (sets[i].a >= 0) { st.s[sets[i].o] += g; sets[i].d = true; }
  }
  if (t > st.lb) st.lb = t;
  for (let e = 0; e < st.ev.length; e++) {
    const c = st.ev[e];
    const since = chan[c * 3];
    if (since < 0 || t <= since) continue;
    const g = t - since < st.mg ? t - since : st.mg;
    for (let i = 0; i < sets.length; i++) {
      const l = sets[i].l;
      const z = l.z;
      if (sets[i].a < 0) continue;
      for (let f = 0; f < z[L.NField]; f++) {
        const at = L.Chans + 2 * z[L.NChan] + 3 * f;
        if (z[at + L.FChan] === c + 1 && (z[at + L.FCode] === Agg.Energy || z[at + L.FCode] === Agg.DutyCycle)) aggAdd(z[at + L.FCode], l.d[f], st.s, sets[i].o + z[at + L.FOff], chan[c * 3 + 1], t, g);
      }
    }
    chan[c * 3] = t;
  }
}

/**
 * Fold one sample into every open window that reads channel `ch`. A polled
 * sample stands for dt = min(gap since the channel's previous sample,
 * 2 × periodMs) (periodMs for the first), credited to the window holding
 * `now` even when the gap began in the previous window, so windows add up.
 * An edge only starts a new held state (its time is credited by `advance`).
 */
export function feed(st: CreditState, ch: number, v: number, now: number): void {
  const chan = st.ch;
  const ev = st.ev.indexOf(ch) >= 0;
  let dt = 0;
  if (!ev) {
    const p = chan[ch * 3 + 2];
    dt = chan[ch * 3] < 0 ? p : now - chan[ch * 3];
    if (dt > 2 * p) dt = 2 * p;
    if (dt < 0) dt = 0;
  }
  chan[ch * 3] = now;
  chan[ch * 3 + 1] = v;
  let fed = false;
  let late = false;
  for (let i = 0; i < st.w.length; i++) {
    const s = st.w[i];
    const l = s.l;
    const z = l.z;
    const n = z[L.NChan];
    let k = n - 1;
    while (k >= 0 && z[L.Chans + k] !== ch + 1) k--;
    if (k < 0) continue;
    if (now < s.a) { late = true; continue; }
    if (!ev) st.s[s.o + 1 + k] += dt;
    if (!ev || v !== 0) st.s[s.o + 1 + n + k]++;
    for (let f = 0; f < z[L.NField]; f++) {
      const at = L.Chans + 2 * z[L.NChan] + 3 * f;
      if (z[at + L.FChan] === ch + 1 && !(ev && (z[at + L.FCode] === Agg.Energy || z[at + L.FCode] === Agg.DutyCycle))) aggAdd(z[at + L.FCode], l.d[f], st.s, s.o + z[at + L.FOff], v, now, dt);
    }
    s.d = true;
    fed = true;
  }
  if (fed) st.n[Count.Size + ch]++;
  else st.n[late ? Count.Late : Count.Idle]++;
}
