/**
 * Turns what V8 shows of a function (its [[Scopes]]) into the function
 * activations Espruino keeps alive for it.
 *
 * Espruino and V8 differ: Espruino keeps the whole activation (every param,
 * `var` and inner function) of every enclosing function a closure was made
 * in; V8 keeps only variables some closure captures, and no context at all
 * for functions without captured variables. Given the script's source, the
 * enclosing functions and all their names are known, so the activations are
 * rebuilt from the source and filled with the values V8 shows. Names V8
 * dropped cost their name, plus their value when it is a primitive literal;
 * an inner function declaration V8 dropped is costed from its source unless
 * the same instance is met live. pinScopes (scope-pins.ts) makes V8 keep all.
 */
import { CodePlacement, functionVars, nameVars, slotVars } from './blocks';
import type { FunctionInternals, InspectorBridge, V8Scope } from './inspector-bridge';
import type { JsVarLayout } from './layout';
import { shapeOfFunctionText, SourceAnalysis, SourceFunction } from './source-functions';
import { StaticContext, staticValue } from './static-values';
import { nativeFunctionFacts } from './builtin-shapes';
import type { Activation, FunctionFacts } from './tally';

export interface ScopeResolverOptions {
  bridge: InspectorBridge;
  layout: JsVarLayout;
  placement: CodePlacement;
  /** The script the device runs; without it activations are V8's contexts only. */
  analysis?: SourceAnalysis;
}

const NATIVE = /\{\s*\[native code\]\s*\}\s*$/;
const OWN_SCOPES = /^(Closure|Block|Catch|With|Eval)/;

/** Describe functions for the tally, with their Espruino activations. */
export function createScopeResolver(o: ScopeResolverOptions): (fn: Function) => FunctionFacts {
  const ids = new WeakMap<object, number>();
  let nextId = 1;
  const declaredNames = new Map<SourceFunction, Set<string>>();
  const instancesByKey = new Map<string, Function[]>();
  const idOf = (v: object): number => {
    let id = ids.get(v);
    if (id === undefined) { id = nextId++; ids.set(v, id); }
    return id;
  };
  const fingerprint = (vars: { [k: string]: unknown }): string => Object.keys(vars).map((k) => {
    const v = vars[k];
    const t = (typeof v === 'object' && v !== null) || typeof v === 'function' ? `#${idOf(v as object)}` : `${typeof v}:${String(v)}`;
    return `${k}=${t}`;
  }).join(';');
  const namesOf = (f: SourceFunction): Set<string> => {
    let s = declaredNames.get(f);
    if (!s) { s = new Set(f.declared.map((d) => d.name)); declaredNames.set(f, s); }
    return s;
  };
  const staticCtx = (depth: number): StaticContext => ({
    layout: o.layout,
    functionVars: (node) => {
      const f = o.analysis?.functionOf(node);
      return f ? functionVars({ ...f.shape, depth }, o.placement, o.layout) : 1;
    },
  });

  return (fn: Function): FunctionFacts => {
    const text = Function.prototype.toString.call(fn);
    const internals = o.bridge.functionInternals(fn);
    if (internals.bound) return { kind: 'bound', ...internals.bound };
    if (NATIVE.test(text)) return nativeFunctionFacts(fn);
    const own = internals.scopes.filter((s) => OWN_SCOPES.test(s.description)).map(withoutArguments);
    const src = o.analysis && locate(o.analysis, internals, text);
    if (o.analysis && !src) return { kind: 'native' }; // another script's function: system code, opaque
    if (!src) {
      const shape = shapeOfFunctionText(text) || { params: [], codeBytes: text.length, depth: 0 };
      const activations = own.slice().reverse().map((s): Activation => ({
        key: `v:${s.description}:${fingerprint(s.variables)}`,
        slots: Object.keys(s.variables).map((name) => ({ name, value: s.variables[name] })),
        staticVars: 0, unresolved: 0, phantoms: [],
      }));
      return { kind: 'user', shape: { ...shape, depth: activations.length }, activations };
    }
    // Enclosing functions, innermost first, and the V8 scopes that belong to each.
    const chain: SourceFunction[] = [];
    for (let p = src.parent; p; p = p.parent) chain.push(p);
    const assigned = chain.map(() => [] as { [k: string]: unknown }[]);
    let at = 0;
    for (const s of own) {
      const names = Object.keys(s.variables);
      let k = at;
      while (k < chain.length && !names.every((n) => namesOf(chain[k]).has(n))) k++;
      if (k === chain.length) k = at; // not modelled (e.g. `arguments`): keep it with the nearest activation
      if (k < chain.length) { assigned[k].push(s.variables); at = k; }
    }
    const activations: Activation[] = [];
    let outerKey = 'root';
    for (let k = chain.length - 1; k >= 0; k--) {
      const a = buildActivation(chain[k], assigned[k], outerKey, k === 0 ? instanceTag(src, fn, assigned[k]) : '');
      activations.push(a);
      outerKey = a.key;
    }
    return { kind: 'user', shape: src.shape, activations, instanceKey: `f${src.id}@${outerKey}` };
  };

  /**
   * V8 cannot tell two activations apart when their visible variables are
   * equal (two `mk(5)` counters). A function literal outside loops is
   * evaluated at most once per activation of its parent, so the n-th live
   * instance of it belongs to the n-th such activation.
   */
  function instanceTag(src: SourceFunction, fn: Function, scopes: { [k: string]: unknown }[]): string {
    if (src.inLoop || scopes.length === 0) return '';
    const key = `${src.id}:${scopes.map(fingerprint).join('|')}`;
    let list = instancesByKey.get(key);
    if (!list) { list = []; instancesByKey.set(key, list); }
    let i = list.indexOf(fn);
    if (i < 0) { i = list.length; list.push(fn); }
    return i === 0 ? '' : `#${i}`;
  }

  function buildActivation(f: SourceFunction, scopes: { [k: string]: unknown }[], outerKey: string, tag: string): Activation {
    const visible: { [k: string]: unknown } = {};
    for (const s of scopes) for (const k of Object.keys(s)) visible[k] = s[k];
    const key = (scopes.length ? `a${f.id}:${fingerprint(visible)}` : `p${f.id}<${outerKey}`) + tag;
    const a: Activation = { key, slots: [], staticVars: 0, unresolved: 0, phantoms: [] };
    const done = new Set<string>();
    for (const name of Object.keys(visible)) { done.add(name); a.slots.push({ name, value: visible[name] }); }
    const ctx = staticCtx(f.shape.depth + 1);
    // A function declaration wins over a `var` of the same name, as it is assigned last in hoisted code.
    const decls = f.declared.slice().sort((x, y) => (x.kind === 'function' ? 0 : 1) - (y.kind === 'function' ? 0 : 1));
    for (const d of decls) {
      if (done.has(d.name)) continue;
      done.add(d.name);
      if (d.fn) {
        a.staticVars += nameVars(d.name, o.layout);
        a.phantoms.push({ key: `f${d.fn.id}@${key}`, vars: functionVars(d.fn.shape, o.placement, o.layout) });
      } else {
        // Not captured, so V8 no longer has the value. A primitive literal
        // initializer is a safe guess; an object literal is not (it usually
        // escapes and is counted where it is reachable), so only the name counts.
        const v = d.kind === 'var' && d.init ? staticValue(d.init, ctx) : undefined;
        if (v && 'primitive' in v) a.staticVars += slotVars(d.name, v.primitive, o.layout);
        else { a.staticVars += nameVars(d.name, o.layout); a.unresolved++; }
      }
    }
    return a;
  }
}

/**
 * V8 materialises `arguments` in scopes that need it (always, next to a
 * direct eval); Espruino builds it on access and does not keep it.
 */
function withoutArguments(s: V8Scope): V8Scope {
  if (!Object.prototype.hasOwnProperty.call(s.variables, 'arguments')) return s;
  const variables: { [k: string]: unknown } = {};
  for (const k of Object.keys(s.variables)) if (k !== 'arguments') variables[k] = s.variables[k];
  return { description: s.description, variables };
}

/** The source function behind a live one, if its location and text agree with the analysed script. */
function locate(analysis: SourceAnalysis, internals: FunctionInternals, text: string): SourceFunction | undefined {
  const loc = internals.location;
  if (!loc) return undefined;
  const f = analysis.functionAt(loc.line, loc.column);
  if (!f) return undefined;
  return text.endsWith(analysis.code.slice(f.paramsAt, f.node.end)) ? f : undefined;
}
