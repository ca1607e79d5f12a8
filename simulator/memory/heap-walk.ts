/**
 * Measures a device realm (a Node vm context running the bundle) in
 * Espruino JsVars: everything reachable from its global object and from
 * the simulator's roots (timers, watches, event listeners), including the
 * closure scopes that hold the state of the bundle's IIFE.
 *
 * Synchronous: it uses a main-thread inspector Session, whose calls Node
 * answers synchronously. Costs about 0.1 ms per live function (three
 * inspector round trips) plus the plain walk; meant for on-demand use.
 */
import { performance } from 'perf_hooks';
import * as vm from 'vm';
import { nameVars } from './blocks';
import { createScopeResolver } from './closure-scopes';
import { InspectorBridge } from './inspector-bridge';
import { collectIntrinsics, Intrinsics } from './intrinsics';
import { toPredicate } from './jsvar-cost';
import { JsVarLayout, JsVarLayoutOptions, resolveLayout } from './layout';
import { inferBuiltinUse } from './builtin-use';
import { analyzeSource, SourceAnalysis } from './source-functions';
import { JsVarsByKind, JsVarTally } from './tally';

/**
 * Where Espruino keeps a root the simulator holds outside the realm:
 * a global variable, an entry of the hidden `timers` or `watches` arrays,
 * or an `E.on` listener list (`#on<event>` on E).
 */
export type MemoryRootKind = 'global' | 'timeout' | 'interval' | 'watch' | 'event';

export interface MemoryRoot {
  /** Variable name (`global`), event name (`event`), or a label. */
  name: string;
  /** The value held: for timers, watches and events, the callback. */
  value: unknown;
  /** @default 'global' */
  kind?: MemoryRootKind;
  /** Interval of an `interval` root, ms: decides whether Espruino inlines it. @default 1000 */
  intervalMs?: number;
}

export interface MeasureRealmOptions {
  /** JsVar layout of the board (`{ bytesPerVar: 14 }` for ESP32). */
  layout: JsVarLayout | JsVarLayoutOptions;
  /** System objects of the realm (Espruino's API: E, Storage, …): neither counted nor descended into. */
  exclude?: Iterable<object> | ((o: object) => boolean);
  /** Values the simulator holds for the device (timer callbacks, watches, listeners). @default [] */
  roots?: MemoryRoot[];
  /** Count function bodies as RAM strings (a RAM upload) instead of references into Storage. @default false */
  codeInRam?: boolean;
  /**
   * The bundle exactly as run in the realm. With it, closures get Espruino's
   * full activations (uncaptured locals too), and functions of other scripts
   * (the simulator's glue) are treated as system code. @default undefined
   */
  source?: string;
  /** Walk the realm global's own properties (user globals). @default true */
  globals?: boolean;
}

/** A realm's JsVar count. */
export interface RealmMeasurement {
  /** Estimated JsVars of user data and code (not Espruino's own boot usage). */
  total: number;
  byKind: JsVarsByKind;
  /** Objects and functions visited. */
  walkedObjects: number;
  /** Names whose value V8 no longer holds (uncaptured locals set at run time); counted as the name only. */
  unresolvedNames: number;
  /** Inspector round trips made. */
  inspectorCalls: number;
  /** Wall time of the walk, ms. */
  ms: number;
}

const intrinsicsCache = new WeakMap<object, Intrinsics>();
let lastAnalysis: SourceAnalysis | undefined;

/** Walk `context` (a contextified global from vm.createContext) and count its JsVars. */
export function measureRealm(context: vm.Context, options: MeasureRealmOptions): RealmMeasurement {
  const t0 = performance.now();
  const layout = resolveLayout(options.layout);
  const realmGlobal = vm.runInContext('this', context) as object;
  let intrinsics = intrinsicsCache.get(context);
  if (!intrinsics) { intrinsics = collectIntrinsics([realmGlobal, globalThis]); intrinsicsCache.set(context, intrinsics); }
  const analysis = options.source === undefined ? undefined : analysisOf(options.source);
  const excluded = toPredicate(options.exclude);
  const foreign = createForeignCheck(context);
  const bridge = new InspectorBridge();
  try {
    const placement = options.codeInRam ? 'ram' : 'storage';
    const tally = new JsVarTally({
      layout, placement, intrinsics,
      isExcluded: (o) => o === context || o === realmGlobal || excluded(o) || foreign(o),
      describeFunction: createScopeResolver({ bridge, layout, placement, analysis }),
      isPin: createPinCheck(context),
    });
    if (options.globals !== false) walkGlobals(tally, context, intrinsics, excluded);
    addRoots(tally, options.roots || [], layout);
    if (analysis) {
      const use = inferBuiltinUse(analysis.ast);
      for (const c of use.classes) tally.useBuiltin(c);
      for (const n of use.namespaces) tally.useNamespace(n);
    }
    tally.finish();
    return {
      total: tally.total, byKind: tally.byKind, walkedObjects: tally.walkedObjects, unresolvedNames: tally.unresolvedNames,
      inspectorCalls: bridge.calls, ms: performance.now() - t0,
    };
  } finally {
    bridge.close();
  }
}

function analysisOf(source: string): SourceAnalysis {
  if (!lastAnalysis || lastAnalysis.code !== source) lastAnalysis = analyzeSource(source);
  return lastAnalysis;
}

/** User globals: own properties of the sandbox that are neither built-ins nor system objects. */
function walkGlobals(tally: JsVarTally, context: object, intrinsics: Intrinsics, excluded: (o: object) => boolean): void {
  for (const name of Object.getOwnPropertyNames(context)) {
    const d = Object.getOwnPropertyDescriptor(context, name);
    if (!d) continue;
    const v = 'value' in d ? d.value : d.get;
    const isObj = (typeof v === 'object' && v !== null) || typeof v === 'function';
    if (isObj && (excluded(v as object) || intrinsics.isIntrinsic(v as object))) continue;
    if (!isObj && intrinsics.globalNames.has(name)) continue; // undefined, NaN, Infinity
    tally.slot(name, v);
  }
}

function addRoots(tally: JsVarTally, roots: MemoryRoot[], layout: JsVarLayout): void {
  const events = new Set<string>();
  for (const r of roots) {
    switch (r.kind || 'global') {
      case 'global': tally.slot(r.name, r.value); break;
      case 'timeout': case 'interval': {
        // timers[id] = { time: <µs, not inlined>, intr: <µs>, cb: fn } (jswrap_interface_setTimeout)
        let n = 1 + 1 + nameVars('time', layout) + 1 + nameVars('cb', layout);
        if (r.kind === 'interval') {
          const us = Math.round((r.intervalMs ?? 1000) * 1000);
          n += nameVars('intr', layout) + (us >= layout.inlineIntMin && us <= layout.inlineIntMax ? 0 : 1);
        }
        tally.add('timers', n);
        tally.value(r.value);
        break;
      }
      case 'watch':
        // watches[id] = { pin, recur, debounce, cb, state } (jswrap_interface_setWatch)
        tally.add('timers', 1 + 1 + nameVars('pin', layout) + 1 + nameVars('recur', layout) + 1 +
          nameVars('debounce', layout) + 1 + nameVars('cb', layout) + nameVars('state', layout) + 1);
        tally.value(r.value);
        break;
      case 'event':
        // E['#on'+event] = [fn, …]
        if (!events.has(r.name)) { events.add(r.name); tally.add('timers', nameVars('#on' + r.name, layout) + 1); }
        tally.add('timers', 1);
        tally.value(r.value);
        break;
    }
  }
}

/**
 * Instances of the realm's `Pin` (simulator/realm/espruino-glue.js: `new Pin(n)`
 * with a `_n` field): on the device a pin value is one block, not an object.
 */
function createPinCheck(context: vm.Context): ((o: object) => boolean) | undefined {
  const proto = vm.runInContext('typeof Pin === "function" ? Pin.prototype : undefined', context) as object | undefined;
  if (typeof proto !== 'object' || proto === null) return undefined;
  return (o) => Object.getPrototypeOf(o) === proto;
}

/** Objects of another realm (the host's) are not device memory. */
function createForeignCheck(context: vm.Context): (o: object) => boolean {
  const realmObjectProto = vm.runInContext('Object.prototype', context) as object;
  const cache = new Map<object, boolean>();
  return (o) => {
    const first = Object.getPrototypeOf(o) as object | null;
    if (first === null) return false;
    let r = cache.get(first);
    if (r === undefined) {
      let p: object = first;
      for (let next = Object.getPrototypeOf(p); next !== null; next = Object.getPrototypeOf(p)) p = next;
      r = p !== realmObjectProto;
      cache.set(first, r);
    }
    return r;
  };
}

/**
 * Every object reachable from the realm's global object through properties
 * and prototypes (closures not followed). Taken right after the simulator's
 * Espruino API is installed and before the bundle runs, it is the `exclude`
 * set for measureRealm. Objects the API creates later (a `require`d module)
 * must be added by the caller.
 */
export function snapshotSystemObjects(context: vm.Context): Set<object> {
  const seen = new Set<object>();
  const stack: object[] = [context, vm.runInContext('this', context) as object];
  const push = (v: unknown): void => {
    if (((typeof v === 'object' && v !== null) || typeof v === 'function') && !seen.has(v as object)) stack.push(v as object);
  };
  for (let o = stack.pop(); o !== undefined; o = stack.pop()) {
    if (seen.has(o)) continue;
    seen.add(o);
    push(Object.getPrototypeOf(o));
    for (const k of Reflect.ownKeys(o)) {
      const d = Object.getOwnPropertyDescriptor(o, k);
      if (!d) continue;
      push(d.value); push(d.get); push(d.set);
    }
  }
  return seen;
}
