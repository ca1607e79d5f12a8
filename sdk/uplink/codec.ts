import type { Report, Tier } from '../model/index';

/**
 * Wire encoding of a report: compact JSON with short keys (every byte is
 * radio time and, in the outbox, flash wear).
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
