import { strict as assert } from 'assert';
import type { PurposeDecl, Report } from '../../../../sdk/model/index';
import { createAllowList, createDeclaredOnly, createRedactionTally, readCounters } from '../../../../sdk/privacy/redact/index';
import type { RedactionContext } from '../../../../sdk/privacy/redact/index';

const purpose: PurposeDecl = {
  recipient: 'partner', tier: '1d',
  fields: [{ channel: 'doorOpen', aggregate: 'eventCount' }, { channel: 'cabinetTempC', aggregate: 'histogram', bounds: [0, 5] }],
};

function report(fields: Report['fields']): Report {
  return { id: 'r1', recipient: 'partner', purpose: 'marketing', tier: '1d', windowStart: 0, windowMs: 86400000, fields, coveragePermille: 1000 };
}
const ctx = (): RedactionContext => ({ counts: {}, tally: createRedactionTally() });

describe('createDeclaredOnly', () => {
  it('drops an undeclared field and counts it', () => {
    const c = ctx();
    const out = createDeclaredOnly(purpose)(report({ 'doorOpen.eventCount': 12, 'doorOpen.last': 1, 'wifiSsid.count': 3 }), c);
    assert.deepEqual(out && out.fields, { 'doorOpen.eventCount': 12 });
    assert.equal(readCounters(c.tally).undeclared, 2);
  });

  it('removes and counts top-level keys a report does not declare', () => {
    const c = ctx();
    const r = report({ 'doorOpen.eventCount': 12 }) as Report & { mac?: string };
    r.mac = 'aa:bb:cc';
    const out = createDeclaredOnly(purpose)(r, c);
    assert.ok(out && !('mac' in out));
    assert.equal(readCounters(c.tally).undeclared, 1);
  });

  it('withholds a declared field of the wrong shape', () => {
    const c = ctx();
    const out = createDeclaredOnly(purpose)(report({ 'doorOpen.eventCount': [1, 2], 'cabinetTempC.histogram': [3, NaN, 1] }), c);
    assert.equal(out, null);
    assert.equal(readCounters(c.tally).badValue, 2);
    assert.equal(readCounters(c.tally).empty, 1);
  });

  it('does not mutate the input report', () => {
    const r = report({ 'doorOpen.eventCount': 12, 'x.sum': 1 });
    createDeclaredOnly(purpose)(r, ctx());
    assert.deepEqual(r.fields, { 'doorOpen.eventCount': 12, 'x.sum': 1 });
  });
});

describe('createAllowList', () => {
  it('keeps only allowed fields and counts the rest', () => {
    const c = ctx();
    const out = createAllowList(['doorOpen.eventCount'])(report({ 'doorOpen.eventCount': 12, 'cabinetTempC.histogram': [9, 9, 9] }), c);
    assert.deepEqual(out && out.fields, { 'doorOpen.eventCount': 12 });
    assert.equal(readCounters(c.tally).notAllowed, 1);
  });

  it('drops the whole report when nothing is allowed', () => {
    const c = ctx();
    assert.equal(createAllowList([])(report({ 'doorOpen.eventCount': 12 }), c), null);
    assert.deepEqual([readCounters(c.tally).notAllowed, readCounters(c.tally).empty], [1, 1]);
  });

  it('is not fooled by keys that exist on Object.prototype', () => {
    const out = createAllowList(['doorOpen.eventCount'])(report({ constructor: 1, 'doorOpen.eventCount': 6 }), ctx());
    assert.deepEqual(out && Object.keys(out.fields), ['doorOpen.eventCount']);
  });
});
