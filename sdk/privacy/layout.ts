import type { FieldDecl, Policy, PurposeDecl } from '../model/index';
import { crc32 } from '../util/index';
import { createAggregator } from './aggregate/index';
import type { Aggregator } from './aggregate/index';

/**
 * Where each piece of one purpose's window lives in its Float64Array slab:
 *
 *   [0]             aliveMs: time the buffer was running (heartbeats of add/tick)
 *   [1 .. 1+C)      coveredMs of each distinct channel the purpose reads
 *   [1+C .. 1+2C)   samples of each such channel (event channels: active
 *                   events), the per-field counts redaction's kMin needs
 *   [1+2C .. size)  the fields' aggregator slots, in declaration order
 *
 * Coverage is the smaller of aliveMs and every polled channel's coveredMs
 * (event channels have no rate, so they are covered while the buffer runs).
 * Memory (ESP32, 14-byte JsVars): a slab of n slots is one Float64Array,
 * ≤ 8n/14 + 13 JsVars by the rule of thumb; simulator/memory's estimator
 * gives 5 for n = 3 and 9 for n = 9 or 10. The index arrays below are plain
 * small-int arrays (1 JsVar per element, cheaper than a typed array's fixed
 * cost at these lengths). A layout costs about 25 + 8 per field, shared by
 * the tiers of one purpose.
 */
export interface WindowLayout {
  /** Float64 slots of one window. */
  size: number;
  /** The purpose's field declarations (the policy's own array: report keys are built from it). */
  decls: FieldDecl[];
  /** Aggregator of each field. */
  aggs: Aggregator[];
  /** Channel of each field, as an index into the sampler's channel list; -1 when not sampled. */
  fieldChan: number[];
  /** First slot of each field. */
  fieldOff: number[];
  /** Distinct channels read (sampler index or -1); channel k's coveredMs is slot 1 + k, its count 1 + C + k. */
  chans: number[];
  /** 1 when chans[k] is polled (covered by its samples), 0 for events (covered while alive). */
  polled: number[];
  /** CRC-32 of the purpose id and its fields: a checkpoint written for another layout is stale. */
  signature: number;
}

/**
 * Lay out one purpose's window. `channelIds` is the sampler's channel order.
 * Undefined when a field has an aggregate this SDK does not know.
 */
export function createWindowLayout(purposeId: string, purpose: PurposeDecl, policy: Policy, channelIds: string[]): WindowLayout | undefined {
  const decls = purpose.fields || [];
  const l: WindowLayout = { size: 0, decls, aggs: [], fieldChan: [], fieldOff: [], chans: [], polled: [], signature: 0 };
  const names: string[] = [];
  let sig = purposeId;
  for (let i = 0; i < decls.length; i++) {
    const f = decls[i];
    const agg = createAggregator(f);
    if (!agg) return undefined;
    const ch = channelIds.indexOf(f.channel);
    if (names.indexOf(f.channel) < 0) {
      const decl = policy.channels[f.channel];
      names.push(f.channel);
      l.chans.push(ch);
      l.polled.push(decl && decl.kind === 'event' ? 0 : 1);
    }
    l.aggs.push(agg);
    l.fieldChan.push(ch);
    sig += '|' + f.channel + '.' + f.aggregate + (f.bounds ? ':' + f.bounds.join(',') : '') + (f.threshold !== undefined ? '>' + f.threshold : '');
  }
  let off = 1 + 2 * l.chans.length;
  for (let i = 0; i < l.aggs.length; i++) {
    l.fieldOff.push(off);
    off += l.aggs[i].size;
  }
  l.size = off;
  l.signature = crc32(sig);
  return l;
}

/** Reset `s` to an empty window. */
export function initWindow(l: WindowLayout, s: Float64Array): void {
  for (let k = 0; k <= 2 * l.chans.length; k++) s[k] = 0;
  for (let i = 0; i < l.aggs.length; i++) l.aggs[i].init(s, l.fieldOff[i]);
}

/**
 * Fold window `src` into `dst` (same layout): coarsening, e.g. 48 half-hour
 * windows into a day. Covered times add up, so the merged coverage is
 * relative to the merged window's length.
 */
export function mergeWindow(l: WindowLayout, dst: Float64Array, src: Float64Array): void {
  for (let k = 0; k <= 2 * l.chans.length; k++) dst[k] += src[k];
  for (let i = 0; i < l.aggs.length; i++) l.aggs[i].merge(dst, l.fieldOff[i], src, l.fieldOff[i]);
}

/**
 * Permille of `windowMs` covered, rounded DOWN so a window with any gap
 * never reports 1000; clamped to 0..1000 (a sample's interval may start in
 * the previous window).
 */
export function coveragePermille(l: WindowLayout, s: Float64Array, windowMs: number): number {
  let c = s[0];
  for (let k = 0; k < l.chans.length; k++) if (l.polled[k] && s[1 + k] < c) c = s[1 + k];
  const p = Math.floor((1000 * c) / windowMs);
  return p > 1000 ? 1000 : p > 0 ? p : 0;
}

/** Report fields `channel.aggregate` → result; fields with no value (NaN) are left out. */
export function windowFields(l: WindowLayout, s: Float64Array): { [field: string]: number | number[] } {
  const out: { [field: string]: number | number[] } = {};
  for (let i = 0; i < l.aggs.length; i++) {
    const v = l.aggs[i].result(s, l.fieldOff[i]);
    if (typeof v === 'number' && v !== v) continue;
    out[l.decls[i].channel + '.' + l.decls[i].aggregate] = v;
  }
  return out;
}

/**
 * Samples (polled channels) or active events (event channels) behind each
 * field, keyed like the report's fields: what redaction's kMin checks
 * (PRIVACY.md requirements 11 and 12). Every field is listed, with 0 for none.
 */
export function windowCounts(l: WindowLayout, s: Float64Array): { [field: string]: number } {
  const out: { [field: string]: number } = {};
  const c = l.chans.length;
  for (let i = 0; i < l.aggs.length; i++) {
    const k = l.chans.indexOf(l.fieldChan[i]);
    out[l.decls[i].channel + '.' + l.decls[i].aggregate] = l.fieldChan[i] >= 0 && k >= 0 ? s[1 + c + k] : 0;
  }
  return out;
}
