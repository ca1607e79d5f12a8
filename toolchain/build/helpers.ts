/**
 * Espruino-safe replacements for TypeScript's emit helpers.
 *
 * TypeScript's stock helpers do not run on Espruino (ESPRUINO.md §2):
 * `__extends` relies on hoisting and `Object.setPrototypeOf`, `__spreadArray`
 * reads `Array.prototype.slice`, `__generator` needs hoisting. These are
 * written in the device dialect: ES5, no prototype reads of builtins, no
 * `arguments.length` (Espruino reports max(declared, passed)).
 *
 * The build prepends only the helpers the bundle references, in dependency
 * order, so each is defined before use. Any other `__helper` the emitted code
 * calls is a dialect violation reported by `homebound check` (rule
 * `unshipped-helper`): the TypeScript feature that needs it is unsupported.
 */
export interface HelperDefinition {
  /** ES5 source defining exactly one `var` named after the helper. */
  code: string;
  /** Helpers this one calls. */
  deps: string[];
}

export const HELPERS: { [name: string]: HelperDefinition } = {
  // Builtins resolve only on instances (ESPRUINO.md §1), so hasOwnProperty is
  // called on the object itself, never through Object.prototype.
  // Copies own statics by enumeration: Espruino neither inherits statics
  // through `extends` nor has a reliable setPrototypeOf.
  __extends: {
    deps: [],
    code:
      'var __extends=function(d,b){' +
      'for(var p in b)if(b.hasOwnProperty(p))d[p]=b[p];' +
      'function T(){this.constructor=d}' +
      'T.prototype=b.prototype;' +
      'd.prototype=new T();' +
      '};',
  },
  // TypeScript's ES5 object spread always nests two-argument calls
  // (`__assign(__assign({}, a), b)`), so no `arguments.length` is needed: it
  // would be max(declared, passed) on Espruino.
  __assign: {
    deps: [],
    code:
      'var __assign=function(t,s){' +
      'if(s!=null)for(var p in s)if(s.hasOwnProperty(p))t[p]=s[p];' +
      'return t;};',
  },
  __rest: {
    deps: [],
    code:
      'var __rest=function(s,e){var t={};' +
      'for(var p in s)if(s.hasOwnProperty(p)&&e.indexOf(p)<0)t[p]=s[p];' +
      'return t;};',
  },
  // No Array.prototype.slice, no arguments.length: copy element by element.
  __spreadArray: {
    deps: [],
    code:
      'var __spreadArray=function(to,from){' +
      'for(var i=0;i<from.length;i++)to.push(from[i]);' +
      'return to;};',
  },
};

/** Names of every helper Homebound ships, sorted. */
export function shippedHelperNames(): string[] {
  return Object.keys(HELPERS).sort();
}

/**
 * The prelude for a bundle that references `used`: each helper once, after
 * its dependencies, in a deterministic order.
 */
export function helperPrelude(used: string[]): { code: string; names: string[] } {
  const names: string[] = [];
  const visit = (n: string): void => {
    const h = HELPERS[n];
    if (!h || names.indexOf(n) >= 0) return;
    h.deps.forEach(visit);
    names.push(n);
  };
  used.slice().sort().forEach(visit);
  return { code: names.map((n) => HELPERS[n].code).join('\n'), names };
}
