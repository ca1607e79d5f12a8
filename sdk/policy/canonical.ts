/**
 * The canonical encoding: one text per value, identical on Espruino and V8,
 * so that a digest computed on the host equals the one the device computes
 * (PRIVACY.md, "consent record"). It is a strict subset of JSON:
 *
 * - objects: own keys sorted by UTF-16 code unit (`<`), `{"k":v,...}`, no
 *   spaces; keys whose value is `undefined` or a function are left out (so
 *   `{a: undefined}` encodes as `{}`). Espruino lists integer-like keys in
 *   insertion order where V8 puts them first: sorting removes the difference.
 * - arrays: in order, `[v,...]`; an `undefined` or function element is `null`.
 * - strings: `"..."` where `"` and `\` are escaped with `\`, and every code
 *   unit outside printable ASCII (0x20–0x7E) is `\u` + 4 lowercase hex
 *   digits. The text is pure ASCII, so the binary string handed to SHA-256 is
 *   the same bytes everywhere.
 * - numbers: the value in millionths, rounded half away from zero, written
 *   as a decimal with up to 6 fraction digits and no trailing zeros: `5`,
 *   `-3.25`, `0.1`, `0.0000004` → `0`, `-0` → `0`. Digits come from integer
 *   arithmetic, never from `String(float)` (Espruino prints about 12
 *   significant digits) nor `Math.round` (Espruino rounds -2.5 to -3, V8 to
 *   -2). Exact for |x| < 9e9; beyond that still the same on both engines.
 *   NaN and ±Infinity encode as `null`.
 * - `true`, `false`, `null`; anything else (and nesting deeper than 32) is `null`.
 */

/**
 * `x` in millionths, rounded half away from zero (integer arithmetic on
 * |x| so both engines agree); 0 for NaN and ±Infinity. The device code keeps
 * nested copies (canonicalEncode below, snapshotPurpose in snapshot.ts), so
 * no module-level function stays in RAM for it: keep the three in step.
 */
export function toMicro(x: number): number {
  if (typeof x !== 'number' || !isFinite(x)) return 0;
  const m = Math.floor(Math.abs(x) * 1000000 + 0.5);
  return x < 0 && m !== 0 ? -m : m;
}

/**
 * The canonical encoding of `value` (rules in the file comment): pure-ASCII
 * text, the same on Espruino and V8, that sorts object keys and fixes how
 * numbers are written. Never throws.
 */
export function canonicalEncode(value: unknown): string {
  /** Nesting deeper than this encodes as `null`: a cycle cannot recurse forever. */
  const MAX_DEPTH = 32;
  const HEX = '0123456789abcdef';
  // Helpers nested, not module-level: on Espruino a module-level function stays in RAM for good, a nested one only while this runs (ESPRUINO.md §3).
  /** Decimal digits of a non-negative integer-valued number, by exact division. */
  function digits(n: number): string {
    let out = '';
    do {
      const r = n % 10;
      out = HEX.charAt(r) + out;
      n = (n - r) / 10;
    } while (n >= 1);
    return out;
  }

  /** The number rule above. */
  function encodeNumber(x: number): string {
    if (!isFinite(x)) return 'null';
    // toMicro, inline (see toMicro)
    let m = Math.floor(Math.abs(x) * 1000000 + 0.5);
    if (x < 0 && m !== 0) m = -m;
    const a = m < 0 ? -m : m;
    const whole = Math.floor(a / 1000000);
    let frac = digits(a - whole * 1000000);
    while (frac.length < 6) frac = '0' + frac;
    while (frac.length > 0 && frac.charAt(frac.length - 1) === '0') frac = frac.substring(0, frac.length - 1);
    return (m < 0 ? '-' : '') + digits(whole) + (frac.length ? '.' + frac : '');
  }

  /** The string rule above. */
  function encodeString(s: string): string {
    let out = '"';
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === 34 || c === 92) out += '\\' + s.charAt(i);
      else if (c >= 32 && c <= 126) out += s.charAt(i);
      else out += '\\u' + HEX.charAt((c >> 12) & 15) + HEX.charAt((c >> 8) & 15) + HEX.charAt((c >> 4) & 15) + HEX.charAt(c & 15);
    }
    return out + '"';
  }

  /** True for values an object leaves out and an array writes as `null`. */
  function isAbsent(v: unknown): boolean {
    return v === undefined || typeof v === 'function';
  }

  function encodeArray(a: unknown[], depth: number): string {
    let out = '[';
    for (let i = 0; i < a.length; i++) out += (i ? ',' : '') + encode(a[i], depth + 1);
    return out + ']';
  }

  function encodeObject(o: { [k: string]: unknown }, depth: number): string {
    const keys = Object.keys(o).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    let out = '{';
    let first = true;
    for (let i = 0; i < keys.length; i++) {
      const v = o[keys[i]];
      if (isAbsent(v)) continue;
      out += (first ? '' : ',') + encodeString(keys[i]) + ':' + encode(v, depth + 1);
      first = false;
    }
    return out + '}';
  }

  function encode(v: unknown, depth: number): string {
    if (typeof v === 'string') return encodeString(v);
    if (typeof v === 'number') return encodeNumber(v);
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    if (depth >= MAX_DEPTH || typeof v !== 'object' || v === null) return 'null';
    if (Array.isArray(v)) return encodeArray(v, depth);
    return encodeObject(v as { [k: string]: unknown }, depth);
  }
  return encode(value, 0);
}
