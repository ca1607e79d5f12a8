/**
 * What Espruino keeps for each function of a script, read from its source
 * with acorn: parameters, the code text it stores, how many function
 * activations enclose it, and the names each activation holds.
 */
import * as acorn from 'acorn';
import { byteLength, FunctionShape } from './blocks';

type Node = acorn.Node & { [k: string]: any };

/** The statement pinScopes inserts (scope-pins.ts): a direct eval that never runs. */
export const SCOPE_PIN = 'if(0)eval("");';

/** A name an activation (function scope object) holds once its function has run. */
export interface DeclaredName {
  name: string;
  kind: 'param' | 'var' | 'function';
  /** Initializer of a `var` (for a static guess of values V8 does not show). */
  init?: Node;
  /** The function a declaration (or `var x = function…`) creates. */
  fn?: SourceFunction;
}

/** One function literal of the source. */
export interface SourceFunction {
  /** Index in `SourceAnalysis.functions` (stable id). */
  id: number;
  node: Node;
  /** Offset of the parameter list: where V8's [[FunctionLocation]] points. */
  paramsAt: number;
  shape: FunctionShape;
  /** Enclosing function, or undefined at top level. */
  parent?: SourceFunction;
  /** Names its activation holds: params, `var`s, `let`/`const`, function declarations. */
  declared: DeclaredName[];
  /** Called where it is defined (`(function(){…})()`): the function object is garbage right after. */
  immediate: boolean;
  /** Inside a loop of its enclosing function: one activation may create several instances. */
  inLoop: boolean;
}

export interface SourceAnalysis {
  code: string;
  /** acorn's Program node. */
  ast: acorn.Node;
  functions: SourceFunction[];
  /** Top-level declarations (Espruino's root scope). */
  topLevel: DeclaredName[];
  /** Map a V8 [[FunctionLocation]] (0-based line and column) to its function. */
  functionAt(line: number, column: number): SourceFunction | undefined;
  /** The function a function node describes. */
  functionOf(node: acorn.Node): SourceFunction | undefined;
}

const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);
const LOOP_TYPES = new Set(['ForStatement', 'ForInStatement', 'ForOfStatement', 'WhileStatement', 'DoWhileStatement']);

/** Parse `code` (a script) and describe every function in it. Throws acorn's SyntaxError. */
export function analyzeSource(code: string): SourceAnalysis {
  const ast = acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'script', allowReturnOutsideFunction: true }) as Node;
  const functions: SourceFunction[] = [];
  const byParams = new Map<number, SourceFunction>();
  const byNode = new Map<Node, SourceFunction>();
  const topLevel: DeclaredName[] = [];
  const immediate = new Set<Node>();
  let loops = 0; // loop statements open between the current node and its enclosing function
  const visit = (node: Node, owner: SourceFunction | undefined, names: DeclaredName[]): void => {
    if (node.type === 'CallExpression') {
      const c = node.callee as Node;
      if (FUNCTION_TYPES.has(c.type)) immediate.add(c);
      else if (c.type === 'MemberExpression' && FUNCTION_TYPES.has(c.object.type) && ['call', 'apply'].includes(c.property.name)) immediate.add(c.object);
    }
    if (FUNCTION_TYPES.has(node.type)) {
      const fn = describe(node, code, owner, functions.length);
      fn.immediate = immediate.has(node);
      fn.inLoop = loops > 0;
      functions.push(fn);
      byParams.set(fn.paramsAt, fn);
      byNode.set(node, fn);
      if (node.type === 'FunctionDeclaration' && node.id) names.push({ name: node.id.name, kind: 'function', fn });
      const outerLoops = loops;
      loops = 0;
      visit(node.body, fn, fn.declared);
      loops = outerLoops;
      return;
    }
    const isLoop = LOOP_TYPES.has(node.type);
    if (isLoop) loops++;
    if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier') {
      names.push({ name: node.id.name, kind: 'var', init: node.init || undefined });
    }
    if (node.type === 'CatchClause' && node.param && node.param.type === 'Identifier') {
      names.push({ name: node.param.name, kind: 'var' });
    }
    for (const key of Object.keys(node)) {
      const v = node[key];
      if (Array.isArray(v)) { for (const c of v) if (c && typeof c.type === 'string') visit(c, owner, names); }
      else if (v && typeof v.type === 'string') visit(v, owner, names);
    }
    if (isLoop) loops--;
  };
  visit(ast, undefined, topLevel);
  // `var f = function…` declares a function too: link it so its cost is known statically.
  for (const names of [topLevel, ...functions.map((f) => f.declared)]) {
    for (const d of names) if (d.kind === 'var' && d.init) d.fn = byNode.get(d.init);
  }
  const lineStarts = [0];
  for (let i = 0; i < code.length; i++) if (code.charCodeAt(i) === 10) lineStarts.push(i + 1);
  return {
    code,
    ast,
    functions,
    topLevel,
    functionAt: (line, column) => line < lineStarts.length ? byParams.get(lineStarts[line] + column) : undefined,
    functionOf: (node) => byNode.get(node as Node),
  };
}

function describe(node: Node, code: string, parent: SourceFunction | undefined, id: number): SourceFunction {
  const depth = parent ? parent.shape.depth + 1 : 0;
  const params: string[] = node.params.map((p: Node) => (p.type === 'Identifier' ? p.name : code.slice(p.start, p.end)));
  const fn: SourceFunction = {
    id,
    node,
    paramsAt: paramsOffset(node, code),
    shape: {
      params,
      codeBytes: byteLength(storedCode(node, code)),
      depth,
      internalName: node.type === 'FunctionExpression' && node.id ? node.id.name : undefined,
    },
    parent,
    declared: params.map((name) => ({ name, kind: 'param' as const })),
    immediate: false,
    inLoop: false,
  };
  return fn;
}

/** Where V8 locates a function: its `(`, or the lone parameter of `x => …`. */
function paramsOffset(node: Node, code: string): number {
  if (node.type === 'ArrowFunctionExpression') return node.start;
  const from = node.id ? node.id.end : node.start;
  const at = code.indexOf('(', from);
  return at < 0 ? from : at;
}

/**
 * The text Espruino stores as `\xFFcod`: from the first token of the body to
 * the end of the last one, dropping a leading `return` (JSV_FUNCTION_RETURN);
 * for `x => expr`, the expression.
 */
export function storedCode(node: Node, code: string): string {
  const body = node.body as Node;
  if (body.type !== 'BlockStatement') return unpinned(code.slice(body.start, body.end));
  // Scope pins (pinScopes) are the simulator's, not the device's: skip them.
  const stmts = (body.body as Node[]).filter((st) => code.slice(st.start, st.end) !== SCOPE_PIN);
  if (stmts.length === 0) return '';
  let start = stmts[0].start;
  const end = stmts[stmts.length - 1].end;
  if (stmts[0].type === 'ReturnStatement') {
    start += 'return'.length;
    while (start < end && /\s/.test(code[start])) start++;
  }
  return unpinned(code.slice(start, end));
}

function unpinned(text: string): string {
  return text.indexOf(SCOPE_PIN) < 0 ? text : text.split(SCOPE_PIN).join('');
}

/**
 * Shape of a standalone function from its `toString()` text: depth 0 (no
 * scope information) and no internal name (a declaration cannot be told
 * from a named expression by its text; minifiers drop unused names anyway).
 */
export function shapeOfFunctionText(text: string): FunctionShape | undefined {
  for (const wrap of [['(', ')'], ['({', '})'], ['(class{', '})']]) {
    const src = wrap[0] + text + wrap[1];
    try {
      const a = analyzeSource(src);
      const f = a.functions.find((x) => x.parent === undefined);
      if (f) return { ...f.shape, depth: 0, internalName: undefined };
    } catch {
      // try the next wrapper: methods and class members need an object or class around them
    }
  }
  return undefined;
}
