/**
 * JsVars of a bundle from its text alone: the fallback when it cannot be
 * booted. It assumes the program has run to steady state once:
 *
 *   total = Σ functions   functionVars(f)            every function literal, instantiated once,
 *                                                    except IIFEs (dropped after their call)
 *         + Σ activations 1 + Σ slot(name, literal)  every function that holds a nested function
 *                                                    (its closures keep it alive), plus root names
 *         + Σ literals    object/array literal blocks (names, primitive values)
 *         + Σ built-ins   root entries of built-ins the code touches (builtin-use.ts)
 *
 * functionVars = 1 + Σ params NAME("\xFF"+p) + code + scope link, where code
 * is 2 blocks from Storage (`\xFFcod` + a NATIVE_STRING into flash) or
 * `\xFFcod` + the body as a string from RAM, and the scope link is 0 at top
 * level, 1 for one enclosing function, 2 + depth beyond. Values only known at
 * run time (data read from Storage, samples, loops creating objects) are
 * not counted, nor temporaries; booting the bundle (measureRealm) counts them.
 */
import * as acorn from 'acorn';
import { builtinClassVars, codeVars, CodePlacement, functionVars, nameVars, scopeLinkVars, slotVars } from './blocks';
import { inferBuiltinUse } from './builtin-use';
import type { JsVarsByKind } from './tally';
import { JsVarLayout, JsVarLayoutOptions, resolveLayout } from './layout';
import { analyzeSource, DeclaredName, SourceFunction } from './source-functions';
import { StaticContext, staticValue } from './static-values';

type Node = acorn.Node & { [k: string]: any };

export interface BundleEstimateOptions {
  /** Count function bodies as RAM strings instead of Storage references. @default false */
  codeInRam?: boolean;
}

export interface BundleEstimate {
  total: number;
  byKind: JsVarsByKind;
  /** Function literals in the bundle. */
  functions: number;
  /** Declared names whose value is not a literal (counted as the name only). */
  unknownValues: number;
}

/** Estimate the steady-state JsVars of a bundle from its source (acorn); throws on a syntax error. */
export function estimateBundleJsVars(code: string, layout: JsVarLayout | JsVarLayoutOptions, options: BundleEstimateOptions = {}): BundleEstimate {
  const L = resolveLayout(layout);
  const placement: CodePlacement = options.codeInRam ? 'ram' : 'storage';
  const analysis = analyzeSource(code);
  const byKind: JsVarsByKind = {
    names: 0, objects: 0, arrays: 0, strings: 0, numbers: 0, typedArrays: 0, functions: 0, code: 0, scopes: 0, timers: 0, builtins: 0,
  };
  // Functions as the tally splits them: shell and params, code, scope link.
  for (const f of analysis.functions) {
    if (f.immediate) continue; // an IIFE's function object is dropped after the call; its activation stays
    const code = codeVars(f.shape.codeBytes, placement, L);
    const link = f.shape.codeBytes > 0 ? scopeLinkVars(f.shape.depth) : 0;
    byKind.functions += functionVars(f.shape, placement, L) - code - link;
    byKind.code += code;
    byKind.scopes += link;
  }
  // Activations kept alive by their nested functions, and the root scope.
  let unknownValues = 0;
  const ctx: StaticContext = { layout: L, functionVars: () => 0 }; // functions counted above
  const slots = (names: DeclaredName[]): number => {
    let n = 0;
    const seen = new Set<string>();
    for (const d of names) {
      if (seen.has(d.name)) continue;
      seen.add(d.name);
      n += nameVars(d.name, L);
      const v = d.kind === 'var' && d.init ? staticValue(d.init, ctx) : undefined;
      if (v && 'primitive' in v) n += slotValueVars(d.name, v.primitive, L);
      else if (!v && !d.fn && d.kind !== 'function') unknownValues++;
    }
    return n;
  };
  byKind.names += slots(analysis.topLevel);
  for (const f of analysis.functions) if (holdsClosures(f, analysis.functions)) byKind.scopes += 1 + slots(f.declared);
  // Literal data, wherever it appears; nested literals are visited on their own.
  countLiterals(analysis.ast as Node, L, byKind);
  const use = inferBuiltinUse(analysis.ast);
  for (const c of use.classes) byKind.builtins += builtinClassVars(c, L);
  for (const n of use.namespaces) byKind.builtins += nameVars(n, L) + 1;
  let total = 0;
  for (const k of Object.keys(byKind) as (keyof JsVarsByKind)[]) total += byKind[k];
  return { total, byKind, functions: analysis.functions.length, unknownValues };
}

function holdsClosures(f: SourceFunction, all: SourceFunction[]): boolean {
  return all.some((g) => g.parent === f);
}

/** The value part of a slot holding a primitive (0 when inlined into the name). */
function slotValueVars(name: string, value: unknown, L: JsVarLayout): number {
  return slotVars(name, value, L) - nameVars(name, L);
}

/** Object and array literals: their blocks, names and primitive values (not nested objects or functions). */
function countLiterals(root: Node, L: JsVarLayout, byKind: JsVarsByKind): void {
  const ctx: StaticContext = { layout: L, functionVars: () => 0 };
  const visit = (n: Node): void => {
    if (n.type === 'ObjectExpression') {
      byKind.objects += 1;
      for (const p of n.properties as Node[]) {
        if (p.type !== 'Property') continue;
        const key = p.key.type === 'Identifier' && !p.computed ? p.key.name : String(p.key.value);
        byKind.names += nameVars(key, L);
        addPrimitive(byKind, key, p.value, ctx, L);
      }
    } else if (n.type === 'ArrayExpression') {
      byKind.arrays += 1;
      (n.elements as (Node | null)[]).forEach((e, i) => {
        if (!e) return;
        byKind.names += 1;
        addPrimitive(byKind, String(i), e, ctx, L);
      });
    } else if (n.type === 'NewExpression') {
      const v = staticValue(n, ctx);
      if (v && 'vars' in v) byKind.typedArrays += v.vars;
    }
    for (const key of Object.keys(n)) {
      const v = n[key];
      if (Array.isArray(v)) { for (const c of v) if (c && typeof c.type === 'string') visit(c); }
      else if (v && typeof v.type === 'string') visit(v);
    }
  };
  visit(root);
}

function addPrimitive(byKind: JsVarsByKind, key: string, node: Node, ctx: StaticContext, L: JsVarLayout): void {
  const v = staticValue(node, ctx);
  if (!v || !('primitive' in v)) return;
  byKind[typeof v.primitive === 'string' ? 'strings' : 'numbers'] += slotValueVars(key, v.primitive, L);
}
