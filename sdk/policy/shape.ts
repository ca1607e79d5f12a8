/**
 * Total type guards for values that may come from Storage or JSON. None of
 * them throws on any input: `null`, arrays, strings and objects with an own
 * `hasOwnProperty` key all answer false or a safe default.
 */

/** A plain key-value object: not null, not an array. */
export type Dict = { [key: string]: unknown };

/** True for an object that is not null and not an array. */
export function isDict(v: unknown): v is Dict {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** True for a number that is neither NaN nor ±Infinity (the global `isFinite` coerces, so check the type first). */
export function isNum(v: unknown): v is number {
  return typeof v === 'number' && isFinite(v);
}

/** True for a finite number without a fractional part. */
export function isInt(v: unknown): v is number {
  return isNum(v) && Math.floor(v) === v;
}

/**
 * True when `key` is one of `o`'s own keys. Reads `Object.keys` rather than
 * `o.hasOwnProperty`, which a JSON object can shadow, and rather than `o[key]`,
 * which finds `constructor` and friends on every object.
 */
export function hasKey(o: Dict, key: unknown): key is string {
  return typeof key === 'string' && Object.keys(o).indexOf(key) >= 0;
}
