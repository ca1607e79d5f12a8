/**
 * Narrowing: whether a consent survives a policy change (PRIVACY.md
 * requirement 6). Equal or narrower keeps it; anything wider, or anything
 * that cannot be read, makes it stale (fail closed).
 */
import { tierRank } from './rules';

type Dict = { [key: string]: unknown };
import type { GrantedField, GrantedPurpose } from './snapshot';

/**
 * True when `current` (the purpose as the policy declares it now, from
 * `snapshotPurpose`) is equal to or narrower than `granted` (the record kept
 * with the consent), so the consent stays live. Narrower means all of:
 * - the same purpose, recipient, endpoint and transport;
 * - every current field within a granted one (same channel, aggregate and
 *   threshold; histogram bounds a subset): fields may be removed, not added;
 * - a tier at least as coarse, and opt-in tiers a subset of the granted ones;
 * - not newly `essential` (an essential purpose cannot be withdrawn);
 * - a redaction at least as strong (see `redactionWithin`).
 * False when either record is missing or malformed: a consent that cannot be
 * compared is stale. Never throws.
 */
export function isNarrowerOrEqual(granted: GrantedPurpose | undefined, current: GrantedPurpose | undefined): boolean {
  // Helpers nested, not module-level: on Espruino a module-level function stays in RAM for good, a nested one only while this runs (ESPRUINO.md §3).
  function isDict(v: unknown): v is Dict {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  }
  function isInt(v: unknown): v is number {
    return typeof v === 'number' && isFinite(v) && Math.floor(v) === v;
  }
  /** True for a list of integers (or absent, which counts as empty). */
  function intList(v: unknown): boolean {
    if (v === undefined) return true;
    if (!Array.isArray(v)) return false;
    for (let i = 0; i < v.length; i++) if (!isInt(v[i])) return false;
    return true;
  }

  /** True when `v` has the shape `snapshotPurpose` produces (so comparing it cannot throw or mislead). */
  function isGranted(v: unknown): v is GrantedPurpose {
    if (!isDict(v) || !Array.isArray(v.f) || !Array.isArray(v.o) || !intList(v.d) || !Array.isArray(v.d) || v.d.length !== 2) return false;
    if (typeof v.p !== 'string' || typeof v.r !== 'string' || typeof v.e !== 'string' || typeof v.t !== 'string') return false;
    if (tierRank(v.w) < 0 || !isInt(v.s) || !isInt(v.q) || !isInt(v.k) || !isInt(v.n)) return false;
    for (let i = 0; i < v.f.length; i++) {
      const f = v.f[i] as Dict;
      if (!isDict(f) || typeof f.c !== 'string' || typeof f.a !== 'string' || !intList(f.b) || !(f.h === undefined || isInt(f.h))) return false;
    }
    return true;
  }

  /** True when every entry of `inner` is in `outer` (absent lists are empty). */
  function subset(inner: unknown[] | undefined, outer: unknown[] | undefined): boolean {
    const o = outer || [];
    if (inner) for (let i = 0; i < inner.length; i++) if (o.indexOf(inner[i]) < 0) return false;
    return true;
  }

  /**
   * True when field `f` reveals no more than granted field `g`: the same
   * channel, aggregate and threshold, and histogram bounds that are a subset of
   * the granted ones (merging buckets only coarsens a histogram).
   */
  function fieldWithin(f: GrantedField, g: GrantedField): boolean {
    return f.c === g.c && f.a === g.a && f.h === g.h && subset(f.b, g.b);
  }

  /** True when every current field is within some granted field. */
  function fieldsWithin(current: GrantedField[], granted: GrantedField[]): boolean {
    for (let i = 0; i < current.length; i++) {
      let found = false;
      for (let j = 0; j < granted.length && !found; j++) found = fieldWithin(current[i], granted[j]);
      if (!found) return false;
    }
    return true;
  }

  /**
   * True when the redaction is at least as strong: rounding kept (a step at
   * least the granted one, when there was one), kMin not lowered, no pseudonym
   * added, and the release delay neither earlier nor less random (its minimum
   * and its spread not reduced).
   */
  function redactionWithin(c: GrantedPurpose, g: GrantedPurpose): boolean {
    if (g.q > 0 && c.q < g.q) return false;
    if (c.k < g.k || c.n > g.n) return false;
    return c.d[0] >= g.d[0] && c.d[1] - c.d[0] >= g.d[1] - g.d[0];
  }
  if (!isGranted(granted) || !isGranted(current)) return false;
  if (current.p !== granted.p || current.r !== granted.r || current.e !== granted.e || current.t !== granted.t) return false;
  if (!fieldsWithin(current.f, granted.f)) return false;
  if (tierRank(current.w) < tierRank(granted.w) || !subset(current.o, granted.o)) return false;
  if (current.s > granted.s) return false;
  return redactionWithin(current, granted);
}
