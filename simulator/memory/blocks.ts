/**
 * The JsVar cost of single values in Espruino 2v29's representation
 * (`src/jsvar.h`, `src/jsvar.c`, `src/jsparse.c`). Counts are blocks, the
 * unit of `process.memory().usage`. Each formula names the C code it follows.
 */
import type { JsVarLayout } from './layout';

/** Bytes Espruino stores for a JS string: chars up to 0xFF are one byte (no ESPR_UNICODE_SUPPORT on ESP32). */
export function byteLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0xff) n += c > 0x7ff ? 2 : 1;
  }
  return n;
}

/**
 * A STRING built by appending (literals, concatenation, JSON): one block of
 * `stringChars`, then STRING_EXT blocks of `extChars` (jsvNewFromString).
 */
export function stringVars(bytes: number, layout: JsVarLayout): number {
  if (bytes <= layout.stringChars) return 1;
  return 1 + Math.ceil((bytes - layout.stringChars) / layout.extChars);
}

/** A FLAT_STRING: a header block plus contiguous data blocks (jsvNewFlatStringOfLength). */
export function flatStringVars(bytes: number, layout: JsVarLayout): number {
  return 1 + Math.ceil(bytes / layout.bytesPerVar);
}

/**
 * A string Espruino allocates with jsvNewStringOfLength / jslNewStringFromLexer:
 * flat above JSV_FLAT_STRING_BREAK_EVEN, chained below (function code, typed-array storage).
 */
export function sizedStringVars(bytes: number, layout: JsVarLayout): number {
  return bytes > layout.flatBreakEven ? flatStringVars(bytes, layout) : stringVars(bytes, layout);
}

/** Whether a property key is stored as a NAME_INT (array index or integer-like key). */
export function isIntegerKey(key: string): boolean {
  if (key === '0') return true;
  if (!/^-?[1-9][0-9]{0,9}$/.test(key)) return false;
  const n = Number(key);
  return n >= -2147483648 && n <= 2147483647;
}

/**
 * A NAME for `key` (a property, a variable, an array index). String names hold
 * `nameChars` inline and continue in STRING_EXT blocks (jsvMakeIntoVariableName).
 */
export function nameVars(key: string, layout: JsVarLayout): number {
  if (isIntegerKey(key)) return 1;
  const bytes = byteLength(key);
  if (bytes <= layout.nameChars) return 1;
  return 1 + Math.ceil((bytes - layout.nameChars) / layout.extChars);
}

/** Whether `n` is stored as an INTEGER (JsVarInt is 32-bit) rather than a FLOAT. */
export function isJsVarInt(n: number): boolean {
  return Number.isInteger(n) && n >= -2147483648 && n <= 2147483647 && !Object.is(n, -0);
}

/**
 * Whether a name holds `value` in its firstChild instead of pointing to a
 * value block: integers in the ref range for any name, booleans only for
 * integer names (JSV_NAME_STRING_INT_*, JSV_NAME_INT_INT, JSV_NAME_INT_BOOL).
 */
export function inlinedInName(key: string, value: unknown, layout: JsVarLayout): boolean {
  if (value === undefined) return true; // an undefined value is a ref of 0
  if (typeof value === 'boolean') return isIntegerKey(key);
  return typeof value === 'number' && isJsVarInt(value) && value >= layout.inlineIntMin && value <= layout.inlineIntMax;
}

/** Blocks of a primitive value that is not inlined into its name. */
export function primitiveVars(value: unknown, layout: JsVarLayout): number {
  switch (typeof value) {
    case 'undefined': return 0;
    case 'string': return stringVars(byteLength(value), layout);
    case 'number': case 'boolean': return 1; // INTEGER, FLOAT or BOOLEAN: one block each
    case 'bigint': return 1; // no BigInt on Espruino; counted as a number
    case 'symbol': return 0; // no Symbol on Espruino
    default: return value === null ? 1 : 0; // JSV_NULL is a block of its own
  }
}

/** A property or variable: its name plus its value unless inlined (objects are counted where they live). */
export function slotVars(key: string, value: unknown, layout: JsVarLayout): number {
  if (inlinedInName(key, value, layout)) return nameVars(key, layout);
  const isRef = (typeof value === 'object' && value !== null) || typeof value === 'function';
  return nameVars(key, layout) + (isRef ? 0 : primitiveVars(value, layout));
}

/** How a function's code is held: run from Storage (a memory-mapped native string) or uploaded to RAM. */
export type CodePlacement = 'storage' | 'ram';

/**
 * The `\xFFcod` child of a function: a NAME plus a NATIVE_STRING into flash
 * when parsed from Storage, or a copy of the body when parsed from RAM
 * (jspeFunctionDefinitionInternal). An empty body has no code child.
 */
export function codeVars(codeBytes: number, placement: CodePlacement, layout: JsVarLayout): number {
  if (codeBytes <= 0) return 0;
  return 1 + (placement === 'storage' ? 1 : sizedStringVars(codeBytes, layout));
}

/**
 * The `\xFFsco` child of a function defined inside `depth` enclosing
 * function activations: none at top level; a NAME pointing at the one scope;
 * or a NAME plus a copied ARRAY of `depth` index NAMEs (jspeiGetScopesAsVar).
 */
export function scopeLinkVars(depth: number): number {
  if (depth <= 0) return 0;
  return depth === 1 ? 1 : 2 + depth;
}

/** What Espruino keeps for one user function, apart from shared scopes and own properties. */
export interface FunctionShape {
  /** Parameter names, without Espruino's `\xFF` prefix. */
  params: string[];
  /** Bytes of code Espruino stores (the body, without a leading `return`). */
  codeBytes: number;
  /** Enclosing function activations (0 at top level). */
  depth: number;
  /** Name of a named function expression (`\xFFnam` child), if any. */
  internalName?: string;
}

/** Blocks of one user function: FUNCTION, `\xFF`-prefixed params, code, scope link, internal name. */
export function functionVars(shape: FunctionShape, placement: CodePlacement, layout: JsVarLayout): number {
  let n = 1;
  for (const p of shape.params) n += nameVars('\xff' + p, layout);
  n += codeVars(shape.codeBytes, placement, layout);
  // An empty body gets no scope either: both are added only `if (lastTokenEnd>0)`.
  if (shape.codeBytes > 0) n += scopeLinkVars(shape.depth);
  if (shape.internalName) n += 1 + stringVars(byteLength(shape.internalName), layout);
  return n;
}

/**
 * A typed array view: the view block, its ArrayBuffer block, and the
 * storage string (flat above the break-even, jsvNewTypedArray).
 */
export function arrayBufferStorageVars(byteLen: number, layout: JsVarLayout): number {
  return sizedStringVars(byteLen, layout);
}

/**
 * First use of a built-in class with `new` adds it to the root scope:
 * its NAME, a NATIVE_FUNCTION, `prototype` NAME, the prototype OBJECT and
 * its `constructor` NAME (jspNewPrototype). Float32Array: 8 on ESP32.
 */
export function builtinClassVars(className: string, layout: JsVarLayout): number {
  return nameVars(className, layout) + 1 + nameVars('prototype', layout) + 1 + nameVars('constructor', layout);
}

/** Fixed shapes of Espruino's built-in objects, measured on 2v29 (see calibration-data.ts). */
export const FIXED_SHAPES = {
  /** Date: OBJECT + `__proto__` + `ms` NAME + FLOAT. */
  date: (layout: JsVarLayout): number => 1 + nameVars('__proto__', layout) + nameVars('ms', layout) + 1,
  /** Pending Promise: OBJECT + `__proto__` + `state` (int inlined). Each `.then` adds 19 + its callback (measured), not visible to the walk. */
  promise: (layout: JsVarLayout): number => 1 + nameVars('__proto__', layout) + nameVars('state', layout),
  /**
   * Error: OBJECT + `__proto__` + message, type ("Error") and stack strings.
   * The stack text comes from the lexer position; 2v29 gave 13 blocks (~120 chars) in tests.
   */
  error: (message: string, layout: JsVarLayout): number =>
    1 + nameVars('__proto__', layout) + nameVars('message', layout) + stringVars(byteLength(message), layout) +
    nameVars('type', layout) + stringVars(5, layout) + nameVars('stack', layout) + stringVars(120, layout),
};
