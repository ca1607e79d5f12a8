/**
 * A purpose as granted: the compact record a consent keeps (PRIVACY.md,
 * "consent record") and the input of its digest. It holds only strings and
 * integers, so it survives a JSON round trip on Espruino unchanged (floats
 * print with about 12 digits there) and encodes canonically without any
 * number rule: measured values (bounds, threshold, rounding step, delays)
 * are stored in millionths (`toMicro`). Keys are short because the record is
 * stored with every grant.
 */
import type { Aggregate, Policy, Tier, Transport } from '../model/index';
import { DEFAULT_K_MIN } from './rules';

type Dict = { [key: string]: unknown };

/** One field as granted. */
export interface GrantedField {
  /** Channel id. */
  c: string;
  /** Aggregate. */
  a: Aggregate;
  /** Histogram bounds in millionths of the channel's unit, ascending; absent when none. */
  b?: number[];
  /** Duty-cycle threshold in millionths of the channel's unit; absent when none. */
  h?: number;
}

/** A purpose as granted. Every number is an integer. */
export interface GrantedPurpose {
  /** Purpose id. */
  p: string;
  /** Recipient id. */
  r: string;
  /** Recipient endpoint. */
  e: string;
  /** Transport. */
  t: Transport;
  /** Fields, in declaration order. */
  f: GrantedField[];
  /** The tier a plain grant gives. */
  w: Tier;
  /** Opt-in tiers, finest first, without duplicates. */
  o: Tier[];
  /** Essential: 1, else 0. */
  s: number;
  /** Rounding step in millionths; 0 when values are not rounded. */
  q: number;
  /** kMin, the default (5) filled in. */
  k: number;
  /** Rotating pseudonym attached: 1, else 0. */
  n: number;
  /** Release delay [min, max] in millionths of an hour; [0, 0] when none. */
  d: number[];
}

/**
 * The purpose `id` of `policy` as a grant would record it: recipient id,
 * endpoint and transport, fields (channel, aggregate, bounds, threshold),
 * tier, opt-in tiers, `essential` and the redaction with defaults filled in.
 * Undefined when the policy does not declare the purpose or its recipient.
 * Never throws; meant for validated policies (garbage in gives a record that
 * matches nothing).
 */
export function snapshotPurpose(policy: Policy, id: string): GrantedPurpose | undefined {
  // Helpers nested, not module-level: on Espruino a module-level function stays in RAM for good, a nested one only while this runs (ESPRUINO.md §3).
  function isDict(v: unknown): v is Dict {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  }
  function isNum(v: unknown): v is number {
    return typeof v === 'number' && isFinite(v);
  }
  /** canonical.ts toMicro, copied (keep in step): `x` in millionths, rounded half away from zero; 0 unless finite. */
  function toMicro(x: number): number {
    if (typeof x !== 'number' || !isFinite(x)) return 0;
    const m = Math.floor(Math.abs(x) * 1000000 + 0.5);
    return x < 0 && m !== 0 ? -m : m;
  }
  function hasKey(o: Dict, key: unknown): key is string {
    return typeof key === 'string' && Object.keys(o).indexOf(key) >= 0;
  }
  /** Numbers in millionths; undefined when `v` is not a list of finite numbers or is empty. */
  function microList(v: unknown): number[] | undefined {
    if (!Array.isArray(v) || v.length === 0) return undefined;
    const out: number[] = [];
    for (let i = 0; i < v.length; i++) {
      if (!isNum(v[i])) return undefined;
      out.push(toMicro(v[i]));
    }
    return out;
  }

  function grantField(f: unknown): GrantedField {
    const d: Dict = isDict(f) ? f : {};
    const g: GrantedField = { c: String(d.channel), a: String(d.aggregate) as Aggregate };
    const b = microList(d.bounds);
    if (b) g.b = b;
    if (isNum(d.threshold)) g.h = toMicro(d.threshold);
    return g;
  }

  /** `tiers` as a set, finest first (the order and repeats of a declaration carry no meaning). */
  function tierSet(tiers: unknown): Tier[] {
    const out: Tier[] = [];
    if (!Array.isArray(tiers)) return out;
    const order: Tier[] = ['30min', '1h', '1d', '1mo']; // TIER_ORDER, built per call (rules.ts tierRank)
    for (let i = 0; i < order.length; i++) if (tiers.indexOf(order[i]) >= 0) out.push(order[i]);
    return out;
  }
  if (!isDict(policy) || !isDict(policy.purposes) || !isDict(policy.recipients)) return undefined;
  if (!hasKey(policy.purposes, id) || !isDict(policy.purposes[id])) return undefined;
  const u = policy.purposes[id];
  if (!hasKey(policy.recipients, u.recipient) || !isDict(policy.recipients[u.recipient])) return undefined;
  const rcp = policy.recipients[u.recipient];
  const red: Dict = isDict(u.redaction) ? u.redaction : {};
  const delay = microList(red.releaseDelayH);
  const fields: GrantedField[] = [];
  if (Array.isArray(u.fields)) for (let i = 0; i < u.fields.length; i++) fields.push(grantField(u.fields[i]));
  return {
    p: id,
    r: u.recipient,
    e: String(rcp.endpoint),
    t: rcp.transport,
    f: fields,
    w: u.tier,
    o: tierSet(u.optInTiers),
    s: u.essential === true ? 1 : 0,
    q: isNum(red.round) ? toMicro(red.round) : 0,
    k: isNum(red.kMin) ? red.kMin : DEFAULT_K_MIN,
    n: red.pseudonym === true ? 1 : 0,
    d: delay && delay.length === 2 ? delay : [0, 0],
  };
}
