import { strict as assert } from 'assert';
import { Err } from '../../../../sdk/model/errors';
import { createPolicyCheck, isWindowNotFinerThan } from '../../../../simulator/collector/index';
import { DAY, MARCH_1, diagReport, energyReport, gridReport, testPolicy } from './fixtures';

describe('collector policy check', () => {
  const check = createPolicyCheck(testPolicy());
  const run = (recipient: string, r: object) => check.check(recipient, JSON.parse(JSON.stringify(r)));

  it('accepts a report matching its purpose, with and without a declared pseudonym', () => {
    assert.equal(run('utility', energyReport()), Err.None);
    assert.equal(run('maker', diagReport()), Err.None);
    assert.equal(run('grid', gridReport()), Err.None);
  });

  it('refuses an envelope key the wire format does not have', () => {
    assert.equal(run('utility', energyReport({ mac: 'aa:bb' })), Err.GateUndeclaredField);
  });

  it('refuses an id that is not 32 lower-case hex digits', () => {
    assert.equal(run('utility', energyReport({ i: 'ABCDEF0123456789ABCDEF0123456789' })), Err.GateBadValue);
    assert.equal(run('utility', energyReport({ i: 'abc' })), Err.GateBadValue);
    assert.equal(run('utility', energyReport({ i: 'g'.repeat(32) })), Err.GateBadValue);
  });

  it("refuses a report sent to another recipient's endpoint", () => {
    assert.equal(run('maker', energyReport()), Err.GateEndpointMismatch);
    assert.equal(run('utility', energyReport({ r: 'nobody' })), Err.GateUnknownRecipient);
  });

  it('refuses a purpose the recipient does not have', () => {
    assert.equal(run('utility', energyReport({ p: 'marketing' })), Err.GateUnknownPurpose);
  });

  it('refuses a tier finer than the purpose offers, and accepts its opt-in tier', () => {
    assert.equal(run('utility', energyReport({ t: '1h', wm: 3600000 })), Err.GateTierBelowFloor);
    assert.equal(run('utility', energyReport({ t: '30min', wm: 1800000 })), Err.None);
    assert.equal(run('partner', { i: 'f'.repeat(32), r: 'partner', p: 'marketing', t: '30min', ws: MARCH_1, wm: 1800000, f: { 'doorOpen.eventCount': 10 }, c: 1000 }), Err.GateTierBelowFloor);
  });

  it('refuses an unaligned or mismatched window', () => {
    assert.equal(run('utility', energyReport({ ws: MARCH_1 + 3600000 })), Err.GateUnalignedWindow);
    assert.equal(run('utility', energyReport({ wm: DAY - 1 })), Err.GateUnalignedWindow);
    assert.equal(run('utility', energyReport({ t: '30min', ws: MARCH_1 + 60000, wm: 1800000 })), Err.GateUnalignedWindow);
  });

  it('accepts windows coarsened to a day or a calendar month, aligned, never finer than the tier', () => {
    // A 30 min report merged into a day, and into March (31 days).
    assert.equal(run('utility', energyReport({ t: '30min', ws: MARCH_1, wm: DAY })), Err.None);
    assert.equal(run('utility', energyReport({ t: '30min', ws: MARCH_1, wm: 31 * DAY })), Err.None);
    assert.equal(run('utility', energyReport({ t: '1d', ws: MARCH_1, wm: 31 * DAY })), Err.None);
    // February 2024 has 29 days; 30 days from March 1 is not a month.
    assert.equal(run('utility', energyReport({ t: '1d', ws: Date.UTC(2024, 1, 1), wm: 29 * DAY })), Err.None);
    assert.equal(run('utility', energyReport({ t: '1d', ws: MARCH_1, wm: 30 * DAY })), Err.GateUnalignedWindow);
    // A coarse window must start on its own boundary.
    assert.equal(run('utility', energyReport({ t: '30min', ws: MARCH_1 + 1800000, wm: DAY })), Err.GateUnalignedWindow);
    assert.equal(isWindowNotFinerThan('1d', MARCH_1, 1800000), false);
    assert.equal(isWindowNotFinerThan('1mo', MARCH_1, DAY), false);
  });

  it('refuses an undeclared field, a non-finite value and a bad histogram', () => {
    assert.equal(run('utility', energyReport({ f: { 'compressorW.mean': 3 } })), Err.GateUndeclaredField);
    assert.equal(run('utility', energyReport({ f: { 'compressorW.energy': '412' as unknown as number } })), Err.GateBadValue);
    assert.equal(run('utility', energyReport({ f: {} })), Err.GateBadValue);
    const hist = (v: unknown) => ({ i: 'e'.repeat(32), r: 'maker', p: 'tempProfile', t: '1d', ws: MARCH_1, wm: DAY, f: { 'cabinetTempC.histogram': v }, c: 900 });
    assert.equal(run('maker', hist([1, 2, 3, 4])), Err.None);
    assert.equal(run('maker', hist([1, -2, 3, 4])), Err.GateBadValue);
    assert.equal(run('maker', hist([1, 2, 3])), Err.GateBadValue);
  });

  it('refuses coverage outside 0..1000 and a pseudonym the purpose does not declare', () => {
    assert.equal(run('utility', energyReport({ c: 1001 })), Err.GateBadValue);
    assert.equal(run('utility', energyReport({ c: -1 })), Err.GateBadValue);
    assert.equal(run('utility', energyReport({ ps: 'ab12' })), Err.GateUndeclaredField);
  });
});
