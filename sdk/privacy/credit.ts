import type { Policy } from '../model/index';
import type { BufferCounterState } from './counters';
import { Count } from './counters';
import type { WindowSet } from './window-set';

/**
 * What the buffer's hot path shares: the open windows, each channel's last
 * sample, and the heartbeat. One Float64Array holds per channel
 * [lastSampleMs (-1: none yet), lastValue, periodMs] (3·8 bytes a channel).
 */
export interface CreditState {
  sets: WindowSet[];
  chan: Float64Array;
  /** Indexes of event (edge) channels: their state holds until the next edge. */
  events: number[];
  /** Longest silence credited as covered, ms. */
  maxGap: number;
  /** Time of the last add or tick, ms; -1 before the first. */
  lastBeat: number;
  count: BufferCounterState;
}

export function createCreditState(policy: Policy, channels: string[], maxGap: number, count: BufferCounterState): CreditState {
  const chan = new Float64Array(channels.length * 3);
  const events: number[] = [];
  for (let c = 0; c < channels.length; c++) {
    const d = policy.channels[channels[c]];
    chan[c * 3] = -1;
    chan[c * 3 + 2] = d ? d.periodMs : 0;
    if (d && d.kind === 'event') events.push(c);
  }
  return { sets: [], chan, events, maxGap, lastBeat: -1, count };
}

/**
 * Credit time up to `t`: every open window gets the heartbeat gap (capped
 * at maxGap) as alive time, and each event channel's held state is fed to
 * the timed aggregators (dutyCycle, energy) over the time since its last
 * edge or credit (also capped). Called at every window end before the
 * window closes, so held time lands in the right window.
 */
export function advance(st: CreditState, t: number): void {
  const sets = st.sets;
  const chan = st.chan;
  if (st.lastBeat >= 0 && t > st.lastBeat) {
    const g = t - st.lastBeat < st.maxGap ? t - st.lastBeat : st.maxGap;
    for (let i = 0; i < sets.length; i++) if (sets[i].start >= 0) { sets[i].slab[0] += g; sets[i].dirty = true; }
  }
  if (t > st.lastBeat) st.lastBeat = t;
  for (let e = 0; e < st.events.length; e++) {
    const c = st.events[e];
    const since = chan[c * 3];
    if (since < 0 || t <= since) continue;
    const g = t - since < st.maxGap ? t - since : st.maxGap;
    for (let i = 0; i < sets.length; i++) {
      const l = sets[i].layout;
      if (sets[i].start < 0) continue;
      for (let f = 0; f < l.aggs.length; f++) {
        if (l.fieldChan[f] === c && l.aggs[f].timed) l.aggs[f].add(sets[i].slab, l.fieldOff[f], chan[c * 3 + 1], t, g);
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
  const chan = st.chan;
  const ev = st.events.indexOf(ch) >= 0;
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
  for (let i = 0; i < st.sets.length; i++) {
    const s = st.sets[i];
    const l = s.layout;
    const k = l.chans.indexOf(ch);
    if (k < 0) continue;
    if (now < s.start) { late = true; continue; }
    if (!ev) s.slab[1 + k] += dt;
    if (!ev || v !== 0) s.slab[1 + l.chans.length + k]++;
    for (let f = 0; f < l.aggs.length; f++) {
      if (l.fieldChan[f] === ch && !(ev && l.aggs[f].timed)) l.aggs[f].add(s.slab, l.fieldOff[f], v, now, dt);
    }
    s.dirty = true;
    fed = true;
  }
  if (fed) st.count.accepted[ch]++;
  else st.count.c[late ? Count.Late : Count.Idle]++;
}
