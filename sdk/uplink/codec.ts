import { TIER_MS } from '../model/index';
import type { Policy, Report, Tier } from '../model/index';
import { civilFromDays, daysInMonth } from '../util/index';

/**
 * A report as JSON with short keys: what the outbox stores, the console
 * transport prints and the gate's refusals show (the network carries
 * `encodeCompact`).
 *   { "i": id, "r": recipient, "p": purpose, "t": tier, "ws": windowStart (ms, UTC),
 *     "wm": windowMs, "f": { "channel.aggregate": value }, "c": coverage permille, "ps"?: pseudonym }
 */
export function encodeReport(r: Report): string {
  const o: { [k: string]: unknown } = { i: r.id, r: r.recipient, p: r.purpose, t: r.tier, ws: r.windowStart, wm: r.windowMs, f: r.fields, c: r.coveragePermille };
  if (r.pseudonym) o.ps = r.pseudonym;
  return JSON.stringify(o);
}

/** Parse what `encodeReport` wrote; undefined for anything malformed (never throws). */
export function decodeReport(s: string): Report | undefined {
  let o: { [k: string]: unknown };
  try {
    o = JSON.parse(s);
  } catch (e) {
    return undefined;
  }
  if (!o || typeof o !== 'object') return undefined;
  if (typeof o.i !== 'string' || typeof o.r !== 'string' || typeof o.p !== 'string' || typeof o.t !== 'string') return undefined;
  if (typeof o.ws !== 'number' || typeof o.wm !== 'number' || typeof o.c !== 'number' || !o.f || typeof o.f !== 'object') return undefined;
  const r: Report = {
    id: o.i, recipient: o.r, purpose: o.p, tier: o.t as Tier, windowStart: o.ws, windowMs: o.wm,
    fields: o.f as { [k: string]: number | number[] }, coveragePermille: o.c,
  };
  if (typeof o.ps === 'string') r.pseudonym = o.ps;
  return r;
}

/** Tiers by their index on the wire. */
const WIRE_TIERS: Tier[] = ['30min', '1h', '1d', '1mo'];
/** Field value tags. */
const enum Tag { Absent = 0, Int16 = 1, Milli32 = 2, Float64 = 3, Histogram = 4 }

/**
 * The uplink's wire encoding: a report in ~30 bytes (a pseudonym adds 16),
 * base64 so every transport carries it as text (README "Wire format").
 * Bytes: version 1 · purpose index (the policy's order) · tier index |
 * 0x10 pseudonym | 0x20 explicit window · 16-byte id · window start in
 * minutes (u32) · [window length in minutes (u32), only when it is not its
 * tier's: a coarsened report] · coverage permille (u16) · [16-byte
 * pseudonym] · each declared field in the policy's order: a tag and its
 * value (absent, int16, int32 thousandths, float64, or a histogram: count
 * then tagged counts). The recipient decodes it with the same policy.
 * Undefined for a report it cannot represent (unknown purpose or tier,
 * malformed id or pseudonym).
 */
export function encodeCompact(r: Report, policy: Policy): string | undefined {
  // A binary string (one char per byte: String.fromCharCode appends raw bytes on Espruino).
  let b = '';
  function push(x: number): void {
    b += String.fromCharCode(x);
  }
  function u(n: number, bytes: number): void {
    for (let i = bytes - 1; i >= 0; i--) push(Math.floor(n / Math.pow(256, i)) & 255);
  }
  function hex(h: string | undefined): boolean {
    if (!h || h.length !== 32) return false;
    for (let i = 0; i < 32; i += 2) {
      const v = parseInt(h.substr(i, 2), 16);
      if (!(v >= 0)) return false;
      push(v);
    }
    return true;
  }
  function num(v: number): void {
    const m = Math.round(v * 1000);
    if (Math.floor(v) === v && v >= -32768 && v < 32768) { push(Tag.Int16); u(v < 0 ? v + 65536 : v, 2); } else if (Math.abs(v * 1000 - m) < 1e-6 && Math.abs(m) < 2147483648) { push(Tag.Milli32); u(m < 0 ? m + 4294967296 : m, 4); } else {
      const d = new DataView(new ArrayBuffer(8));
      d.setFloat64(0, v);
      push(Tag.Float64);
      for (let i = 0; i < 8; i++) push(d.getUint8(i));
    }
  }
  const ids = Object.keys(policy.purposes);
  const p = ids.indexOf(r.purpose);
  const t = WIRE_TIERS.indexOf(r.tier);
  if (p < 0 || t < 0 || p > 255) return undefined;
  const explicit = r.windowMs !== standardWindowMs(r.tier, r.windowStart);
  push(1);
  push(p);
  push(t | (r.pseudonym ? 0x10 : 0) | (explicit ? 0x20 : 0));
  if (!hex(r.id)) return undefined;
  u(r.windowStart / 60000, 4);
  if (explicit) u(r.windowMs / 60000, 4);
  u(r.coveragePermille, 2);
  if (r.pseudonym && !hex(r.pseudonym)) return undefined;
  const fields = policy.purposes[r.purpose].fields;
  for (let i = 0; i < fields.length; i++) {
    const v = r.fields[fields[i].channel + '.' + fields[i].aggregate];
    if (v === undefined) push(Tag.Absent);
    else if (typeof v === 'number') num(v);
    else {
      push(Tag.Histogram);
      push(v.length);
      for (let k = 0; k < v.length; k++) num(v[k]);
    }
  }
  return btoa(b);
}

/** Read what `encodeCompact` wrote, with the same policy; undefined for anything malformed (never throws). */
export function decodeCompact(s: string, policy: Policy): Report | undefined {
  let bin: string;
  try {
    bin = atob(s);
  } catch (e) {
    return undefined;
  }
  let at = 0;
  let bad = false;
  function u(bytes: number): number {
    let n = 0;
    for (let i = 0; i < bytes; i++) {
      if (at >= bin.length) bad = true;
      n = n * 256 + (bin.charCodeAt(at++) & 255);
    }
    return n;
  }
  function hex(): string {
    let h = '';
    for (let i = 0; i < 16; i++) {
      const v = u(1);
      h += (v < 16 ? '0' : '') + v.toString(16);
    }
    return h;
  }
  function num(): number {
    const tag = u(1);
    if (tag === Tag.Int16) { const v = u(2); return v >= 32768 ? v - 65536 : v; }
    if (tag === Tag.Milli32) { const v = u(4); return (v >= 2147483648 ? v - 4294967296 : v) / 1000; }
    if (tag === Tag.Float64) {
      const d = new DataView(new ArrayBuffer(8));
      for (let i = 0; i < 8; i++) d.setUint8(i, u(1));
      return d.getFloat64(0);
    }
    bad = true;
    return NaN;
  }
  if (u(1) !== 1) return undefined;
  const ids = Object.keys(policy.purposes);
  const purpose = ids[u(1)];
  const flags = u(1);
  const tier = WIRE_TIERS[flags & 15];
  if (!purpose || !tier) return undefined;
  const decl = policy.purposes[purpose];
  const id = hex();
  const ws = u(4) * 60000;
  const wm = flags & 0x20 ? u(4) * 60000 : standardWindowMs(tier, ws);
  const r: Report = { id, recipient: decl.recipient, purpose, tier, windowStart: ws, windowMs: wm, fields: {}, coveragePermille: u(2) };
  if (flags & 0x10) r.pseudonym = hex();
  for (let i = 0; i < decl.fields.length && !bad; i++) {
    const key = decl.fields[i].channel + '.' + decl.fields[i].aggregate;
    const tag = bin.charCodeAt(at);
    if (tag === Tag.Absent) { at++; continue; }
    if (tag === Tag.Histogram) {
      at++;
      const n = u(1);
      const h: number[] = [];
      for (let k = 0; k < n && !bad; k++) h.push(num());
      r.fields[key] = h;
    } else r.fields[key] = num();
  }
  return bad || at !== bin.length ? undefined : r;
}

/** The length of a plain window of `tier` starting at `ws`: fixed, or the calendar month's for `1mo`. */
function standardWindowMs(tier: Tier, ws: number): number {
  if (tier !== '1mo') return TIER_MS[tier];
  const ymd = civilFromDays(Math.floor(ws / 86400000));
  return daysInMonth(ymd[0], ymd[1]) * 86400000;
}
