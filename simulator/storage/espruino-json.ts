/**
 * Espruino 2v29's JSON writer (src/jswrap_json.c jsfGetJSONWithCallback) as
 * used by Storage: `writeJSON` writes the compact "drop quotes" dialect
 * (`{a:1,"b c":"\xE9"}`), `write(name, object)` writes standard JSON
 * (JSON.stringify flags). Numbers use Espruino's own float formatting
 * (src/jsutils.c ftoa_bounded), so `0.1+0.2` is written as `0.3`.
 */
import { fromBytes, toBytes } from './layout';

/** Which of Espruino's JSON flag sets to use. */
export interface JsonDialect {
  /** JSON_DROP_QUOTES: leave identifier and int32 keys unquoted. */
  dropQuotes: boolean;
  /** JSON_ALL_UNICODE_ESCAPE: `\u00XX` escapes only (JSON.stringify) rather than `\xXX`/`\N`. */
  unicodeEscapes: boolean;
}

/** Flags of jswrap_storage_writeJSON. */
export const STORAGE_JSON: JsonDialect = { dropQuotes: true, unicodeEscapes: false };
/** Flags of jswrap_json_stringify (used by `Storage.write` for objects). */
export const STANDARD_JSON: JsonDialect = { dropQuotes: false, unicodeEscapes: true };

const hex = (n: number, digits: number): string => n.toString(16).toUpperCase().padStart(digits, '0');

/** escapeCharacter for one byte; `next` is the following byte or -1. */
function escapeByte(ch: number, next: number, json: boolean): string {
  switch (ch) {
    case 0x0a: return '\\n';
    case 0x09: return '\\t';
    case 0x08: return '\\b';
    case 0x0c: return '\\f';
    case 0x0d: return '\\r';
    case 0x5c: return '\\\\';
    case 0x22: return '\\"';
  }
  if (ch === 0x0b && !json) return '\\v';
  if (ch < 8 && !json && (next < 0x30 || next > 0x37)) return '\\' + ch; // "\3", unless a digit follows
  if (ch < 32 || ch >= 127) return json ? '\\u' + hex(ch, 4) : '\\x' + hex(ch, 2);
  return String.fromCharCode(ch);
}

/** `%q` / `%Q`: a quoted, escaped string. Host text above U+00FF is first UTF-8 encoded, as on ESP32. */
export function quoteString(s: string, unicodeEscapes: boolean): string {
  const b = toBytes(s);
  let out = '"';
  for (let i = 0; i < b.length; i++) out += escapeByte(b[i], i + 1 < b.length ? b[i + 1] : -1, unicodeEscapes);
  return out + '"';
}

/** An int32: Espruino holds these as JsVarInt and prints them with itostr. */
function isInt32(v: number): boolean {
  return Number.isInteger(v) && v >= -0x80000000 && v <= 0x7fffffff;
}

/** itoch: a digit, or a letter if float error pushed it past 9. */
function itoch(v: number): string {
  return v < 10 ? String.fromCharCode(48 + v) : String.fromCharCode(97 + v - 10);
}

/** ftoa_bounded(val, buf, 70): Espruino's number-to-string for floats. */
export function formatFloat(val: number): string {
  if (Number.isNaN(val)) return 'NaN';
  if (!Number.isFinite(val)) return val < 0 ? '-Infinity' : 'Infinity';
  let out = '';
  if (val < 0) {
    out = '-';
    val = -val;
  }
  let exponent = 0;
  if (val > 0 && val >= 1e21) {
    while (val > 100000) { val /= 100000; exponent += 5; }
    while (val > 10) { val /= 10; exponent++; }
  } else if (val > 0 && val < 1e-6) {
    while (val < 1e-5) { val *= 100000; exponent -= 5; }
    while (val < 1) { val *= 10; exponent--; }
  }
  const stop = 0.0000001;
  // "really close to an integer? Just use that" ((JsVarInt) casts; skipped past int32 range)
  if (val < 0x7fffffff && Math.trunc(val + stop) === 1 + Math.trunc(val)) val = 1 + Math.trunc(val);
  let d = 1;
  while (d * 10 <= val) d *= 10;
  while (d >= 1) {
    const v = Math.trunc(val / d);
    val -= v * d;
    out += itoch(v);
    d /= 10;
  }
  if (val > 0) {
    val *= 10;
    for (let digits = 0; digits < 11 && val > stop; digits++) {
      let v = Math.trunc(val + 0.00000001);
      val = (val - v) * 10;
      if (v === 10) v = 9;
      out += (digits === 0 ? '.' : '') + itoch(v);
    }
  }
  if (exponent) out += 'e' + (exponent > 0 ? '+' : '') + exponent;
  return out;
}

/** `%v` of a number. */
export function formatNumber(v: number): string {
  return isInt32(v) ? String(v) : formatFloat(v);
}

/** isIDString: [A-Za-z_][A-Za-z0-9_]* (no `$`). */
const ID_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Keys Espruino stores as int array indices (jsvAsArrayIndex). */
const INT_KEY = /^(0|[1-9][0-9]*)$/;

function formatKey(key: string, d: JsonDialect): string {
  if (d.dropQuotes && ((INT_KEY.test(key) && isInt32(Number(key))) || (key.length < 63 && ID_KEY.test(key)))) return key;
  return quoteString(key, d.unicodeEscapes);
}

type Writer = (v: unknown, key: string, allowToJson: boolean) => string;

function formatObject(obj: object, d: JsonDialect, write: Writer): string {
  const parts: string[] = [];
  for (const key of Object.keys(obj)) {
    const desc = Object.getOwnPropertyDescriptor(obj, key);
    if (!desc || desc.get || desc.set) continue; // jsvIsGetterOrSetter: hidden
    const item = desc.value;
    if (typeof item === 'function' || item === undefined) continue; // JSON_IGNORE_FUNCTIONS, JSON_NO_UNDEFINED
    parts.push(formatKey(key, d) + ':' + write(item, key, true));
  }
  return '{' + parts.join(',') + '}';
}

/**
 * jsfGetJSON with the given dialect. Keys come out in host property order
 * (V8 puts integer-like keys first; Espruino keeps insertion order).
 * @returns the JSON text as a binary string (one char per byte)
 */
export function toEspruinoJson(value: unknown, d: JsonDialect): string {
  const busy = new Set<object>();
  const write: Writer = (v, key, allowToJson) => {
    if (v === undefined) return 'null';
    if (v === null) return 'null';
    if (typeof v === 'boolean') return String(v);
    if (typeof v === 'number') return Number.isFinite(v) ? formatNumber(v) : 'null'; // JSON_NO_NAN
    if (typeof v === 'string') return quoteString(v, d.unicodeEscapes);
    if (typeof v === 'function') return 'undefined';
    if (typeof v !== 'object') return String(v);
    if (busy.has(v)) return ' ... '; // JSV_IS_RECURSING
    const toJson = (v as { toJSON?: unknown }).toJSON;
    if (allowToJson && typeof toJson === 'function') return write(toJson.call(v, key), '', false);
    busy.add(v);
    try {
      if (Array.isArray(v)) return '[' + Array.from(v, (item, i) => write(item, String(i), true)).join(',') + ']';
      if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
        return '[' + Array.from(v as unknown as ArrayLike<number>, (n) => formatNumber(Number(n))).join(',') + ']';
      }
      if (v instanceof ArrayBuffer) return '[' + Array.from(new Uint8Array(v), String).join(',') + ']';
      return formatObject(v, d, write);
    } finally {
      busy.delete(v);
    }
  };
  return fromBytes(toBytes(write(value, '', true)));
}
