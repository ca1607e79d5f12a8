import { strict as assert } from 'assert';
import type { Report } from '../../../../sdk/model/index';
import { createRedactionTally, createRounding, isValidStep, readCounters } from '../../../../sdk/privacy/redact/index';
import type { RedactionContext } from '../../../../sdk/privacy/redact/index';

function report(fields: Report['fields']): Report {
  return { id: 'r1', recipient: 'maker', purpose: 'diagnostics', tier: '1d', windowStart: 0, windowMs: 86400000, fields, coveragePermille: 1000 };
}
const ctx = (): RedactionContext => ({ counts: {}, tally: createRedactionTally() });
const round = (step: number, v: number): number => {
  const out = createRounding(step)(report({ 'x.mean': v }), ctx());
  return out ? (out.fields['x.mean'] as number) : NaN;
};

describe('createRounding', () => {
  it('gives exact decimal multiples of a 0.1 step', () => {
    assert.equal(round(0.1, 0.1 + 0.2), 0.3);
    assert.equal(round(0.1, 4.56), 4.6);
    assert.equal(round(0.1, 0.7000000000000001), 0.7);
    for (let i = -200; i <= 200; i++) assert.equal(round(0.1, i / 10 + 0.01), Number((i / 10).toFixed(1)), `at ${i / 10}`);
  });

  it('rounds half away from zero, negative values included', () => {
    assert.equal(round(0.1, 1.25), 1.3);
    assert.equal(round(0.1, -1.25), -1.3);
    assert.equal(round(0.1, 0.15), 0.2);
    assert.equal(round(0.1, -0.15), -0.2);
    assert.equal(round(5, 7.5), 10);
    assert.equal(round(5, -7.5), -10);
    assert.equal(round(5, 7.4), 5);
    assert.equal(round(0.5, -2.24), -2);
  });

  it('never produces negative zero', () => {
    assert.ok(Object.is(round(0.1, -0.04), 0));
    assert.ok(Object.is(round(5, -2), 0));
  });

  it('keeps integers integers under an integer step', () => {
    for (const v of [0, 1, 7, 12, 1234567, -33]) assert.ok(Number.isInteger(round(5, v)));
    assert.equal(round(1, 12.5), 13);
    assert.equal(round(1000, 1234567), 1235000);
  });

  it('rounds every histogram bucket', () => {
    const out = createRounding(5)(report({ 't.histogram': [20, 0, 7, 12] }), ctx());
    assert.deepEqual(out && out.fields['t.histogram'], [20, 0, 5, 10]);
  });

  it('withholds values it cannot round exactly', () => {
    const c = ctx();
    const out = createRounding(0.1)(report({ 'x.mean': 1e300, 'x.sum': 2.04 }), c);
    assert.deepEqual(out && out.fields, { 'x.sum': 2 });
    assert.equal(readCounters(c.tally).badValue, 1);
  });

  it('accepts steps with up to 6 decimals and fails closed otherwise', () => {
    assert.ok(isValidStep(0.000001) && isValidStep(0.25) && isValidStep(1) && isValidStep(0.07));
    for (const s of [0, -1, NaN, Infinity, 1 / 3, 1e-7]) {
      assert.ok(!isValidStep(s), `step ${s}`);
      const c = ctx();
      assert.equal(createRounding(s)(report({ 'x.mean': 1 }), c), null);
      assert.equal(readCounters(c.tally).badConfig, 1);
    }
  });
});
