/**
 * The JsVar cost of a JS value graph as Espruino 2v29 would store it: the
 * blocks `E.getSizeOf(value)` reports, shared objects once. Closure scopes
 * are invisible from a bare value; measureRealm (heap-walk.ts) adds them.
 */
import { collectIntrinsics, Intrinsics } from './intrinsics';
import { JsVarLayout, JsVarLayoutOptions, resolveLayout } from './layout';
import { shapeOfFunctionText } from './source-functions';
import { nativeFunctionFacts } from './builtin-shapes';
import { FunctionFacts, JsVarsByKind, JsVarTally } from './tally';

export interface EstimateValueOptions {
  /**
   * Count function bodies as RAM strings (code uploaded to RAM) instead of
   * references into memory-mapped Storage. @default false
   */
  codeInRam?: boolean;
  /** Objects to leave out (and not descend into). @default none */
  exclude?: Iterable<object> | ((o: object) => boolean);
}

/** The blocks of `value` and by kind; built-in classes' one-off root entries are not included. */
export interface ValueEstimate {
  total: number;
  byKind: JsVarsByKind;
}

let hostIntrinsics: Intrinsics | undefined;

/** Blocks Espruino would use to hold `value` (not counting the name that refers to it). */
export function estimateValue(value: unknown, layout: JsVarLayout | JsVarLayoutOptions, options: EstimateValueOptions = {}): number {
  return estimateValueByKind(value, layout, options).total;
}

/** estimateValue with the breakdown by kind. */
export function estimateValueByKind(value: unknown, layout: JsVarLayout | JsVarLayoutOptions, options: EstimateValueOptions = {}): ValueEstimate {
  const resolved = resolveLayout(layout);
  hostIntrinsics = hostIntrinsics || collectIntrinsics([globalThis]);
  const tally = new JsVarTally({
    layout: resolved,
    placement: options.codeInRam ? 'ram' : 'storage',
    intrinsics: hostIntrinsics,
    isExcluded: toPredicate(options.exclude),
    describeFunction: describeFromText,
  });
  tally.value(value);
  tally.finish();
  const byKind = { ...tally.byKind, builtins: 0 };
  return { total: tally.total - tally.byKind.builtins, byKind };
}

/** Normalise the `exclude` option: a set of objects or a predicate. */
export function toPredicate(exclude: EstimateValueOptions['exclude']): (o: object) => boolean {
  if (!exclude) return () => false;
  if (typeof exclude === 'function') return exclude;
  const set = new Set(exclude);
  return (o) => set.has(o);
}

/** A function seen without the inspector: its shape from its source text, no scopes. */
export function describeFromText(fn: Function): FunctionFacts {
  const text = Function.prototype.toString.call(fn);
  if (/\{\s*\[native code\]\s*\}\s*$/.test(text)) return nativeFunctionFacts(fn);
  const shape = shapeOfFunctionText(text);
  if (!shape) return { kind: 'user', shape: { params: [], codeBytes: text.length, depth: 0 }, activations: [] };
  return { kind: 'user', shape, activations: [] };
}
