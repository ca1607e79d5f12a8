/**
 * Built-ins a script will touch, read from its source. Espruino creates a
 * built-in's root entry (name, constructor, `prototype`, `constructor`) the
 * first time it is needed: `new X`, or a member lookup on a basic value
 * (`arr.push`, `str.length`: jspeiFindChildFromStringInParents). Static calls
 * (`Object.keys`, `Math.floor`) resolve natively without one. Measured on
 * 2v29 (ESP32 layout): `a.length` on an array +8, on a string +8,
 * `x.toFixed` +8, typed-array `.length` +9 (ArrayBufferView), JSON/E +2,
 * `f.call` and `Object.keys` +0. A heuristic: which value a member is read
 * on is not known statically.
 */
import type * as acorn from 'acorn';
import { TYPED_ARRAY_BYTES } from './static-values';

type Node = acorn.Node & { [k: string]: any };

const CLASSES = new Set([
  'Object', 'Array', 'String', 'Number', 'Boolean', 'Function', 'Date', 'Promise', 'RegExp', 'Error', 'TypeError',
  'ArrayBuffer', 'DataView', ...Object.keys(TYPED_ARRAY_BYTES),
]);
/** Built-in objects (not classes) that get a small root entry when first used. */
const NAMESPACES = new Set(['JSON', 'E', 'Math']);
const ARRAY_METHODS = new Set(['push', 'pop', 'shift', 'unshift', 'splice', 'join', 'reverse', 'sort', 'map', 'forEach',
  'filter', 'reduce', 'reduceRight', 'some', 'every', 'find', 'findIndex', 'fill']);
const STRING_METHODS = new Set(['charAt', 'charCodeAt', 'substr', 'substring', 'split', 'toUpperCase', 'toLowerCase',
  'trim', 'replace', 'startsWith', 'endsWith', 'padStart', 'padEnd', 'repeat', 'match', 'search']);
const NUMBER_METHODS = new Set(['toFixed', 'toPrecision', 'toExponential']);
const AMBIGUOUS = new Set(['length', 'indexOf', 'lastIndexOf', 'slice', 'concat', 'includes']);

export interface BuiltinUse {
  /** Classes whose root entry the script creates (builtinClassVars each). */
  classes: string[];
  /** Built-in namespace objects it uses (a name and an object each). */
  namespaces: string[];
}

/** Infer the built-ins a program touches from its AST. */
export function inferBuiltinUse(ast: acorn.Node): BuiltinUse {
  const classes = new Set<string>();
  const namespaces = new Set<string>();
  let ambiguous = false;
  let arrays = false;
  let strings = false;
  const visit = (n: Node): void => {
    if (n.type === 'NewExpression' && n.callee.type === 'Identifier' && CLASSES.has(n.callee.name)) classes.add(n.callee.name);
    if (n.type === 'ArrayExpression') arrays = true;
    if (n.type === 'Literal' && typeof n.value === 'string') strings = true;
    if (n.type === 'MemberExpression' && !n.computed && n.property.type === 'Identifier') {
      const obj = n.object as Node;
      const prop = n.property.name as string;
      if (obj.type === 'Identifier' && CLASSES.has(obj.name)) { /* static member: no root entry */ }
      else if (obj.type === 'Identifier' && NAMESPACES.has(obj.name)) namespaces.add(obj.name);
      else if (ARRAY_METHODS.has(prop)) classes.add('Array');
      else if (STRING_METHODS.has(prop) || obj.type === 'Literal' && typeof obj.value === 'string') classes.add('String');
      else if (NUMBER_METHODS.has(prop)) classes.add('Number');
      else if (AMBIGUOUS.has(prop)) ambiguous = true;
    }
    for (const key of Object.keys(n)) {
      const v = n[key];
      if (Array.isArray(v)) { for (const c of v) if (c && typeof c.type === 'string') visit(c); }
      else if (v && typeof v.type === 'string') visit(v);
    }
  };
  visit(ast as Node);
  // `.length`/`indexOf` alone: on arrays if the program makes arrays, else on strings.
  if (ambiguous && !classes.has('Array') && !classes.has('String')) {
    if (arrays) classes.add('Array');
    else if (strings) classes.add('String');
  }
  // Members of typed arrays other than indices go through ArrayBufferView.
  if (ambiguous && Object.keys(TYPED_ARRAY_BYTES).some((t) => classes.has(t))) classes.add('ArrayBufferView');
  return { classes: [...classes].sort(), namespaces: [...namespaces].sort() };
}
