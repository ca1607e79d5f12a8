/**
 * Counts the JsVars of a graph of live JS values as Espruino 2v29 would
 * store it. Objects are counted once however often they are referenced;
 * primitives are counted where they are stored. Functions are described by
 * an injected resolver (the heap walker adds closure scopes through it).
 */
import {
  arrayBufferStorageVars, builtinClassVars, codeVars, CodePlacement, FunctionShape,
  functionVars, nameVars, primitiveVars, inlinedInName, scopeLinkVars,
} from './blocks';
import { boundFunctionVars, isForeignPlain, specialShape } from './builtin-shapes';
import type { Intrinsics } from './intrinsics';
import type { JsVarLayout } from './layout';

/** Where the blocks went. `scopes` are function activations kept alive by closures. */
export interface JsVarsByKind {
  names: number; objects: number; arrays: number; strings: number; numbers: number;
  typedArrays: number; functions: number; code: number; scopes: number; timers: number; builtins: number;
}
export type JsVarKind = keyof JsVarsByKind;

/** One function activation (Espruino scope object) a closure keeps alive. */
export interface Activation {
  /** Identity: equal keys are the same activation. */
  key: string;
  /** Variables whose values are visible (captured variables, from V8). */
  slots: { name: string; value: unknown }[];
  /** Blocks of names (and statically guessed values) that V8 does not show. */
  staticVars: number;
  /** Names among those whose value could not be guessed (counted as the name only). */
  unresolved: number;
  /** Function declarations V8 does not show, by instance key (dropped if seen live). */
  phantoms: { key: string; vars: number }[];
}

/** What the resolver knows about a function. */
export type FunctionFacts =
  | { kind: 'native'; vars?: number }
  | { kind: 'bound'; target: unknown; thisArg: unknown; args: unknown[] }
  | { kind: 'user'; shape: FunctionShape; activations: Activation[]; instanceKey?: string };

export interface TallyOptions {
  layout: JsVarLayout;
  placement: CodePlacement;
  intrinsics: Intrinsics;
  /** System objects: not counted, not descended into (names pointing at them still count). */
  isExcluded(o: object): boolean;
  describeFunction(fn: Function): FunctionFacts;
  /**
   * Espruino pin values (the realm's `Pin` instances): on the device a pin is
   * one JSV_PIN block wherever it is stored, not an object with fields.
   */
  isPin?(o: object): boolean;
}

const FUNCTION_OWN = new Set(['length', 'name', 'prototype', 'arguments', 'caller']);

export class JsVarTally {
  readonly byKind: JsVarsByKind = {
    names: 0, objects: 0, arrays: 0, strings: 0, numbers: 0, typedArrays: 0, functions: 0, code: 0, scopes: 0, timers: 0, builtins: 0,
  };
  walkedObjects = 0;
  unresolvedNames = 0;
  private readonly seen = new Set<object>();
  private readonly queue: object[] = [];
  private readonly activations = new Set<string>();
  private readonly phantoms = new Map<string, number>();
  private readonly live = new Set<string>();
  private readonly builtins = new Set<string>();

  constructor(private readonly o: TallyOptions) {}

  add(kind: JsVarKind, n: number): void {
    this.byKind[kind] += n;
  }

  /** A name holding a value: the name, the value unless inlined, objects queued. */
  slot(name: string, value: unknown, nameKind: JsVarKind = 'names'): void {
    const layout = this.o.layout;
    this.add(nameKind, nameVars(name, layout));
    if (inlinedInName(name, value, layout)) return;
    this.value(value);
  }

  /** A value stored somewhere already counted: primitives cost their blocks, objects are queued. */
  value(v: unknown): void {
    if (typeof v === 'object' && v !== null && this.o.isPin && this.o.isPin(v)) { this.add('numbers', 1); return; }
    if ((typeof v === 'object' && v !== null) || typeof v === 'function') { this.ref(v as object); return; }
    this.add(typeof v === 'string' ? 'strings' : 'numbers', primitiveVars(v, this.o.layout));
  }

  ref(o: object): void {
    if (this.seen.has(o)) return;
    this.seen.add(o);
    this.queue.push(o);
  }

  /** A built-in class used by the program: its one-off root entry. */
  useBuiltin(name: string): void {
    if (this.builtins.has(name)) return;
    this.builtins.add(name);
    this.add('builtins', builtinClassVars(name, this.o.layout));
  }

  /** A built-in namespace object (JSON, E, Math) used by the program: a root name and an object. */
  useNamespace(name: string): void {
    if (this.builtins.has(name)) return;
    this.builtins.add(name);
    this.add('builtins', nameVars(name, this.o.layout) + 1);
  }

  /** Walk everything queued. */
  drain(): void {
    for (let o = this.queue.pop(); o !== undefined; o = this.queue.pop()) this.visit(o);
  }

  /** Add phantom functions never seen live; returns the total. */
  finish(): number {
    this.drain();
    for (const [key, vars] of this.phantoms) if (!this.live.has(key)) this.add('functions', vars);
    this.phantoms.clear();
    return this.total;
  }

  get total(): number {
    let t = 0;
    for (const k of Object.keys(this.byKind) as JsVarKind[]) t += this.byKind[k];
    return t;
  }

  private skip(o: object): boolean {
    return this.o.intrinsics.isIntrinsic(o) || this.o.isExcluded(o);
  }

  private visit(o: object): void {
    if (this.skip(o)) return;
    this.walkedObjects++;
    if (typeof o === 'function') { this.visitFunction(o as Function); return; }
    const tag = Object.prototype.toString.call(o);
    if (Array.isArray(o)) { this.add('arrays', 1); this.ownSlots(o, (k) => k === 'length'); return; }
    if (ArrayBuffer.isView(o)) { this.visitView(o, tag); return; }
    if (tag === '[object ArrayBuffer]' || tag === '[object SharedArrayBuffer]') {
      this.useBuiltin('ArrayBuffer');
      this.add('typedArrays', 1 + arrayBufferStorageVars((o as ArrayBuffer).byteLength, this.o.layout));
      return;
    }
    const special = specialShape(o, tag, this.o.layout);
    if (special) { this.useBuiltin(special.className); this.add('objects', special.vars); return; }
    this.add('objects', 1);
    if (this.isPrototypeOfUserFunction(o)) this.add('names', nameVars('prototype', this.o.layout));
    this.prototypeLink(o);
    this.ownSlots(o);
  }

  /** A view block, plus its ArrayBuffer block and storage once however many views share it (jsvNewTypedArray). */
  private visitView(o: ArrayBufferView, tag: string): void {
    this.useBuiltin(tag.slice(8, -1));
    this.add('typedArrays', 1);
    const buf = o.buffer;
    if (this.seen.has(buf)) return;
    this.seen.add(buf);
    this.add('typedArrays', 1 + arrayBufferStorageVars(buf.byteLength, this.o.layout));
  }

  /** `__proto__` for instances of user classes and of built-ins Espruino links explicitly. */
  private prototypeLink(o: object): void {
    const proto = Object.getPrototypeOf(o) as object | null;
    const I = this.o.intrinsics;
    if (proto === null || I.isImplicitPrototype(proto) || isForeignPlain(proto)) return;
    this.add('names', nameVars('__proto__', this.o.layout));
    const cls = I.classOfPrototype(proto);
    if (cls) this.useBuiltin(cls);
    else this.ref(proto); // skipped by visit() when intrinsic or excluded
  }

  /** A user function's prototype object is also the `prototype` child of that function. */
  private isPrototypeOfUserFunction(o: object): boolean {
    const c = Object.getOwnPropertyDescriptor(o, 'constructor')?.value;
    return typeof c === 'function' && !this.skip(c) && Object.getOwnPropertyDescriptor(c, 'prototype')?.value === o;
  }

  /** Own string-keyed properties as names; accessors as GET_SET blocks. */
  private ownSlots(o: object, ignore?: (k: string) => boolean): void {
    for (const k of Object.getOwnPropertyNames(o)) {
      if (ignore && ignore(k)) continue;
      const d = Object.getOwnPropertyDescriptor(o, k);
      if (!d) continue;
      if ('value' in d) { this.slot(k, d.value); continue; }
      // JSV_GET_SET: the name, the getset object, `get`/`set` names pointing at the functions.
      this.add('names', nameVars(k, this.o.layout));
      this.add('objects', 1);
      if (d.get) this.slot('get', d.get);
      if (d.set) this.slot('set', d.set);
    }
  }

  private facts(fn: Function): FunctionFacts {
    let f = this.factCache.get(fn);
    if (!f) { f = this.o.describeFunction(fn); this.factCache.set(fn, f); }
    return f;
  }

  private readonly factCache = new WeakMap<Function, FunctionFacts>();

  private visitFunction(fn: Function): void {
    const facts = this.facts(fn);
    if (facts.kind === 'native') { this.add('functions', facts.vars ?? 1); return; }
    if (facts.kind === 'bound') { this.visitBound(facts); return; }
    const { shape, activations } = facts;
    const layout = this.o.layout;
    const depth = activations.length;
    this.add('functions', functionVars({ ...shape, codeBytes: 0, depth: 0 }, this.o.placement, layout));
    this.add('code', codeVars(shape.codeBytes, this.o.placement, layout));
    if (shape.codeBytes > 0) this.add('scopes', scopeLinkVars(depth));
    if (facts.instanceKey) this.live.add(facts.instanceKey);
    for (const a of activations) this.activation(a);
    this.ownSlots(fn, (k) => FUNCTION_OWN.has(k));
    this.userPrototype(fn);
  }

  private visitBound(b: { target: unknown; thisArg: unknown; args: unknown[] }): void {
    const layout = this.o.layout;
    const t = typeof b.target === 'function' ? this.facts(b.target) : undefined;
    const target = t && t.kind === 'user' ? { shape: t.shape, scoped: t.activations.length > 0 } : undefined;
    this.add('functions', boundFunctionVars(target, b.args.length, layout));
    const params = target ? target.shape.params : [];
    this.value(b.thisArg === undefined ? null : b.thisArg);
    b.args.forEach((a, i) => { if (!inlinedInName(i < params.length ? '\xff' + params[i] : '', a, layout)) this.value(a); });
    this.value(b.target);
  }

  /** A function's `prototype` is counted when it holds more than Espruino's lazily made `{constructor}`. */
  private userPrototype(fn: Function): void {
    const p = Object.getOwnPropertyDescriptor(fn, 'prototype')?.value as object | undefined;
    if (!p || typeof p !== 'object' || this.seen.has(p)) return;
    const keys = Object.getOwnPropertyNames(p);
    const trivial = keys.length === 0 || (keys.length === 1 && keys[0] === 'constructor');
    const plainParent = this.o.intrinsics.isImplicitPrototype(Object.getPrototypeOf(p));
    if (trivial && plainParent) return;
    this.ref(p);
  }

  private activation(a: Activation): void {
    if (this.activations.has(a.key)) return;
    this.activations.add(a.key);
    this.add('scopes', 1 + a.staticVars);
    this.unresolvedNames += a.unresolved;
    for (const s of a.slots) this.slot(s.name, s.value, 'scopes');
    for (const p of a.phantoms) if (!this.phantoms.has(p.key)) this.phantoms.set(p.key, p.vars);
  }
}
