/**
 * A small scope resolver for the emitted bundle, enough to tell a global
 * reference (`Map`, `Number.isFinite`) from a local that shadows it.
 *
 * Declarations are collected first, so a reference resolves against every
 * declaration of its scope chain wherever it sits (JavaScript hoisting; the
 * build's terser pass hoists functions, ESPRUINO.md §2 step 4).
 */
import type { Node } from 'acorn';

/** An acorn node seen as a bag of fields, for generic traversal. */
export type AnyNode = Node & { [key: string]: any };

/**
 * Visits `root` and every node below it in source order, pre-order. `ancestors`
 * lists the nodes above the visited one, outermost first, excluding it.
 */
export function walkNodes(root: Node, visit: (node: AnyNode, ancestors: AnyNode[]) => void): void {
  const ancestors: AnyNode[] = [];
  const go = (node: AnyNode): void => {
    visit(node, ancestors);
    ancestors.push(node);
    for (const key of Object.keys(node)) {
      const value = node[key];
      if (Array.isArray(value)) {
        for (const child of value) if (isNode(child)) go(child);
      } else if (isNode(value)) {
        go(value);
      }
    }
    ancestors.pop();
  };
  go(root as AnyNode);
}

function isNode(value: unknown): value is AnyNode {
  return typeof value === 'object' && value !== null && typeof (value as AnyNode).type === 'string';
}

/** The identifiers a binding pattern declares (`a`, `{b, c: [d]}`, `...e`, `f = 1`). */
export function patternIdentifiers(pattern: AnyNode | null): AnyNode[] {
  if (!pattern) return [];
  switch (pattern.type) {
    case 'Identifier':
      return [pattern];
    case 'ObjectPattern':
      return pattern.properties.flatMap((p: AnyNode) =>
        patternIdentifiers(p.type === 'RestElement' ? p.argument : p.value),
      );
    case 'ArrayPattern':
      return pattern.elements.flatMap((e: AnyNode | null) => patternIdentifiers(e));
    case 'RestElement':
      return patternIdentifiers(pattern.argument);
    case 'AssignmentPattern':
      return patternIdentifiers(pattern.left);
    default:
      return [];
  }
}

const FUNCTION_TYPES = ['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression'];
const VAR_SCOPES = [...FUNCTION_TYPES, 'Program'];
const BLOCK_SCOPES = [
  ...VAR_SCOPES, 'BlockStatement', 'StaticBlock', 'ForStatement', 'ForInStatement',
  'ForOfStatement', 'SwitchStatement',
];

/** True for nodes that start a function (var) scope. */
export function isFunctionNode(node: AnyNode): boolean {
  return FUNCTION_TYPES.indexOf(node.type) >= 0;
}

function nearest(ancestors: AnyNode[], types: string[]): AnyNode {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    if (types.indexOf(ancestors[i].type) >= 0) return ancestors[i];
  }
  return ancestors[0];
}

/** Declared names per scope node, and the identifier nodes that are bindings. */
export interface ScopeTable {
  /** Identifier nodes that declare a name (never references). */
  bindings: Set<Node>;
  /** True when no scope around the reference declares `name`. */
  isFree(name: string, ancestors: AnyNode[]): boolean;
}

/** Collects every declaration in `program` into its scope. */
export function buildScopes(program: Node): ScopeTable {
  const declared = new Map<AnyNode, Set<string>>();
  const bindings = new Set<Node>();
  const declare = (scope: AnyNode, ids: AnyNode[]): void => {
    let names = declared.get(scope);
    if (!names) declared.set(scope, (names = new Set()));
    for (const id of ids) {
      names.add(id.name);
      bindings.add(id);
    }
  };
  walkNodes(program, (node, ancestors) => {
    if (node.type === 'VariableDeclaration') {
      const scope = node.kind === 'var' ? nearest(ancestors, VAR_SCOPES) : nearest(ancestors, BLOCK_SCOPES);
      for (const d of node.declarations) declare(scope, patternIdentifiers(d.id));
    } else if (node.type === 'FunctionDeclaration') {
      declare(nearest(ancestors, VAR_SCOPES), [node.id]);
      declare(node, node.params.flatMap(patternIdentifiers));
    } else if (isFunctionNode(node)) {
      declare(node, (node.id ? [node.id] : []).concat(node.params.flatMap(patternIdentifiers)));
    } else if (node.type === 'ClassDeclaration') {
      declare(nearest(ancestors, BLOCK_SCOPES), [node.id]);
    } else if (node.type === 'ClassExpression' && node.id) {
      declare(node, [node.id]);
    } else if (node.type === 'CatchClause') {
      declare(node, patternIdentifiers(node.param));
    }
  });
  return {
    bindings,
    isFree(name, ancestors) {
      for (let i = ancestors.length - 1; i >= 0; i--) {
        if (declared.get(ancestors[i])?.has(name)) return false;
      }
      return true;
    },
  };
}

/**
 * True when the identifier `node`, child of `parent`, reads or writes a
 * variable: not a property name, label, meta-property part or binding.
 */
export function isReference(node: AnyNode, parent: AnyNode | undefined, table: ScopeTable): boolean {
  if (table.bindings.has(node)) return false;
  if (!parent) return true;
  switch (parent.type) {
    case 'MemberExpression':
      return parent.object === node || parent.computed;
    case 'Property':
      return parent.value === node || (parent.key === node && (parent.computed || parent.shorthand));
    case 'MethodDefinition':
    case 'PropertyDefinition':
      return parent.key !== node || parent.computed;
    case 'LabeledStatement':
    case 'BreakStatement':
    case 'ContinueStatement':
    case 'MetaProperty':
      return false;
    default:
      return !/^(Import|Export)/.test(parent.type) || parent.local === node;
  }
}
