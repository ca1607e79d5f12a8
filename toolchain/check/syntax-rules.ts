/**
 * Syntax the Espruino 2v29 parser rejects (ESPRUINO.md §1), matched on the
 * acorn tree of the emitted bundle. Each rule names the form and the ES5 way
 * to write it. Seeing any of these in a bundle means a stage of the build
 * (TypeScript at target ES5) was skipped or a dependency bypassed it.
 */
import { regexMessage, unsupportedRegexFeatures } from '../dialect';
import { type AnyNode, isFunctionNode } from './scope';

/** What a rule found: the rule id and the full message. */
export interface RuleHit {
  rule: string;
  message: string;
}

const hit = (rule: string, form: string, fix: string): RuleHit => ({
  rule,
  message: `${form} does not parse on Espruino 2v29; ${fix}`,
});

const PATTERN_TYPES = ['ObjectPattern', 'ArrayPattern'];

function isParamOf(node: AnyNode, parent: AnyNode | undefined): boolean {
  return !!parent && isFunctionNode(parent) && parent.params.indexOf(node) >= 0;
}

function insidePattern(ancestors: AnyNode[]): boolean {
  return ancestors.some((a) => PATTERN_TYPES.indexOf(a.type) >= 0);
}

const LOGICAL_FIX: { [op: string]: string } = {
  '??=': 'write if (x == null) x = y',
  '||=': 'write if (!x) x = y',
  '&&=': 'write if (x) x = y',
};

function functionHit(node: AnyNode): RuleHit | undefined {
  if (node.async) return hit('async', 'an async function', 'use callbacks or Promise then()');
  if (node.generator) {
    return hit('generator', 'a generator function', 'use a callback or an explicit iterator object');
  }
  return undefined;
}

function patternHit(node: AnyNode, parent: AnyNode | undefined, ancestors: AnyNode[]): RuleHit | undefined {
  if (node.type === 'AssignmentPattern' && isParamOf(node, parent)) {
    return hit('default-param', 'a default parameter value', 'assign it in the body when the argument is undefined');
  }
  if (node.type === 'RestElement' && isParamOf(node, parent)) {
    return hit('rest-param', 'a rest parameter', 'read arguments[i] in a loop');
  }
  if (PATTERN_TYPES.indexOf(node.type) >= 0 && !insidePattern(ancestors)) {
    return hit('destructuring', 'destructuring', 'read the fields one by one');
  }
  return undefined;
}

function regexHit(node: AnyNode): RuleHit | undefined {
  const features = unsupportedRegexFeatures(node.regex.pattern, node.regex.flags);
  if (features.length === 0) return undefined;
  return { rule: 'regex', message: regexMessage(node.raw, features) };
}

const ARRAY_HOLE: RuleHit = {
  rule: 'array-hole',
  message: 'an array hole ([a,,b]) does not parse on Espruino 2v29 in a branch that is skipped; write [a, void 0, b]',
};

function expressionHit(node: AnyNode): RuleHit | undefined {
  switch (node.type) {
    case 'SpreadElement':
      return hit('spread', 'spread (...x)', 'use concat, apply or a loop');
    case 'ChainExpression':
      return hit('optional-chain', 'optional chaining (?.)', 'test for null explicitly');
    case 'TaggedTemplateExpression':
      return hit('tagged-template', 'a tagged template', 'call the function with plain arguments');
    case 'MetaProperty':
      return hit('new-target', node.meta.name + '.' + node.property.name, 'pass the information explicitly');
    case 'ImportExpression':
      return hit('dynamic-import', 'import()', 'import the module statically so the bundler inlines it');
    case 'ArrayExpression':
      return node.elements.indexOf(null) >= 0 ? ARRAY_HOLE : undefined;
    case 'BinaryExpression':
    case 'AssignmentExpression':
      if (node.operator === '**' || node.operator === '**=') {
        return hit('exponent', `the ${node.operator} operator`, 'use Math.pow');
      }
      return LOGICAL_FIX[node.operator]
        ? hit('logical-assignment', `the ${node.operator} operator`, LOGICAL_FIX[node.operator])
        : undefined;
    default:
      return undefined;
  }
}

const CLASS_MESSAGE =
  'class syntax in the bundle means it was not downlevelled to ES5; Espruino runs classes ' +
  'but does not inherit statics and cannot extend Error. Build with TypeScript target ES5';

function declarationHit(node: AnyNode): RuleHit | undefined {
  switch (node.type) {
    case 'ClassDeclaration':
    case 'ClassExpression':
      return { rule: 'class', message: CLASS_MESSAGE };
    case 'LabeledStatement':
      return hit('label', 'a labelled statement', 'use a flag variable or return from a function');
    case 'WithStatement':
      return hit('with', 'a with statement', 'name the object explicitly');
    case 'Property':
    case 'MethodDefinition':
    case 'PropertyDefinition':
      return node.computed
        ? hit('computed-key', 'a computed key ({[k]: v})', 'create the object, then assign o[k] = v')
        : undefined;
    case 'Literal':
      if (node.bigint !== undefined) return hit('bigint', 'a BigInt literal', 'use numbers');
      return node.regex ? regexHit(node) : undefined;
    default:
      return undefined;
  }
}

/**
 * The syntax rule `node` breaks, if any. `ancestors` lists the enclosing
 * nodes, outermost first.
 */
export function syntaxHit(node: AnyNode, ancestors: AnyNode[]): RuleHit | undefined {
  const parent = ancestors[ancestors.length - 1];
  if (isFunctionNode(node)) return functionHit(node);
  // A key inside a pattern is part of the destructuring already reported.
  if (node.type === 'Property' && parent && PATTERN_TYPES.indexOf(parent.type) >= 0) return undefined;
  return patternHit(node, parent, ancestors) ?? expressionHit(node) ?? declarationHit(node);
}
