/**
 * The "what to do instead" half of each checker message, by missing name.
 * Kept apart from the allow-lists so those stay pure data from Espruino.
 */

/** Replacements for globals Espruino 2v29 lacks (ESPRUINO.md §1). */
export const GLOBAL_HINTS: { readonly [name: string]: string } = {
  Map: 'use a plain object with string keys',
  Set: 'use a plain object as a set (obj[key] = 1)',
  WeakMap: 'use a plain object with string keys',
  WeakSet: 'use a plain object as a set (obj[key] = 1)',
  WeakRef: 'keep a plain reference',
  Symbol: 'use string keys',
  Proxy: 'there is no equivalent; write explicit accessors',
  Reflect: 'call Object.* or the method directly',
  BigInt: 'use numbers, or two 32-bit halves',
  RangeError: 'throw Error, or return a numeric error code (STYLE.md §8)',
  EvalError: 'throw Error, or return a numeric error code (STYLE.md §8)',
  URIError: 'throw Error, or return a numeric error code (STYLE.md §8)',
  AggregateError: 'throw Error, or return a numeric error code (STYLE.md §8)',
  TextEncoder: 'use E.toUint8Array(str) or E.asUTF8',
  TextDecoder: 'use E.toString(bytes) or E.decodeUTF8',
  queueMicrotask: 'use setTimeout(fn, 0)',
  setImmediate: 'use setTimeout(fn, 0)',
  clearImmediate: 'use clearTimeout',
  structuredClone: 'use JSON.parse(JSON.stringify(x))',
  Buffer: 'use Uint8Array, E.toString and E.toUint8Array',
  __dirname: 'it is a Node.js global; the device has no file paths',
  __filename: 'it is a Node.js global; the device has no file paths',
  escape: 'use encodeURIComponent',
  unescape: 'use decodeURIComponent',
};

/** Replacements for statics Espruino 2v29 lacks, keyed `Object.member`. */
export const STATIC_HINTS: { readonly [name: string]: string } = {
  'Number.isFinite': 'use the global isFinite',
  'Number.isNaN': 'use x !== x, or the global isNaN',
  'Number.isInteger': 'use Math.floor(x) === x',
  'Number.isSafeInteger': 'compare with 9007199254740991',
  'Number.parseInt': 'use the global parseInt',
  'Number.parseFloat': 'use the global parseFloat',
  'Number.EPSILON': 'use the literal 2.220446049250313e-16',
  'Number.MAX_SAFE_INTEGER': 'use the literal 9007199254740991',
  'Number.MIN_SAFE_INTEGER': 'use the literal -9007199254740991',
  'Math.trunc': 'use x < 0 ? Math.ceil(x) : Math.floor(x)',
  'Math.log2': 'use Math.log(x) / Math.LN2',
  'Math.log10': 'use Math.log(x) / Math.LN10',
  'Math.hypot': 'use Math.sqrt(a * a + b * b)',
  'Math.cbrt': 'use Math.sign(x) * Math.pow(Math.abs(x), 1 / 3)',
  'Math.fround': 'store through a Float32Array',
  'Math.imul': 'use (a * b) | 0 for operands below 2^26',
  'Array.from': 'copy with a for loop',
  'Array.of': 'use an array literal',
  'Object.freeze': 'drop it; nothing on the device enforces immutability',
  'Object.seal': 'drop it; nothing on the device enforces immutability',
  'Object.is': 'use ===, and x !== x for NaN',
  'Promise.race': 'settle once with a "done" flag in each callback',
  'Promise.allSettled': 'wrap each promise with then(ok, fail) and use Promise.all',
  'Promise.any': 'settle once with a "done" flag in each callback',
  'Date.UTC': 'compute milliseconds from the fields, or Date.parse an ISO string',
  'String.fromCodePoint': 'use String.fromCharCode',
};

/**
 * Instance methods missing from every Espruino builtin, by name: what is
 * missing and what to write instead. Calls are
 * matched by property name alone (a heuristic: a user method with the same
 * name is reported too). `lastIndexOf` is deliberately absent: String has it,
 * only arrays lack it, and the device types already reject the array form.
 */
export const MISSING_METHODS: { readonly [name: string]: readonly [what: string, fix: string] } = {
  flat: ['Array#flat', 'concat in a loop'],
  flatMap: ['Array#flatMap', 'map then concat in a loop'],
  at: ['at()', 'index with x[x.length - 1]'],
  findLast: ['Array#findLast', 'loop backwards'],
  findLastIndex: ['Array#findLastIndex', 'loop backwards'],
  reduceRight: ['Array#reduceRight', 'loop backwards'],
  copyWithin: ['copyWithin', 'copy with a loop or typed-array set()'],
  trimStart: ['String#trimStart', 'use trim() or a charCodeAt loop'],
  trimEnd: ['String#trimEnd', 'use trim() or a charCodeAt loop'],
  trimLeft: ['String#trimLeft', 'use trim() or a charCodeAt loop'],
  trimRight: ['String#trimRight', 'use trim() or a charCodeAt loop'],
  codePointAt: ['String#codePointAt', 'use charCodeAt'],
  matchAll: ['String#matchAll', 'loop over indexOf'],
  localeCompare: ['String#localeCompare', 'compare with < and >'],
  normalize: ['String#normalize', 'compare the raw strings'],
  finally: ['Promise#finally', 'call the cleanup in both then callbacks'],
  toPrecision: ['Number#toPrecision', 'use toFixed'],
  toExponential: ['Number#toExponential', 'use toFixed'],
};

/** Date UTC accessors are missing as a family: getUTC* and setUTC*. */
export const MISSING_METHOD_PATTERN = /^(get|set)UTC[A-Z]/;

/** The TypeScript feature behind each tslib helper Homebound does not ship. */
export const HELPER_FEATURES: { readonly [name: string]: string } = {
  __generator: 'generators or async functions',
  __awaiter: 'async functions',
  __await: 'async generators',
  __asyncGenerator: 'async generators',
  __asyncDelegator: 'async generators',
  __asyncValues: 'for await',
  __values: 'downlevelIteration (for-of over non-arrays)',
  __read: 'downlevelIteration (destructuring or spread of iterables)',
  __spread: 'downlevelIteration spread',
  __spreadArrays: 'array spread (pre-4.2 helper)',
  __makeTemplateObject: 'tagged templates',
  __decorate: 'decorators',
  __param: 'parameter decorators',
  __metadata: 'emitDecoratorMetadata',
  __esDecorate: 'ES decorators',
  __runInitializers: 'ES decorators',
  __setFunctionName: 'ES decorators or class names',
  __propKey: 'computed keys in decorated classes',
  __classPrivateFieldGet: '#private fields',
  __classPrivateFieldSet: '#private fields',
  __classPrivateFieldIn: '#private fields',
  __createBinding: 'CommonJS module interop',
  __exportStar: 'CommonJS module interop',
  __importStar: 'esModuleInterop',
  __importDefault: 'esModuleInterop',
  __setModuleDefault: 'esModuleInterop',
  __addDisposableResource: 'using declarations',
  __disposeResources: 'using declarations',
  __rewriteRelativeImportExtension: 'rewriteRelativeImportExtensions',
};
