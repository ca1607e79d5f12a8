import { strict as assert } from 'assert';
import { unsupportedRegexFeatures } from '../../toolchain/dialect';

// Each row was run on the Espruino 2v29 Linux build: "ok" rows matched as in
// Node, the others mis-matched silently, threw, or failed to parse.
const CASES: [pattern: string, flags: string, features: string[]][] = [
  ['^[a-z0-9_]+$', 'gi', []],
  ['\\d+\\.\\d*\\s\\w', '', []],
  ['a|b', '', []],
  ['[\\b]\\/', '', []],
  ['a{2,3}', '', ['{n,m} quantifier']],
  ['(?:ab)c', '', ['(?: group']],
  ['a(?=b)', '', ['lookahead']],
  ['a(?!b)', '', ['lookahead']],
  ['(?<=x)a', '', ['lookbehind']],
  ['\\bfoo\\B', '', ['\\b word boundary']],
  ['a*?b+?', '', ['lazy quantifier']],
  ['(?<year>\\d+)', '', ['named group']],
  ['ab?c', '', ['? quantifier']],
  ['x(a|b)c', '', ['| inside a group']],
  ['(ab)+', '', ['quantified group']],
  ['[/]', '', ['unescaped / inside [...]']],
  ['\\u0041', '', ['\\u escape']],
  ['(a)\\1', '', ['backreference']],
  ['a', 'my', ['m flag', 'y flag']],
  ['a', 'su', ['s flag', 'u flag']],
];

describe('unsupportedRegexFeatures', () => {
  for (const [pattern, flags, features] of CASES) {
    it(`${features.length ? 'flags' : 'accepts'} /${pattern}/${flags}`, () => {
      assert.deepEqual(unsupportedRegexFeatures(pattern, flags), features);
    });
  }

  it('lists each feature once, in order of first appearance', () => {
    assert.deepEqual(unsupportedRegexFeatures('a{2}(?:b)c{3}(?:d)', 'u'), ['{n,m} quantifier', '(?: group', 'u flag']);
  });
});
