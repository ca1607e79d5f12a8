/**
 * Core ECMAScript builtins exactly as Espruino 2v29 has them on ESP32.
 *
 * How membership was verified (applies to every es5-*.d.ts, typed-arrays.d.ts and
 * promise.d.ts file): the symbol tables that Espruino's own
 * `scripts/build_jswrapper.py` generates for `BOARD=ESP32` at the `2v29 release`
 * commit (the `jswrap_*.c` JSON headers after their `#if`/`ifdef` filters; the
 * ESP32C3_IDF4 and ESP32S3_IDF4 tables have identical core builtins), cross-checked
 * by running the 2v29 Linux build. A comment names the jswrap file, or says
 * "run-time check" where the behaviour (not the name) was measured.
 *
 * Deliberately absent, so that using them is a type error: Map, Set, WeakMap,
 * Symbol, Proxy, Reflect, BigInt, RangeError/EvalError/URIError, encodeURI/decodeURI,
 * escape/unescape, and every member listed as missing in ESPRUINO.md §1.
 *
 * `prototype` is declared on NO builtin constructor and not on Function: Espruino
 * resolves builtin methods only on instances (`Array.prototype.slice` is undefined),
 * and a `prototype: {}` type would also break `x instanceof Array` narrowing,
 * which TypeScript derives from the `prototype` property's type.
 */

declare var NaN: number;
declare var Infinity: number;
/** The global scope object (jswrap_functions.c: `global`; `globalThis` is built into TypeScript). */
declare var global: typeof globalThis;

/** Evaluates source text. Used to run code kept in Storage (`eval(require("Storage").read(f))`). */
declare function eval(code: string): any;
/** jswrap_functions.c. `radix` 2..36; a leading `0x` is honoured. */
declare function parseInt(string: string, radix?: number): number;
declare function parseFloat(string: string): number;
/** The global form exists (jswrap_functions.c); `Number.isNaN` does not. */
declare function isNaN(number: number): boolean;
/** The global form exists (jswrap_functions.c); `Number.isFinite` does not. */
declare function isFinite(number: number): boolean;
/** jswrap_functions.c. Only the *Component forms exist (no encodeURI/decodeURI). */
declare function encodeURIComponent(uriComponent: string | number | boolean): string;
declare function decodeURIComponent(encodedURIComponent: string): string;
/** Base64-encodes a binary string or byte array (jswrap_functions.c). */
declare function btoa(binaryData: string | ArrayLike<number> | ArrayBuffer): string;
/** Decodes base64 into a binary string (jswrap_functions.c). */
declare function atob(base64Data: string): string;

interface Object {
  /** Espruino's `Object.prototype.toString` takes an optional radix (jswrap_object.c). */
  toString(radix?: number): string;
  valueOf(): Object;
  hasOwnProperty(v: PropertyKey): boolean;
  /** Present (run-time check). No isPrototypeOf/propertyIsEnumerable/toLocaleString (jswrap_object.c). */
  constructor: Function;
}

/** jswrap_object.c. No freeze/seal/is/isFrozen/isSealed/preventExtensions/isExtensible/hasOwn. */
interface ObjectConstructor {
  (value?: any): any;
  new (value?: any): Object;
  getPrototypeOf(o: any): any;
  setPrototypeOf(o: any, proto: object | null): any;
  getOwnPropertyDescriptor(o: any, p: PropertyKey): PropertyDescriptor | undefined;
  getOwnPropertyDescriptors<T>(o: T): { [P in keyof T]: TypedPropertyDescriptor<T[P]> } & {
    [x: string]: PropertyDescriptor;
  };
  getOwnPropertyNames(o: any): string[];
  create(o: object | null): any;
  create(o: object | null, properties: PropertyDescriptorMap & ThisType<any>): any;
  /** Espruino ignores `enumerable: false` (ESPRUINO.md §1). */
  defineProperty<T>(o: T, p: PropertyKey, attributes: PropertyDescriptor & ThisType<any>): T;
  defineProperties<T>(o: T, properties: PropertyDescriptorMap & ThisType<any>): T;
  keys(o: {}): string[];
  values<T>(o: { [s: string]: T } | ArrayLike<T>): T[];
  values(o: {}): any[];
  entries<T>(o: { [s: string]: T } | ArrayLike<T>): [string, T][];
  entries(o: {}): [string, any][];
  fromEntries<T = any>(entries: ReadonlyArray<readonly [PropertyKey, T]>): { [k: string]: T };
  assign<T extends {}, U>(target: T, source: U): T & U;
  assign<T extends {}, U, V>(target: T, source1: U, source2: V): T & U & V;
  assign<T extends {}, U, V, W>(target: T, source1: U, source2: V, source3: W): T & U & V & W;
  assign(target: object, ...sources: any[]): any;
}
declare var Object: ObjectConstructor;

/**
 * jswrap_object.c `Function.prototype`: apply, bind, call, replaceWith; `length` works
 * (run-time check). No `name` (undefined at run time) and no `prototype` (see top).
 */
interface Function {
  apply(this: Function, thisArg: any, argArray?: any): any;
  call(this: Function, thisArg: any, ...argArray: any[]): any;
  bind(this: Function, thisArg: any, ...argArray: any[]): any;
  readonly length: number;
  /** Espruino-only: swaps the function's code while keeping its identity. */
  replaceWith(newFunc: Function): void;
}

interface CallableFunction extends Function {
  apply<T, R>(this: (this: T) => R, thisArg: T): R;
  apply<T, A extends any[], R>(this: (this: T, ...args: A) => R, thisArg: T, args: A): R;
  call<T, A extends any[], R>(this: (this: T, ...args: A) => R, thisArg: T, ...args: A): R;
  bind<T>(this: T, thisArg: ThisParameterType<T>): OmitThisParameter<T>;
  bind<T, A extends any[], B extends any[], R>(
    this: (this: T, ...args: [...A, ...B]) => R,
    thisArg: T,
    ...args: A
  ): (...args: B) => R;
}

interface NewableFunction extends Function {
  apply<T>(this: new () => T, thisArg: T): void;
  apply<T, A extends any[]>(this: new (...args: A) => T, thisArg: T, args: A): void;
  call<T, A extends any[]>(this: new (...args: A) => T, thisArg: T, ...args: A): void;
  bind<T>(this: T, thisArg: any): T;
  bind<A extends any[], B extends any[], R>(
    this: new (...args: [...A, ...B]) => R,
    thisArg: any,
    ...args: A
  ): new (...args: B) => R;
}

interface FunctionConstructor {
  new (...args: string[]): Function;
  (...args: string[]): Function;
}
declare var Function: FunctionConstructor;

/**
 * On Espruino `arguments` is a real Array and its `length` is max(declared, passed)
 * (ESPRUINO.md §1), so do not use `length` to count what the caller passed.
 */
interface IArguments {
  [index: number]: any;
  length: number;
}

interface Boolean {
  valueOf(): boolean;
}
/** Call form only; `new Boolean()` wrappers are pointless on the device. */
interface BooleanConstructor {
  <T>(value?: T): boolean;
}
declare var Boolean: BooleanConstructor;

/** jswrap_number.c: only `toFixed`; toString(radix)/valueOf come from Object. No toPrecision/toExponential/toLocaleString. */
interface Number {
  toFixed(fractionDigits?: number): string;
  toString(radix?: number): string;
  valueOf(): number;
}
/**
 * jswrap_number.c: MAX_VALUE, MIN_VALUE, NaN, NEGATIVE_INFINITY, POSITIVE_INFINITY only.
 * No isFinite/isNaN/isInteger/isSafeInteger/parseInt/parseFloat/EPSILON/MAX_SAFE_INTEGER.
 */
interface NumberConstructor {
  (value?: any): number;
  readonly MAX_VALUE: number;
  readonly MIN_VALUE: number;
  readonly NaN: number;
  readonly NEGATIVE_INFINITY: number;
  readonly POSITIVE_INFINITY: number;
}
declare var Number: NumberConstructor;

/** jswrap_json.c. */
interface JSON {
  /** No reviver: Espruino ignores it (ESPRUINO.md §1). */
  parse(text: string): any;
  /** No replacer: Espruino ignores it (ESPRUINO.md §1), so only `null`/`undefined` is accepted there. */
  stringify(value: any, replacer?: null, space?: string | number): string;
}
declare var JSON: JSON;

/**
 * jswrap_math.c. Of the ES2015 additions only `sign` exists: no trunc, log2, log10,
 * hypot, fround, imul, clz32, cbrt, sinh/cosh/tanh, expm1, log1p.
 */
interface Math {
  readonly E: number;
  readonly LN10: number;
  readonly LN2: number;
  readonly LOG10E: number;
  readonly LOG2E: number;
  readonly PI: number;
  readonly SQRT1_2: number;
  readonly SQRT2: number;
  abs(x: number): number;
  acos(x: number): number;
  asin(x: number): number;
  atan(x: number): number;
  atan2(y: number, x: number): number;
  ceil(x: number): number;
  cos(x: number): number;
  exp(x: number): number;
  floor(x: number): number;
  log(x: number): number;
  max(...values: number[]): number;
  min(...values: number[]): number;
  pow(x: number, y: number): number;
  /** Same sequence after every boot on ESP32 (ESPRUINO.md §5): never use for IDs or noise. */
  random(): number;
  round(x: number): number;
  sign(x: number): number;
  sin(x: number): number;
  sqrt(x: number): number;
  tan(x: number): number;
  /** Espruino-only (2v25+): integer in `0 <= X < range`. Same boot-time sequence as `random`. */
  randInt(range?: number): number;
  /** @deprecated Espruino-only; use `E.clip`. */
  clip(x: number, min: number, max: number): number;
  /** @deprecated Espruino-only: wraps `x` into `0 <= x < max`. */
  wrap(x: number, max: number): number;
}
declare var Math: Math;
