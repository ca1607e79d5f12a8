import { strict as assert } from 'assert';
import type { Report } from '../../../../sdk/model/index';
import { createMinCount, createRedactionTally, readCounters } from '../../../../sdk/privacy/redact/index';
import type { FieldCounts, RedactionContext } from '../../../../sdk/privacy/redact/index';

function report(fields: Report['fields']): Report {
  return { id: 'r1', recipient: 'partner', purpose: 'marketing', tier: '1d', windowStart: 0, windowMs: 86400000, fields, coveragePermille: 1000 };
}
const ctx = (counts: FieldCounts): RedactionContext => ({ counts, tally: createRedactionTally() });

describe('createMinCount', () => {
  it('withholds counts below kMin', () => {
    const c = ctx({ 'doorOpen.eventCount': 4, 'door2.eventCount': 5 });
    const out = createMinCount(5)(report({ 'doorOpen.eventCount': 4, 'door2.eventCount': 5 }), c);
    assert.deepEqual(out && out.fields, { 'door2.eventCount': 5 });
    assert.equal(readCounters(c.tally).belowKMin, 1);
  });

  it('withholds a zero count', () => {
    const c = ctx({ 'doorOpen.eventCount': 0, 'compressorW.energy': 99 });
    const out = createMinCount(5)(report({ 'doorOpen.eventCount': 0, 'compressorW.energy': 12.5 }), c);
    assert.deepEqual(out && out.fields, { 'compressorW.energy': 12.5 });
  });

  it('withholds a numeric aggregate over fewer than kMin samples', () => {
    const c = ctx({ 'compressorW.mean': 4, 'compressorW.energy': 5 });
    const out = createMinCount(5)(report({ 'compressorW.mean': 81.2, 'compressorW.energy': 3.1 }), c);
    assert.deepEqual(out && out.fields, { 'compressorW.energy': 3.1 });
  });

  it('withholds a field the buffer gave no count for', () => {
    const out = createMinCount(5)(report({ 'compressorW.mean': 81.2, 'compressorW.sum': 1 }), ctx({ 'compressorW.sum': 100 }));
    assert.deepEqual(out && out.fields, { 'compressorW.sum': 1 });
  });

  it('defaults kMin to 5', () => {
    const r = report({ 'doorOpen.eventCount': 4 });
    assert.equal(createMinCount()(r, ctx({ 'doorOpen.eventCount': 4 })), null);
  });

  it('merges histogram buckets below kMin into the last (other) slot', () => {
    const c = ctx({ 't.histogram': 40 });
    const out = createMinCount(5)(report({ 't.histogram': [20, 3, 0, 12, 5] }), c);
    assert.deepEqual(out && out.fields['t.histogram'], [20, 0, 0, 12, 8]);
    assert.equal(readCounters(c.tally).merged, 1);
  });

  it('folds the smallest bucket into other when other stays below kMin', () => {
    const c = ctx({ 't.histogram': 30 });
    const out = createMinCount(5)(report({ 't.histogram': [20, 3, 7, 0] }), c);
    assert.deepEqual(out && out.fields['t.histogram'], [20, 0, 0, 10]);
    assert.equal(readCounters(c.tally).merged, 2);
  });

  it('withholds a histogram holding fewer than kMin in total', () => {
    const c = ctx({ 't.histogram': 5, 'doorOpen.eventCount': 9 });
    const out = createMinCount(5)(report({ 't.histogram': [1, 2, 1], 'doorOpen.eventCount': 9 }), c);
    assert.deepEqual(out && out.fields, { 'doorOpen.eventCount': 9 });
  });

  it('drops the whole report when every field is withheld', () => {
    const c = ctx({ 'doorOpen.eventCount': 2, 'compressorW.mean': 1 });
    assert.equal(createMinCount(5)(report({ 'doorOpen.eventCount': 2, 'compressorW.mean': 3 }), c), null);
    assert.deepEqual([readCounters(c.tally).belowKMin, readCounters(c.tally).empty], [2, 1]);
  });

  it('fails closed when built with an invalid kMin', () => {
    for (const k of [0, -1, 2.5, NaN]) {
      const c = ctx({ 'doorOpen.eventCount': 100 });
      assert.equal(createMinCount(k)(report({ 'doorOpen.eventCount': 100 }), c), null, `kMin ${k}`);
      assert.equal(readCounters(c.tally).badConfig, 1);
    }
  });
});
