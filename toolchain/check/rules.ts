/**
 * Every rule id `homebound check` reports, with what it catches. Ids are
 * stable: tools and fixtures (test/dialect/fixtures/emitted/<id>.js) key on them.
 */
export const CHECK_RULES: { readonly [id: string]: string } = {
  parse: 'the bundle is not valid JavaScript',
  'default-param': 'default parameter values',
  'rest-param': 'rest parameters',
  spread: 'spread in calls, arrays and objects',
  destructuring: 'destructuring in declarations, parameters, for and assignments',
  'computed-key': 'computed keys in object literals and classes',
  exponent: 'the ** and **= operators',
  'optional-chain': 'optional chaining ?.',
  'logical-assignment': 'the ??=, ||= and &&= operators',
  'tagged-template': 'tagged templates',
  async: 'async functions',
  generator: 'generator functions',
  label: 'labelled statements',
  'array-hole': 'array holes [a,,b]',
  class: 'class syntax: the ES5 build step was skipped',
  'new-target': 'new.target',
  with: 'with statements',
  bigint: 'BigInt literals',
  'dynamic-import': 'import()',
  regex: 'regex literals (and RegExp("literal")) using features Espruino cannot match',
  'regex-dynamic': 'RegExp built from a non-literal pattern or flags',
  'unknown-global': 'free identifiers that are not Espruino globals',
  'unknown-static': 'static members missing from an Espruino builtin (Number.isFinite)',
  'prototype-builtin': 'reads of Builtin.prototype.method',
  'missing-method': 'calls of instance methods no Espruino builtin has (name-based heuristic)',
  'length-assignment': 'assignments to .length',
  'unshipped-helper': 'TypeScript helpers Homebound does not ship',
  'arguments-length': 'arguments.length in a function with declared parameters',
};
