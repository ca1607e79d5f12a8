/**
 * A static guess of what a source expression costs once evaluated, for
 * values V8 does not let us see (uncaptured locals) and for the bundle-only
 * estimate. Only literals and literal structures are understood.
 */
import type * as acorn from 'acorn';
import {
  arrayBufferStorageVars, FIXED_SHAPES, nameVars, primitiveVars, slotVars,
} from './blocks';
import type { JsVarLayout } from './layout';

type Node = acorn.Node & { [k: string]: any };

/** Element sizes of Espruino's typed arrays. */
export const TYPED_ARRAY_BYTES: { [name: string]: number } = {
  Int8Array: 1, Uint8Array: 1, Uint8ClampedArray: 1, Int16Array: 2, Uint16Array: 2,
  Int32Array: 4, Uint32Array: 4, Float32Array: 4, Float64Array: 8,
};

/** A statically known value: a primitive (may be inlined into its name) or a number of blocks. */
export type StaticValue = { primitive: unknown } | { vars: number };

export interface StaticContext {
  layout: JsVarLayout;
  /** Blocks of a function literal (placement and depth are the caller's business). */
  functionVars(node: Node): number;
  /** Record a built-in class used with `new` (its one-off root entry). */
  useBuiltin?(className: string): void;
}

/** Evaluate a literal expression; undefined when the value is not known statically. */
export function staticValue(node: Node | undefined, ctx: StaticContext): StaticValue | undefined {
  if (!node) return { primitive: undefined };
  switch (node.type) {
    case 'Literal':
      return node.regex ? { vars: 1 + primitiveVars(node.raw, ctx.layout) } : { primitive: node.value };
    case 'UnaryExpression': return unary(node, ctx);
    case 'ObjectExpression': return { vars: objectVars(node, ctx) };
    case 'ArrayExpression': return { vars: arrayVars(node, ctx) };
    case 'FunctionExpression': case 'ArrowFunctionExpression': return { vars: ctx.functionVars(node) };
    case 'NewExpression': return construct(node, ctx);
    case 'TemplateLiteral':
      return node.expressions.length === 0 ? { primitive: node.quasis[0].value.cooked } : undefined;
    default: return undefined;
  }
}

/** Blocks of `name` holding the value of `node`; the name alone when the value is unknown. */
export function staticSlotVars(name: string, node: Node | undefined, ctx: StaticContext): { vars: number; known: boolean } {
  const v = staticValue(node, ctx);
  if (!v) return { vars: nameVars(name, ctx.layout), known: false };
  if ('primitive' in v) return { vars: slotVars(name, v.primitive, ctx.layout), known: true };
  return { vars: nameVars(name, ctx.layout) + v.vars, known: true };
}

function unary(node: Node, ctx: StaticContext): StaticValue | undefined {
  const arg = staticValue(node.argument, ctx);
  if (node.operator === 'void') return { primitive: undefined };
  if (!arg || !('primitive' in arg)) return undefined;
  const p = arg.primitive as number;
  switch (node.operator) {
    case '-': return { primitive: -p };
    case '+': return { primitive: +p };
    case '!': return { primitive: !p };
    default: return undefined;
  }
}

function valueVars(key: string, node: Node | undefined, ctx: StaticContext): number {
  return staticSlotVars(key, node, ctx).vars;
}

function objectVars(node: Node, ctx: StaticContext): number {
  let n = 1;
  for (const p of node.properties as Node[]) {
    if (p.type !== 'Property') continue; // spread cannot reach Espruino
    const key = p.key.type === 'Identifier' && !p.computed ? p.key.name : String(p.key.value);
    if (p.kind === 'get' || p.kind === 'set') n += nameVars(key, ctx.layout) + 1 + 1 + ctx.functionVars(p.value);
    else n += valueVars(key, p.value, ctx);
  }
  return n;
}

function arrayVars(node: Node, ctx: StaticContext): number {
  let n = 1;
  (node.elements as (Node | null)[]).forEach((e, i) => { if (e) n += valueVars(String(i), e, ctx); });
  return n;
}

function construct(node: Node, ctx: StaticContext): StaticValue | undefined {
  if (node.callee.type !== 'Identifier') return undefined;
  const cls = node.callee.name as string;
  const layout = ctx.layout;
  const bytes = TYPED_ARRAY_BYTES[cls];
  if (bytes !== undefined || cls === 'ArrayBuffer') {
    const arg = node.arguments.length === 1 ? staticValue(node.arguments[0], ctx) : undefined;
    if (!arg || !('primitive' in arg) || typeof arg.primitive !== 'number') return undefined;
    ctx.useBuiltin?.(cls);
    const len = arg.primitive * (bytes ?? 1);
    return { vars: (cls === 'ArrayBuffer' ? 1 : 2) + arrayBufferStorageVars(len, layout) };
  }
  if (cls === 'Date') { ctx.useBuiltin?.(cls); return { vars: FIXED_SHAPES.date(layout) }; }
  if (cls === 'Error') {
    ctx.useBuiltin?.(cls);
    const m = node.arguments.length ? staticValue(node.arguments[0], ctx) : undefined;
    return { vars: FIXED_SHAPES.error(m && 'primitive' in m ? String(m.primitive) : '', layout) };
  }
  return undefined;
}
