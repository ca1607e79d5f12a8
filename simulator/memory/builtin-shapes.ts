/**
 * Espruino's own shapes for built-in objects and special functions, as the
 * tally meets them in V8: Date, Promise, Error, RegExp, bound functions,
 * native functions. Blocks per ESP32 layout in comments are measured on 2v29.
 */
import { FIXED_SHAPES, FunctionShape, nameVars, primitiveVars } from './blocks';
import type { JsVarLayout } from './layout';
import type { FunctionFacts } from './tally';

/** The class (for its one-off root entry) and blocks of a built-in instance, by its toString tag. */
export function specialShape(o: object, tag: string, layout: JsVarLayout): { className: string; vars: number } | undefined {
  switch (tag) {
    case '[object Date]': return { className: 'Date', vars: FIXED_SHAPES.date(layout) }; // 5
    case '[object Promise]': return { className: 'Promise', vars: FIXED_SHAPES.promise(layout) }; // 5 while pending
    case '[object Error]': {
      const d = Object.getOwnPropertyDescriptor(o, 'message');
      return { className: 'Error', vars: FIXED_SHAPES.error(d && typeof d.value === 'string' ? d.value : '', layout) };
    }
    case '[object RegExp]': {
      const src = (o as RegExp).source;
      return {
        className: 'RegExp',
        vars: 1 + nameVars('__proto__', layout) + nameVars('source', layout) + primitiveVars(src, layout) +
          nameVars('lastIndex', layout) + nameVars('flags', layout) + 1,
      };
    }
    default: return undefined;
  }
}

/**
 * jswrap_function_bind: a new function holding copies of the target's names
 * (params, `\xFFcod`, `\xFFsco`, `\xFFnam`), extra args as unnamed params, and
 * `\xFFths`. Values (this, args) are counted by the caller.
 */
export function boundFunctionVars(target: { shape: FunctionShape; scoped: boolean } | undefined, argCount: number, layout: JsVarLayout): number {
  let n = 1 + nameVars('\xffths', layout);
  const params = target ? target.shape.params : [];
  if (target) {
    for (const p of params) n += nameVars('\xff' + p, layout);
    if (target.shape.codeBytes > 0) n += 1 + (target.scoped ? 1 : 0);
    if (target.shape.internalName) n += 1;
  }
  return n + Math.max(0, argCount - params.length);
}

/**
 * A native function reached from user data. V8's promise resolving
 * functions are anonymous natives; Espruino's are a native function plus a
 * hidden link to their promise (4 blocks, measured). Others: one block.
 */
export function nativeFunctionFacts(fn: Function): FunctionFacts {
  const name = Object.getOwnPropertyDescriptor(fn, 'name')?.value;
  return { kind: 'native', vars: name === '' ? 4 : 1 };
}

/** Another realm's Object.prototype or Array.prototype (values from a realm we were not told about). */
export function isForeignPlain(proto: object): boolean {
  const c = Object.getOwnPropertyDescriptor(proto, 'constructor')?.value;
  return typeof c === 'function' && (c.name === 'Object' || c.name === 'Array') &&
    /\{\s*\[native code\]\s*\}\s*$/.test(Function.prototype.toString.call(c));
}
