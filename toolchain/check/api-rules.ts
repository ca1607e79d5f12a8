/**
 * Rules about what the emitted code *uses*: globals, statics, prototype reads,
 * missing methods, helpers, `arguments.length`, `x.length = n` and runtime
 * RegExps. Names are resolved with the bundle's scopes, so a local `Map` or a
 * parameter called `Math` is never reported.
 */
import { regexMessage, unsupportedRegexFeatures } from '../dialect';
import { GLOBAL_CLASSES, LIBRARIES, OBJECT_MEMBERS, isEspruinoGlobal } from './espruino-globals';
import { GLOBAL_HINTS, HELPER_FEATURES, MISSING_METHODS, MISSING_METHOD_PATTERN, STATIC_HINTS } from './hints';
import { type AnyNode, type ScopeTable, isFunctionNode, isReference } from './scope';
import type { RuleHit } from './syntax-rules';

/** What the API rules need besides the node. */
export interface ApiContext {
  scopes: ScopeTable;
  /** Helpers the build can prepend (`shippedHelperNames()`). */
  shippedHelpers: readonly string[];
}

const has = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** `table[key]` for own keys only, so `toString` or `__proto__` never hit Object.prototype. */
const lookup = (table: { readonly [k: string]: string }, key: string): string | undefined =>
  has(table, key) ? table[key] : undefined;

/** `x.name` or `x['name']`: the property name, when it is static. */
function propertyName(member: AnyNode): string | undefined {
  if (!member.computed) return member.property.name;
  return typeof member.property.value === 'string' ? member.property.value : undefined;
}

/** True when `node` is written rather than read (assignment target, ++/--). */
function isWriteTarget(node: AnyNode, parent: AnyNode | undefined): boolean {
  if (!parent) return false;
  if (parent.type === 'AssignmentExpression') return parent.left === node;
  return parent.type === 'UpdateExpression';
}

/** `typeof X` and `typeof X.y` are safe feature tests: they read undefined. */
function isTypeofOperand(node: AnyNode, parent: AnyNode | undefined): boolean {
  return parent?.type === 'UnaryExpression' && parent.operator === 'typeof' && parent.argument === node;
}

/** The builtin class `node` names when it is an unshadowed global identifier. */
function globalClass(node: AnyNode, ancestors: AnyNode[], ctx: ApiContext): string | undefined {
  if (node.type !== 'Identifier' || !has(GLOBAL_CLASSES, node.name)) return undefined;
  return ctx.scopes.isFree(node.name, ancestors) ? node.name : undefined;
}

/**
 * A tslib-style helper: a `__name` TypeScript is known to emit, or any
 * `__name(...)` call. Other `__x` references (Node's `__dirname`) are globals.
 */
function isHelperName(name: string, node: AnyNode, parent: AnyNode | undefined): boolean {
  if (!/^__[A-Za-z]/.test(name)) return false;
  if (has(HELPER_FEATURES, name)) return true;
  return parent?.type === 'CallExpression' && parent.callee === node;
}

function identifierHit(node: AnyNode, ancestors: AnyNode[], ctx: ApiContext): RuleHit | undefined {
  const parent = ancestors[ancestors.length - 1];
  const name: string = node.name;
  if (!isReference(node, parent, ctx.scopes) || !ctx.scopes.isFree(name, ancestors)) return undefined;
  if (isHelperName(name, node, parent)) {
    if (ctx.shippedHelpers.indexOf(name) >= 0) {
      return {
        rule: 'unknown-global',
        message: `helper ${name} is used but not defined in the bundle; the build must prepend it (toolchain/build/helpers.ts)`,
      };
    }
    const feature = lookup(HELPER_FEATURES, name) ?? 'the TypeScript feature that emits it';
    return {
      rule: 'unshipped-helper',
      message: `helper ${name} is not shipped by Homebound: it implements ${feature}, which the device build does not support`,
    };
  }
  if (isTypeofOperand(node, parent)) return undefined;
  if (isEspruinoGlobal(name)) return undefined;
  const hint = LIBRARIES.indexOf(name) >= 0 ? `it is a module: use require('${name}')` : lookup(GLOBAL_HINTS, name);
  const message = hint
    ? `${name} is not available on Espruino 2v29; ${hint}`
    : `${name} is neither declared in the bundle nor an Espruino 2v29 global`;
  return { rule: 'unknown-global', message };
}

function memberHit(node: AnyNode, ancestors: AnyNode[], ctx: ApiContext): RuleHit | undefined {
  const parent = ancestors[ancestors.length - 1];
  const prop = propertyName(node);
  if (prop === undefined || isWriteTarget(node, parent) || isTypeofOperand(node, parent)) return undefined;
  const chain = ancestors.concat(node);
  const cls = globalClass(node.object, chain, ctx);
  if (cls !== undefined && prop !== 'prototype') {
    if (GLOBAL_CLASSES[cls].indexOf(prop) >= 0 || OBJECT_MEMBERS.indexOf(prop) >= 0) return undefined;
    const hint = lookup(STATIC_HINTS, `${cls}.${prop}`);
    return {
      rule: 'unknown-static',
      message: `${cls}.${prop} is not available on Espruino 2v29` + (hint ? `; ${hint}` : ''),
    };
  }
  const obj = node.object;
  if (obj.type === 'MemberExpression' && propertyName(obj) === 'prototype') {
    const owner = globalClass(obj.object, chain.concat(obj), ctx);
    if (owner !== undefined) return prototypeHit(owner, prop);
  }
  if (prop === 'length' && obj.type === 'Identifier' && obj.name === 'arguments') {
    return argumentsLengthHit(chain, ctx);
  }
  return undefined;
}

function prototypeHit(owner: string, prop: string): RuleHit {
  // Measured on 2v29: Object.prototype does hold Object's own methods, but
  // Object.prototype.toString.call([]) returns '' rather than '[object Array]'.
  const why =
    owner === 'Object'
      ? 'is unreliable on Espruino 2v29 (Object.prototype.toString.call(x) returns \'\')'
      : 'reads undefined on Espruino 2v29 (builtins resolve only on instances)';
  return {
    rule: 'prototype-builtin',
    message: `${owner}.prototype.${prop} ${why}; call it on the value: x.${prop}(...)`,
  };
}

function argumentsLengthHit(chain: AnyNode[], ctx: ApiContext): RuleHit | undefined {
  if (!ctx.scopes.isFree('arguments', chain)) return undefined;
  for (let i = chain.length - 1; i >= 0; i--) {
    const fn = chain[i];
    if (!isFunctionNode(fn) || fn.type === 'ArrowFunctionExpression') continue;
    // With no declared parameters the count is exact: max(0, passed).
    if (fn.params.length === 0) return undefined;
    return {
      rule: 'arguments-length',
      message:
        `arguments.length is max(declared, passed) on Espruino 2v29 and this function declares ` +
        `${fn.params.length}; declare no parameters and read arguments[i], or pass a count`,
    };
  }
  return undefined;
}

function callHit(node: AnyNode, ancestors: AnyNode[], ctx: ApiContext): RuleHit | undefined {
  const callee = node.callee;
  if (callee.type === 'MemberExpression' && node.type === 'CallExpression') {
    const name = propertyName(callee);
    if (name !== undefined && has(MISSING_METHODS, name)) {
      const [what, fix] = MISSING_METHODS[name];
      return { rule: 'missing-method', message: `${what} is missing on Espruino 2v29; ${fix}` };
    }
    if (name !== undefined && MISSING_METHOD_PATTERN.test(name)) {
      return {
        rule: 'missing-method',
        message: `Date#${name} is missing on Espruino 2v29; use the local-time method and getTimezoneOffset()`,
      };
    }
  }
  if (callee.type === 'Identifier' && callee.name === 'RegExp' && ctx.scopes.isFree('RegExp', ancestors)) {
    return regExpConstructorHit(node.arguments);
  }
  return undefined;
}

function regExpConstructorHit(args: AnyNode[]): RuleHit | undefined {
  const literal = (a: AnyNode | undefined): string | undefined =>
    a && a.type === 'Literal' && typeof a.value === 'string' ? a.value : undefined;
  const pattern = literal(args[0]);
  const flags = args.length > 1 ? literal(args[1]) : '';
  if (pattern === undefined || flags === undefined) {
    return {
      rule: 'regex-dynamic',
      message:
        'a RegExp built at run time cannot be checked; Espruino 2v29 supports only [...], *, +, ^, $ ' +
        'and a top-level |, so use a regex literal or string methods',
    };
  }
  const features = unsupportedRegexFeatures(pattern, flags);
  if (features.length === 0) return undefined;
  return { rule: 'regex', message: regexMessage(`/${pattern}/${flags}`, features) };
}

function lengthAssignmentHit(node: AnyNode): RuleHit | undefined {
  const target = node.type === 'AssignmentExpression' ? node.left : node.argument;
  if (target.type !== 'MemberExpression' || propertyName(target) !== 'length') return undefined;
  return {
    rule: 'length-assignment',
    message: 'assigning .length throws on Espruino 2v29 ("Assignment to a constant"); truncate with splice(n)',
  };
}

/** The API rule `node` breaks, if any. */
export function apiHit(node: AnyNode, ancestors: AnyNode[], ctx: ApiContext): RuleHit | undefined {
  switch (node.type) {
    case 'Identifier':
      return identifierHit(node, ancestors, ctx);
    case 'MemberExpression':
      return memberHit(node, ancestors, ctx);
    case 'CallExpression':
    case 'NewExpression':
      return callHit(node, ancestors, ctx);
    case 'AssignmentExpression':
    case 'UpdateExpression':
      return lengthAssignmentHit(node);
    default:
      return undefined;
  }
}
