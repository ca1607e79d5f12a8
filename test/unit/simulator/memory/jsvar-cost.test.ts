import { strict as assert } from 'assert';
import { ESP32_LAYOUT as L, ESP32C3_LAYOUT as C3, estimateValue, estimateValueByKind } from '../../../../simulator/memory';
import { functionVars, nameVars, stringVars } from '../../../../simulator/memory/blocks';
import { shapeOfFunctionText } from '../../../../simulator/memory/source-functions';

const floats = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 0.5);

describe('estimateValue: ESPRUINO.md §3 facts (ESP32 layout)', () => {
  it('counts 1 block per integer array element', () => {
    assert.equal(estimateValue([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], L) - estimateValue([], L), 10);
  });

  it('counts 2 blocks per float element', () => {
    assert.equal(estimateValue(floats(10), L) - estimateValue([], L), 20);
  });

  it('counts 2 blocks per short string element', () => {
    assert.equal(estimateValue(['ab', 'cd', 'ef'], L) - estimateValue([], L), 6);
  });

  it('holds Float32Array(1000) in 289 blocks against 2001 for 1000 floats', () => {
    assert.equal(estimateValue(new Float32Array(1000), L), 289);
    assert.equal(estimateValue(floats(1000), L), 2001);
  });

  it('inlines an integer into a name of 4 characters or fewer: 1 block per property', () => {
    assert.equal(estimateValue({ abcd: 1 }, L) - estimateValue({}, L), 1);
  });

  it('needs 3 blocks for a 13-character name with a float', () => {
    assert.equal(estimateValue({ abcdefghijklm: 1.5 }, L) - estimateValue({}, L), 3);
  });

  it('holds {t,h,p} of floats in 7 blocks (8 with its variable)', () => {
    assert.equal(estimateValue({ t: 21.5, h: 40.5, p: 1013.25 }, L), 7);
  });

  it('holds a class instance with 3 float fields in 9 blocks (10 with its variable)', () => {
    function P(this: { a: number; b: number; c: number }) { this.a = 1.5; this.b = 2.5; this.c = 3.5; }
    const p = new (P as unknown as new () => object)();
    assert.equal(estimateValue(p, L, { exclude: [P.prototype] }), 9);
  });

  it('holds a Date in 5 blocks', () => {
    assert.equal(estimateValue(new Date(), L), 5);
  });
});

describe('estimateValue: representation details', () => {
  it('inlines integers only within the ref range (±8191 on ESP32, ±2047 on C3)', () => {
    assert.equal(estimateValue([8191, 8192, -8192, -8193, true, null, undefined], L), 11);
    assert.equal(estimateValue([2047, 2048], C3), 4);
  });

  it('chains strings as 9 + 10 per extension block on ESP32', () => {
    assert.deepEqual([9, 10, 19, 20, 29, 30].map((n) => stringVars(n, L)), [1, 2, 2, 3, 3, 4]);
    assert.equal(estimateValue('x'.repeat(30), L), 4);
  });

  it('stores names as 4 + 10 per extension block', () => {
    assert.deepEqual(['abcd', 'abcde', 'abcdefghijklmn', 'abcdefghijklmno', '123'].map((k) => nameVars(k, L)), [1, 2, 2, 3, 1]);
  });

  it('allocates typed-array storage flat above 19 bytes', () => {
    assert.equal(estimateValue(new Uint8Array(19), L), 4);
    assert.equal(estimateValue(new Uint8Array(20), L), 5);
  });

  it('counts an ArrayBuffer shared by two views once', () => {
    const buf = new ArrayBuffer(100);
    const one = estimateValue([new Uint8Array(buf)], L);
    assert.equal(estimateValue([new Uint8Array(buf), new Uint8Array(buf, 10)], L), one + 2);
  });

  it('counts a value reachable twice once', () => {
    const shared = { big: floats(50) };
    assert.equal(estimateValue([shared, shared], L), estimateValue([shared], L) + 1);
  });

  it('stores a function body from RAM but only a flash reference from Storage', () => {
    const f = function (a: number, b: number) { return a + b; };
    const shape = shapeOfFunctionText('function(a,b){return a+b;}');
    assert.deepEqual(shape && shape.codeBytes, 4); // "a+b;": Espruino drops a leading `return`
    assert.equal(functionVars({ params: ['a', 'b'], codeBytes: 4, depth: 0 }, 'ram', L), 5);
    assert.equal(functionVars({ params: ['a', 'b'], codeBytes: 40, depth: 0 }, 'ram', L), 8);
    assert.equal(functionVars({ params: ['a', 'b'], codeBytes: 40, depth: 0 }, 'storage', L), 5);
    assert.ok(estimateValue(f, L, { codeInRam: true }) >= estimateValue(f, L));
  });

  it('links a closure to one scope directly and to deeper ones through a copied array', () => {
    const at = (depth: number): number => functionVars({ params: [], codeBytes: 5, depth }, 'storage', L);
    assert.deepEqual([at(0), at(1), at(2), at(3)], [3, 4, 7, 8]);
  });

  it('reports where the blocks went', () => {
    const e = estimateValueByKind({ ring: new Float32Array(10), name: 'kitchen', t: 21.5 }, L);
    assert.deepEqual([e.byKind.objects, e.byKind.typedArrays, e.byKind.strings, e.byKind.numbers], [1, 6, 1, 1]);
    assert.equal(e.total, 1 + 3 + 6 + 1 + 1);
  });
});
