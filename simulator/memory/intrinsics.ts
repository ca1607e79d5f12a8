/**
 * The ECMAScript built-ins of one or more realms: objects the walker never
 * counts (Espruino has them in firmware, not in JsVars) and the prototypes
 * that tell it what kind of built-in instance a value is.
 */
import * as vm from 'vm';

/** Built-in classes whose instances Espruino represents specially (see walkBuiltin). */
const SPECIAL_CLASSES = [
  'Date', 'Promise', 'RegExp', 'ArrayBuffer', 'DataView',
  'Error', 'TypeError', 'SyntaxError', 'ReferenceError', 'RangeError', 'EvalError', 'URIError',
  'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array',
  'Int32Array', 'Uint32Array', 'Float32Array', 'Float64Array',
];

/** Prototypes whose instances Espruino stores without a `__proto__` child. */
const IMPLICIT_PROTOTYPES = ['Object', 'Array', 'Function', 'String', 'Number', 'Boolean'];

export interface Intrinsics {
  /** Names every fresh realm defines on its global object. */
  readonly globalNames: ReadonlySet<string>;
  /** A built-in object (constructor, prototype, namespace, method) of one of the realms. */
  isIntrinsic(o: object): boolean;
  /** For a built-in prototype with a special Espruino shape: its class name (`Date` for Date.prototype). */
  classOfPrototype(proto: object): string | undefined;
  /** Object.prototype, Array.prototype…: instances need no `__proto__` child on Espruino. */
  isImplicitPrototype(proto: object | null): boolean;
}

let standardNames: string[] | undefined;

/** The global names of a fresh V8 realm (no Node additions). */
function standardGlobalNames(): string[] {
  if (!standardNames) {
    standardNames = vm.runInContext('Object.getOwnPropertyNames(globalThis)', vm.createContext()) as string[];
  }
  return standardNames;
}

function own(o: object, key: string): unknown {
  const d = Object.getOwnPropertyDescriptor(o, key);
  return d && 'value' in d ? d.value : undefined;
}

function isObject(v: unknown): v is object {
  return (typeof v === 'object' && v !== null) || typeof v === 'function';
}

/** Collect the intrinsics reachable from each realm's global object (one level of members deep). */
export function collectIntrinsics(globals: object[]): Intrinsics {
  const names = standardGlobalNames();
  const set = new Set<object>();
  const classes = new Map<object, string>();
  const implicit = new Set<object>();
  const addMembers = (o: object): void => {
    if (set.has(o)) return;
    set.add(o);
    for (const k of Object.getOwnPropertyNames(o)) {
      const d = Object.getOwnPropertyDescriptor(o, k);
      for (const v of d ? [d.value, d.get, d.set] : []) if (isObject(v)) set.add(v);
    }
    const p = Object.getPrototypeOf(o);
    if (p) set.add(p);
  };
  for (const g of globals) {
    set.add(g);
    for (const name of names) {
      if (name === 'globalThis') continue;
      const v = own(g, name);
      if (!isObject(v)) continue;
      addMembers(v);
      const proto = own(v, 'prototype');
      if (isObject(proto)) {
        addMembers(proto);
        if (SPECIAL_CLASSES.includes(name)) classes.set(proto, name);
        if (IMPLICIT_PROTOTYPES.includes(name)) implicit.add(proto);
      }
      const superClass = Object.getPrototypeOf(v) as object | null;
      if (superClass) {
        addMembers(superClass);
        const sp = own(superClass, 'prototype');
        if (isObject(sp)) addMembers(sp);
      }
    }
  }
  return {
    globalNames: new Set(names),
    isIntrinsic: (o) => set.has(o),
    classOfPrototype: (p) => classes.get(p),
    isImplicitPrototype: (p) => p === null || implicit.has(p),
  };
}
