import type { FieldDecl, Policy, PurposeDecl } from '../model/index';
import { crc32 } from '../util/index';
import { aggCode, aggInit, aggMerge, aggResult, aggSize } from './aggregate/index';

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
 *
 * The layout's indexes live in ONE Uint8Array (`z`, see `L`) rather than five
 * plain arrays on an object with readable keys: on Espruino every property
 * name and every array element is a JsVar, a small typed array a few (and
 * Uint8Array's root entry exists anyway, for checkpoints). Keys are short for
 * the same reason (the layout lives as long as its windows). Bytes bound a
 * window to 255 slots (≈ 2 KB of slab): a larger layout is refused.
 */
export interface WindowLayout {
  /** The index table: see `L`. */
  z: Uint8Array;
  /** The purpose's field declarations (the policy's own array: report keys and aggregate parameters come from it). */
  d: FieldDecl[];
  /** CRC-32 of the purpose id and its fields: a checkpoint written for another layout is stale. */
  g: number;
}

/**
 * Slots of a layout's index table `z`, for C distinct channels and F fields:
 *
 *   z[Size]                  Float64 slots of one window
 *   z[NChan]                 C
 *   z[NField]                F
 *   z[Chans + k]             k < C: channel k as its sampler index + 1, 0 when not
 *                            sampled; its coveredMs is slab slot 1 + k, its count 1 + C + k
 *   z[Chans + C + k]         1 when channel k is polled, 0 for an event channel
 *   z[Chans + 2C + 3i + F*]  field i: its aggregate code (FCode), sampler channel
 *                            + 1 (FChan, 0 when not sampled), first slab slot (FOff)
 */
export const enum L {
  Size = 0,
  NChan = 1,
  NField = 2,
  Chans = 3,
  FCode = 0,
  FChan = 1,
  FOff = 2,
}

/**
 * Lay out one purpose's window. `channelIds` is the sampler's channel order.
 * Undefined when a field has an aggregate this SDK does not know, or the
 * window would exceed 255 slots (or the sampler 254 channels).
 */
export function createWindowLayout(purposeId: string, purpose: PurposeDecl, policy: Policy, channelIds: string[]): WindowLayout | undefined {
  const decls = purpose.fields || [];
  const names: string[] = [];
  let sig = purposeId;
  for (let i = 0; i < decls.length; i++) {
    const f = decls[i];
    if (aggCode(f.aggregate) < 0) return undefined;
    if (names.indexOf(f.channel) < 0) names.push(f.channel);
    sig += '|' + f.channel + '.' + f.aggregate + (f.bounds ? ':' + f.bounds.join(',') : '') + (f.threshold !== undefined ? '>' + f.threshold : '');
  }
  const c = names.length;
  const z = new Uint8Array(L.Chans + 2 * c + 3 * decls.length);
  z[L.NChan] = c;
  z[L.NField] = decls.length;
  for (let k = 0; k < c; k++) {
    const decl = policy.channels[names[k]];
    z[L.Chans + k] = channelIds.indexOf(names[k]) + 1;
    z[L.Chans + c + k] = decl && decl.kind === 'event' ? 0 : 1;
  }
  let off = 1 + 2 * c;
  for (let i = 0; i < decls.length; i++) {
    const at = L.Chans + 2 * c + 3 * i;
    const code = aggCode(decls[i].aggregate);
    z[at + L.FCode] = code;
    z[at + L.FChan] = channelIds.indexOf(decls[i].channel) + 1;
    z[at + L.FOff] = off;
    off += aggSize(code, decls[i]);
  }
  if (off > 255 || channelIds.length > 254) return undefined;
  z[L.Size] = off;
  return { z, d: decls, g: crc32(sig) };
}

/** Reset `s` to an empty window. */
export function initWindow(l: WindowLayout, s: Float64Array): void {
  const z = l.z;
  for (let k = 0; k <= 2 * z[L.NChan]; k++) s[k] = 0;
  for (let i = 0; i < z[L.NField]; i++) {
    const at = L.Chans + 2 * z[L.NChan] + 3 * i;
    aggInit(z[at + L.FCode], l.d[i], s, z[at + L.FOff]);
  }
}

/**
 * Fold window `src` into `dst` (same layout): coarsening, e.g. 48 half-hour
 * windows into a day. Covered times add up, so the merged coverage is
 * relative to the merged window's length.
 */
export function mergeWindow(l: WindowLayout, dst: Float64Array, src: Float64Array): void {
  const z = l.z;
  for (let k = 0; k <= 2 * z[L.NChan]; k++) dst[k] += src[k];
  for (let i = 0; i < z[L.NField]; i++) {
    const at = L.Chans + 2 * z[L.NChan] + 3 * i;
    aggMerge(z[at + L.FCode], l.d[i], dst, z[at + L.FOff], src, z[at + L.FOff]);
  }
}

/**
 * Permille of `windowMs` covered, rounded DOWN so a window with any gap
 * never reports 1000; clamped to 0..1000 (a sample's interval may start in
 * the previous window).
 */
export function coveragePermille(l: WindowLayout, s: Float64Array, windowMs: number): number {
  const z = l.z;
  const n = z[L.NChan];
  let c = s[0];
  for (let k = 0; k < n; k++) if (z[L.Chans + n + k] && s[1 + k] < c) c = s[1 + k];
  const p = Math.floor((1000 * c) / windowMs);
  return p > 1000 ? 1000 : p > 0 ? p : 0;
}

/**
 * The window's report fields (`counts` false: `channel.aggregate` → result;
 * fields with no value (NaN) are left out), or (`counts` true) the samples
 * (polled channels) or active events (event channels) behind each field,
 * keyed alike: what redaction's kMin checks (PRIVACY.md requirements 11 and
 * 12), every field listed, 0 for none. One function for both: they walk the
 * same table, and each function object costs JsVars on the device.
 */
export function windowValues(l: WindowLayout, s: Float64Array, counts: boolean): { [field: string]: number | number[] } {
  const out: { [field: string]: number | number[] } = {};
  const z = l.z;
  const c = z[L.NChan];
  for (let i = 0; i < z[L.NField]; i++) {
    const at = L.Chans + 2 * z[L.NChan] + 3 * i;
    const key = l.d[i].channel + '.' + l.d[i].aggregate;
    if (counts) {
      let k = c - 1;
      while (k >= 0 && z[L.Chans + k] !== z[at + L.FChan]) k--;
      out[key] = z[at + L.FChan] > 0 && k >= 0 ? s[1 + c + k] : 0;
      continue;
    }
    const v = aggResult(z[at + L.FCode], l.d[i], s, z[at + L.FOff]);
    if (typeof v === 'number' && v !== v) continue;
    out[key] = v;
  }
  return out;
}

/** Report fields `channel.aggregate` → result; fields with no value (NaN) are left out. */
export function windowFields(l: WindowLayout, s: Float64Array): { [field: string]: number | number[] } {
  return windowValues(l, s, false);
}

/** Samples or active events behind each field, keyed like the report's fields (see `windowValues`). */
export function windowCounts(l: WindowLayout, s: Float64Array): { [field: string]: number } {
  return windowValues(l, s, true) as { [field: string]: number };
}
