import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { helperPrelude, shippedHelperNames } from '../../toolchain/build/helpers';
import { checkBundle, checkBundleFile, formatViolation, formatViolations } from '../../toolchain/check';
import { EMITTED_DIR, encodeMappings, expectedLines, type Segment } from './fixtures/fixture-map';

const rules = (code: string): string[] => checkBundle(code).map((v) => v.rule);

describe('checkBundle', () => {
  it('lists every violation of a bundle, in bundle order', () => {
    const violations = checkBundleFile('many.js', { cwd: EMITTED_DIR });
    assert.deepEqual(
      violations.map((v) => v.rule),
      ['unknown-global', 'destructuring', 'unknown-static', 'array-hole', 'optional-chain', 'regex'],
    );
    const text = fs.readFileSync(path.join(EMITTED_DIR, 'many.js'), 'utf8');
    assert.deepEqual(violations.map(formatViolation), expectedLines(text));
  });

  it('passes a clean ES5 bundle with 0 violations', () => {
    assert.deepEqual(checkBundleFile('clean.js', { cwd: EMITTED_DIR }), []);
  });

  it('passes the full helper prelude of toolchain/build/helpers.ts', () => {
    const prelude = helperPrelude(shippedHelperNames()).code;
    assert.deepEqual(checkBundle(prelude).map(formatViolation), []);
  });

  it('maps positions inside the helper prelude to <helpers>', () => {
    const code = 'var __x=function(a){return a.flat()};\n__x([]);';
    const lines: Segment[][] = [[[0, 0, 0, 0], [27, 0, 0, 27]], [[0, 1, 4, 2]]];
    const map = { version: 3 as const, sources: ['<helpers>', '../src/app.ts'], names: [], mappings: encodeMappings(lines) };
    const [v] = checkBundle(code, map, { mapPath: '/repo/dist/app.js.map', cwd: '/repo' });
    assert.equal(formatViolation(v).split(' ')[0], '<helpers>:1:28');
    const viaRoot = checkBundle(code.replace('flat', 'at'), { ...map, sourceRoot: '../' }, { mapPath: '/repo/dist/app.js.map', cwd: '/repo' });
    assert.equal(viaRoot[0].file, '<helpers>');
  });

  it('resolves map sources against the map directory and sourceRoot, relative to cwd', () => {
    const code = 'var m = new Map();';
    const map = { version: 3 as const, sourceRoot: '../src/', sources: ['app.ts'], names: [], mappings: encodeMappings([[[12, 0, 6, 14]]]) };
    const [v] = checkBundle(code, JSON.stringify(map), { mapPath: '/repo/dist/app.js.map', cwd: '/repo' });
    assert.deepEqual({ file: v.file, line: v.line, column: v.column, generated: v.generated }, {
      file: 'src/app.ts', line: 7, column: 15, generated: { line: 1, column: 13 },
    });
  });

  it('falls back to the bundle path and generated position where the map is silent', () => {
    const map = { version: 3 as const, sources: ['a.ts'], names: [], mappings: encodeMappings([[[0, 0, 0, 0]], []]) };
    const [v] = checkBundle('var a = 1;\nvar m = new Map();', map, { bundlePath: 'dist/x.js' });
    assert.equal(formatViolation(v).split(' ')[0], 'dist/x.js:2:13');
    assert.equal(checkBundle('var s = new Set();')[0].file, '<bundle>');
  });

  it('reports a parse error as one parse violation', () => {
    assert.deepEqual(rules('var a = 1;\nvar b = ;\nvar c = new Map();'), ['parse']);
  });

  it('resolves names through the bundle scopes', () => {
    const code = [
      'function f(Map, Number) { return new Map(Number.isFinite); }',
      'var Symbol = function () {};',
      'Symbol();',
      'if (typeof Set !== "undefined" && typeof Number.isFinite === "function") {}',
      'Math.trunc = function (x) { return x; };',
      'try { x(); } catch (WeakMap) { WeakMap.y; }',
      'var g = function Proxy() { return Proxy; };',
    ].join('\n');
    assert.deepEqual(rules(code), ['unknown-global']);
    assert.match(checkBundle(code)[0].message, /^x is neither declared/);
    assert.equal(checkBundle('toString();')[0].message, 'toString is neither declared in the bundle nor an Espruino 2v29 global');
  });

  it('checks statics only on the unshadowed global object', () => {
    assert.deepEqual(rules('var a = Object.freeze({}), b = Object.keys({}), c = E.on, d = Math.max.apply;'), ['unknown-static']);
    assert.deepEqual(rules('(function (Object) { return Object.freeze; })({});'), []);
  });

  it('names the TS feature behind an unshipped helper and flags a shipped one left undefined', () => {
    const [unshipped, undefinedShipped] = checkBundle('__awaiter(this);\n__assign({}, {});');
    assert.match(unshipped.message, /__awaiter .* async functions/);
    assert.equal(undefinedShipped.rule, 'unknown-global');
    assert.match(undefinedShipped.message, /__assign is used but not defined/);
    assert.deepEqual(rules('var __read = function (a) { return a; };\n__read([]);'), []);
    assert.deepEqual(rules('__newHelper(1);\nvar d = __dirname;'), ['unshipped-helper', 'unknown-global']);
  });

  it('accepts arguments.length where no parameter is declared', () => {
    assert.deepEqual(rules('var f = function () { return arguments.length; };'), []);
    assert.deepEqual(rules('var f = function (a) { return function () { return arguments.length; }; };'), []);
    assert.deepEqual(rules('var f = function (a) { return () => arguments.length; };'), ['arguments-length']);
  });

  it('checks RegExp built from literals like a regex literal', () => {
    assert.deepEqual(rules('var a = new RegExp("^[a-z]+$", "i"), b = RegExp("a{2}"), c = new RegExp("a", flags);'), [
      'regex', 'regex-dynamic', 'unknown-global',
    ]);
  });

  it('renders violations as JSON on request', () => {
    const violations = checkBundle('var m = new Map();');
    assert.deepEqual(JSON.parse(formatViolations(violations, { json: true })), violations);
    assert.equal(formatViolations([]), '');
  });
});
