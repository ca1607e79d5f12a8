/**
 * What V8 has and Espruino 2v29 lacks (ESPRUINO.md §1). The realm deletes
 * these so a bundle that slipped past `homebound check` fails in the
 * simulator the way it would on the device, with a ReferenceError or a
 * "not a function" TypeError.
 */
export const MISSING_GLOBALS = [
  'Map', 'Set', 'WeakMap', 'WeakSet', 'WeakRef', 'FinalizationRegistry', 'Symbol', 'Proxy', 'Reflect', 'BigInt',
  'BigInt64Array', 'BigUint64Array', 'RangeError', 'URIError', 'EvalError', 'AggregateError', 'TextEncoder', 'TextDecoder',
  'queueMicrotask', 'setImmediate', 'structuredClone', 'SharedArrayBuffer', 'Atomics', 'WebAssembly', 'Intl', 'globalThis',
  'escape', 'unescape', 'encodeURI', 'decodeURI',
];

/** Static members to delete, by global. */
export const MISSING_STATICS: { [global: string]: string[] } = {
  Number: ['isFinite', 'isNaN', 'isInteger', 'isSafeInteger', 'EPSILON', 'MAX_SAFE_INTEGER', 'MIN_SAFE_INTEGER'],
  Math: ['trunc', 'log2', 'log10', 'log1p', 'expm1', 'hypot', 'fround', 'imul', 'clz32', 'cbrt', 'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh'],
  Array: ['from', 'of'],
  Object: ['freeze', 'seal', 'is', 'isFrozen', 'isSealed', 'preventExtensions', 'isExtensible', 'fromEntries', 'getOwnPropertySymbols', 'groupBy'],
  Promise: ['race', 'allSettled', 'any', 'withResolvers'],
  Date: ['UTC'],
  String: ['raw', 'fromCodePoint'],
};

/** Prototype methods to delete, by global. */
export const MISSING_METHODS: { [global: string]: string[] } = {
  Array: ['lastIndexOf', 'flat', 'flatMap', 'at', 'findLast', 'findLastIndex', 'copyWithin', 'toSorted', 'toReversed', 'toSpliced', 'with'],
  String: ['trimStart', 'trimEnd', 'trimLeft', 'trimRight', 'codePointAt', 'matchAll', 'normalize', 'at', 'replaceAll'],
  Promise: ['finally'],
  ArrayBuffer: ['slice', 'resize', 'transfer'],
  Date: ['setUTCFullYear', 'setUTCMonth', 'setUTCDate', 'setUTCHours', 'setUTCMinutes', 'setUTCSeconds', 'setUTCMilliseconds'],
};

/** Source that deletes everything above inside a realm; run before any device code. */
export function stripScript(): string {
  // Sloppy mode: deleting a non-configurable property returns false instead of throwing.
  const lines: string[] = ['var g = this;'];
  for (const name of MISSING_GLOBALS) lines.push(`delete g[${JSON.stringify(name)}];`);
  for (const owner of Object.keys(MISSING_STATICS)) {
    for (const m of MISSING_STATICS[owner]) lines.push(`delete ${owner}[${JSON.stringify(m)}];`);
  }
  for (const owner of Object.keys(MISSING_METHODS)) {
    for (const m of MISSING_METHODS[owner]) lines.push(`delete ${owner}.prototype[${JSON.stringify(m)}];`);
  }
  // Number.EPSILON and the SAFE_INTEGER constants are non-configurable in V8:
  // replace Number by a function with only Espruino's statics.
  lines.push(
    'var RealNumber = Number;',
    'var N = function Number(v) { return arguments.length ? +v : 0; };',
    'N.prototype = RealNumber.prototype;',
    '["MAX_VALUE", "MIN_VALUE", "NaN", "NEGATIVE_INFINITY", "POSITIVE_INFINITY", "parseFloat", "parseInt"].forEach(function (k) { N[k] = RealNumber[k]; });',
    'Object.defineProperty(g, "Number", { value: N, writable: true, configurable: true, enumerable: false });',
  );
  return lines.join('\n');
}
