/**
 * ArrayBuffer, typed arrays and DataView as Espruino 2v29 has them
 * (jswrap_arraybuffer.c, jswrap_dataview.c; see es5.d.ts for how membership was
 * verified).
 *
 * Prefer typed arrays on the device: `Float32Array(1000)` costs 299 JsVars against
 * 2003 for a plain array of floats (ESPRUINO.md §3).
 *
 * Espruino differences that the types encode:
 * - `ArrayBuffer` has only `byteLength`: no `slice`, no `ArrayBuffer.isView`.
 * - typed arrays have no `lastIndexOf`, `reduceRight`, `copyWithin`, `at`,
 *   `keys`/`values`/`entries`, `BYTES_PER_ELEMENT` and no static `from`/`of`;
 * - `slice` and `filter` return a plain `number[]`, not a typed array
 *   (run-time check); `map`, `fill`, `reverse`, `sort`, `subarray` return the same
 *   kind of typed array.
 * - `find`/`findIndex` take no `thisArg`.
 *
 * `for…of` over a typed array runs on Espruino, but TypeScript rejects it at target
 * ES5 without `downlevelIteration`: use an index loop or `forEach`.
 */

interface ArrayBuffer {
  readonly byteLength: number;
}
interface ArrayBufferConstructor {
  new (byteLength: number): ArrayBuffer;
}
declare var ArrayBuffer: ArrayBufferConstructor;

/** Anything that views an ArrayBuffer: every typed array and DataView. */
interface ArrayBufferView {
  readonly buffer: ArrayBuffer;
  readonly byteLength: number;
  readonly byteOffset: number;
}

/** Members shared by every Espruino typed array (jswrap_arraybuffer.c `ArrayBufferView.prototype`). */
interface EspruinoTypedArray<Self> extends ArrayBufferView {
  readonly length: number;
  [index: number]: number;
  every(predicate: (value: number, index: number, array: Self) => unknown, thisArg?: any): boolean;
  some(predicate: (value: number, index: number, array: Self) => unknown, thisArg?: any): boolean;
  fill(value: number, start?: number, end?: number): Self;
  /** Returns a plain Array on Espruino (run-time check). */
  filter(predicate: (value: number, index: number, array: Self) => unknown, thisArg?: any): number[];
  find(predicate: (value: number, index: number, obj: Self) => unknown): number | undefined;
  findIndex(predicate: (value: number, index: number, obj: Self) => unknown): number;
  forEach(callbackfn: (value: number, index: number, array: Self) => void, thisArg?: any): void;
  includes(searchElement: number, fromIndex?: number): boolean;
  indexOf(searchElement: number, fromIndex?: number): number;
  join(separator?: string): string;
  map(callbackfn: (value: number, index: number, array: Self) => number, thisArg?: any): Self;
  reduce(callbackfn: (previousValue: number, currentValue: number, currentIndex: number, array: Self) => number): number;
  reduce(
    callbackfn: (previousValue: number, currentValue: number, currentIndex: number, array: Self) => number,
    initialValue: number
  ): number;
  reduce<U>(
    callbackfn: (previousValue: U, currentValue: number, currentIndex: number, array: Self) => U,
    initialValue: U
  ): U;
  reverse(): Self;
  set(array: ArrayLike<number>, offset?: number): void;
  /** Returns a plain Array on Espruino, not a typed array (jswrap_arraybuffer.c, run-time check). */
  slice(start?: number, end?: number): number[];
  sort(compareFn?: (a: number, b: number) => number): Self;
  /** A view onto the same memory: no copy, no extra JsVars for the data. */
  subarray(begin?: number, end?: number): Self;
  toString(): string;
}

/** Constructor forms shared by every typed array (jswrap_arraybuffer.c). */
interface EspruinoTypedArrayConstructor<T> {
  new (length: number): T;
  new (array: ArrayLike<number>): T;
  new (buffer: ArrayBuffer, byteOffset?: number, length?: number): T;
}

interface Uint8Array extends EspruinoTypedArray<Uint8Array> {}
declare var Uint8Array: EspruinoTypedArrayConstructor<Uint8Array>;
interface Uint8ClampedArray extends EspruinoTypedArray<Uint8ClampedArray> {}
declare var Uint8ClampedArray: EspruinoTypedArrayConstructor<Uint8ClampedArray>;
interface Int8Array extends EspruinoTypedArray<Int8Array> {}
declare var Int8Array: EspruinoTypedArrayConstructor<Int8Array>;
interface Uint16Array extends EspruinoTypedArray<Uint16Array> {}
declare var Uint16Array: EspruinoTypedArrayConstructor<Uint16Array>;
interface Int16Array extends EspruinoTypedArray<Int16Array> {}
declare var Int16Array: EspruinoTypedArrayConstructor<Int16Array>;
/** Espruino-only: 24-bit unsigned elements (jswrap_arraybuffer.c). */
interface Uint24Array extends EspruinoTypedArray<Uint24Array> {}
declare var Uint24Array: EspruinoTypedArrayConstructor<Uint24Array>;
interface Uint32Array extends EspruinoTypedArray<Uint32Array> {}
declare var Uint32Array: EspruinoTypedArrayConstructor<Uint32Array>;
interface Int32Array extends EspruinoTypedArray<Int32Array> {}
declare var Int32Array: EspruinoTypedArrayConstructor<Int32Array>;
interface Float32Array extends EspruinoTypedArray<Float32Array> {}
declare var Float32Array: EspruinoTypedArrayConstructor<Float32Array>;
interface Float64Array extends EspruinoTypedArray<Float64Array> {}
declare var Float64Array: EspruinoTypedArrayConstructor<Float64Array>;

/** Any Espruino typed array. */
type TypedArray =
  | Uint8Array
  | Uint8ClampedArray
  | Int8Array
  | Uint16Array
  | Int16Array
  | Uint24Array
  | Uint32Array
  | Int32Array
  | Float32Array
  | Float64Array;

/** jswrap_dataview.c. `littleEndian` defaults to false (big-endian), as in the standard. */
interface DataView extends ArrayBufferView {
  getFloat32(byteOffset: number, littleEndian?: boolean): number;
  getFloat64(byteOffset: number, littleEndian?: boolean): number;
  getInt8(byteOffset: number): number;
  getInt16(byteOffset: number, littleEndian?: boolean): number;
  getInt32(byteOffset: number, littleEndian?: boolean): number;
  getUint8(byteOffset: number): number;
  getUint16(byteOffset: number, littleEndian?: boolean): number;
  getUint32(byteOffset: number, littleEndian?: boolean): number;
  setFloat32(byteOffset: number, value: number, littleEndian?: boolean): void;
  setFloat64(byteOffset: number, value: number, littleEndian?: boolean): void;
  setInt8(byteOffset: number, value: number): void;
  setInt16(byteOffset: number, value: number, littleEndian?: boolean): void;
  setInt32(byteOffset: number, value: number, littleEndian?: boolean): void;
  setUint8(byteOffset: number, value: number): void;
  setUint16(byteOffset: number, value: number, littleEndian?: boolean): void;
  setUint32(byteOffset: number, value: number, littleEndian?: boolean): void;
}
interface DataViewConstructor {
  new (buffer: ArrayBuffer, byteOffset?: number, byteLength?: number): DataView;
}
declare var DataView: DataViewConstructor;
