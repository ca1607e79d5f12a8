import { strict as assert } from 'assert';
import { createAggregator } from '../../../sdk/privacy/aggregate/index';
import type { Aggregator } from '../../../sdk/privacy/aggregate/index';
import type { Aggregate, FieldDecl } from '../../../sdk/model/index';

/** One sample: value, time (ms), dt (ms). */
type S = [number, number, number];

const OFF = 3; // aggregators must honour their offset: put junk before and after

function run(agg: Aggregator, samples: S[]): Float64Array {
  const s = new Float64Array(OFF + agg.size + 2).fill(777);
  agg.init(s, OFF);
  for (const [v, t, dt] of samples) agg.add(s, OFF, v, t, dt);
  return s;
}

function field(aggregate: Aggregate, extra: Partial<FieldDecl> = {}): FieldDecl {
  return { channel: 'x', aggregate, ...extra };
}

function agg(aggregate: Aggregate, extra: Partial<FieldDecl> = {}): Aggregator {
  const a = createAggregator(field(aggregate, extra));
  assert.ok(a, aggregate);
  return a;
}

const A: S[] = [[4, 1000, 10000], [-2, 2000, 10000], [7, 3000, 20000]];
const B: S[] = [[1, 4000, 10000], [9, 500, 5000], [0, 6000, 10000]];

describe('aggregators', () => {
  it('count counts samples', () => assert.equal(agg('count').result(run(agg('count'), A), OFF), 3));
  it('eventCount counts only non-zero values', () => assert.equal(agg('eventCount').result(run(agg('eventCount'), B), OFF), 2));
  it('sum adds values', () => assert.equal(agg('sum').result(run(agg('sum'), A), OFF), 9));
  it('mean divides the sum by the count', () => assert.equal(agg('mean').result(run(agg('mean'), A), OFF), 3));
  it('min and max keep the extremes', () => {
    assert.equal(agg('min').result(run(agg('min'), A), OFF), -2);
    assert.equal(agg('max').result(run(agg('max'), A), OFF), 7);
  });
  it('last keeps the latest sample by time, not by call order', () => {
    assert.equal(agg('last').result(run(agg('last'), B), OFF), 0);
    assert.equal(agg('last').result(run(agg('last'), [[5, 9000, 0], [6, 8000, 0]]), OFF), 5);
  });
  it('variance is the population variance (sum of squared deviations / n)', () => {
    // [1,2,3,4]: mean 2.5, squared deviations sum to 5 (what E.variance returns), / 4 = 1.25
    const s = run(agg('variance'), [[1, 0, 0], [2, 0, 0], [3, 0, 0], [4, 0, 0]]);
    assert.equal(agg('variance').result(s, OFF), 1.25);
    assert.equal(s[OFF + 2], 5);
  });
  it('variance keeps precision on a large offset', () => {
    const s = run(agg('variance'), [[230001, 0, 0], [230002, 0, 0], [230003, 0, 0], [230004, 0, 0]]);
    assert.equal(agg('variance').result(s, OFF), 1.25);
  });
  it('histogram counts per bucket with inclusive upper bounds and an overflow bucket', () => {
    const h = agg('histogram', { bounds: [0, 4, 8] });
    const s = run(h, [[-5, 0, 0], [0, 0, 0], [0.5, 0, 0], [4, 0, 0], [8, 0, 0], [8.01, 0, 0], [100, 0, 0]]);
    assert.deepEqual(h.result(s, OFF), [2, 2, 1, 2]);
  });
  it('histogram without bounds has only the overflow bucket', () => {
    const h = agg('histogram');
    assert.deepEqual(h.result(run(h, A), OFF), [3]);
  });
  it('dutyCycle is the time-weighted permille above the threshold', () => {
    const d = agg('dutyCycle', { threshold: 3 });
    // above: 4 (10 s) and 7 (20 s) of 40 s observed = 750 permille
    assert.equal(d.result(run(d, A), OFF), 750);
  });
  it('dutyCycle defaults to a threshold of 0 and rounds to whole permille', () => {
    const d = agg('dutyCycle');
    assert.equal(d.result(run(d, [[1, 0, 1000], [0, 0, 2000]]), OFF), 333);
  });
  it('energy integrates W over dt into Wh', () => {
    // 100 W for 360 samples of 10 s = 1 h -> 100 Wh
    const samples: S[] = [];
    for (let i = 0; i < 360; i++) samples.push([100, i * 10000, 10000]);
    assert.equal(agg('energy').result(run(agg('energy'), samples), OFF), 100);
  });
  it('gives 0 or NaN (no value) for an empty window', () => {
    const expect: { [k: string]: number | number[] } = {
      count: 0, eventCount: 0, sum: 0, energy: 0, mean: NaN, min: NaN, max: NaN, last: NaN, variance: NaN, dutyCycle: NaN,
    };
    for (const k of Object.keys(expect)) assert.deepEqual(agg(k as Aggregate).result(run(agg(k as Aggregate), []), OFF), expect[k], k);
    assert.deepEqual(agg('histogram', { bounds: [1] }).result(run(agg('histogram', { bounds: [1] }), []), OFF), [0, 0]);
  });
  it('does not touch slots outside its own', () => {
    const s = run(agg('histogram', { bounds: [1, 2] }), A);
    assert.deepEqual([s[0], s[1], s[2], s[OFF + 3], s[OFF + 4]], [777, 777, 777, 777, 777]);
  });
  it('returns undefined for an aggregate it does not know', () => {
    assert.equal(createAggregator({ channel: 'x', aggregate: 'median' as Aggregate }), undefined);
  });

  describe('merge(A, B) equals the aggregate over A ∪ B', () => {
    const kinds: [Aggregate, Partial<FieldDecl>][] = [
      ['count', {}], ['eventCount', {}], ['sum', {}], ['mean', {}], ['min', {}], ['max', {}], ['last', {}],
      ['variance', {}], ['histogram', { bounds: [0, 4, 8] }], ['dutyCycle', { threshold: 3 }], ['energy', {}],
    ];
    for (const [kind, extra] of kinds) {
      it(`for ${kind}`, () => {
        const a = agg(kind, extra);
        const sa = run(a, A);
        const sb = run(a, B);
        const su = run(a, A.concat(B));
        const src = new Float64Array(a.size + 5).fill(555);
        for (let i = 0; i < a.size; i++) src[5 + i] = sb[OFF + i];
        a.merge(sa, OFF, src, 5);
        if (kind === 'variance') {
          // population variance of [4,-2,7,1,9,0] = 545/36; merge order rounds differently in the last bit
          assert.ok(Math.abs((a.result(sa, OFF) as number) - 545 / 36) < 1e-12);
          assert.ok(Math.abs((a.result(su, OFF) as number) - 545 / 36) < 1e-12);
        } else {
          assert.deepEqual(a.result(sa, OFF), a.result(su, OFF));
        }
        for (let i = 0; i < a.size; i++) assert.equal(src[5 + i], sb[OFF + i], 'merge left src unchanged');
      });
    }
    it('for variance, exactly: [1,2] merged with [3,4] gives 1.25', () => {
      const v = agg('variance');
      const sa = run(v, [[1, 0, 0], [2, 0, 0]]);
      v.merge(sa, OFF, run(v, [[3, 0, 0], [4, 0, 0]]), OFF);
      assert.equal(v.result(sa, OFF), 1.25);
    });
    it('with an empty side on either end', () => {
      for (const [kind, extra] of kinds) {
        const a = agg(kind, extra);
        const left = run(a, A);
        a.merge(left, OFF, run(a, []), OFF);
        assert.deepEqual(a.result(left, OFF), a.result(run(a, A), OFF), kind + ' ∪ ∅');
        const right = run(a, []);
        a.merge(right, OFF, run(a, A), OFF);
        assert.deepEqual(a.result(right, OFF), a.result(run(a, A), OFF), '∅ ∪ ' + kind);
      }
    });
    it('for last, the later sample wins whichever side it is on', () => {
      const l = agg('last');
      const early = run(l, [[1, 1000, 0]]);
      const late = run(l, [[2, 2000, 0]]);
      l.merge(early, OFF, late, OFF);
      assert.equal(l.result(early, OFF), 2);
      const late2 = run(l, [[2, 2000, 0]]);
      l.merge(late2, OFF, run(l, [[1, 1000, 0]]), OFF);
      assert.equal(l.result(late2, OFF), 2);
    });
  });
});
