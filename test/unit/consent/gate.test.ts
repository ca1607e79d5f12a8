import { strict as assert } from 'assert';
import { Err, GateStage } from '../../../sdk/model';
import type { Report } from '../../../sdk/model';
import { ConsentState, createEgressGate } from '../../../sdk/consent';
import { validatePolicy } from '../../../sdk/policy';
import type { ConsentLookup } from '../../../sdk/consent';
import { DAY, ENDPOINT, FakeClock, MAR_1, goodReport, testPolicy } from './fixtures';

/** A consent lookup with knobs: everything live unless set otherwise. */
class FakeConsents implements ConsentLookup {
  states: { [key: string]: ConsentState } = {};
  fallback = ConsentState.Live;
  asked: string[] = [];
  state(r: string, p: string, t: string): ConsentState {
    this.asked.push(`${r}/${p}/${t}`);
    const s = this.states[`${r}/${p}/${t}`];
    return s === undefined ? this.fallback : s;
  }
}

function setup(opts: { clock?: FakeClock } = {}) {
  const consents = new FakeConsents();
  const blocked: Array<{ code: number; stage: number }> = [];
  const gate = createEgressGate({
    policy: testPolicy(), ledger: consents, clock: opts.clock,
    onBlocked: (_r, code, stage) => { blocked.push({ code, stage }); },
  });
  const check = (r: unknown, endpoint = ENDPOINT[(r as Report).recipient] ?? 'x', stage = GateStage.Queue): number =>
    gate.check(r as Report, endpoint, stage);
  return { gate, consents, blocked, check };
}

describe('consent/gate', () => {
  it('is tested against a policy validatePolicy accepts', () => {
    assert.deepEqual(validatePolicy(testPolicy()), { err: Err.None, where: '' });
  });

  it('passes a declared, consented, aligned report at queue and at send', () => {
    const { check, gate } = setup();
    for (const p of ['energy', 'marketing', 'diagnostics'] as const) {
      assert.equal(check(goodReport(p)), Err.None, p);
      assert.equal(check(goodReport(p), undefined, GateStage.Send), Err.None, p);
    }
    assert.equal(gate.counters[Err.None], 6);
  });

  it('req 2: refuses a report without a consent record (GateNoConsent) and counts it', () => {
    const { check, consents, gate, blocked } = setup();
    consents.fallback = ConsentState.None;
    assert.equal(check(goodReport('energy')), Err.GateNoConsent);
    assert.equal(gate.counters[Err.GateNoConsent], 1);
    assert.deepEqual(blocked, [{ code: Err.GateNoConsent, stage: GateStage.Queue }]);
  });

  it('req 6: refuses a report under a stale consent (GateStaleConsent)', () => {
    const { check, consents } = setup();
    consents.states['utility/energy/1d'] = ConsentState.Stale;
    assert.equal(check(goodReport('energy')), Err.GateStaleConsent);
  });

  it('req 3: the same report passes at queue and is refused at send once consent is withdrawn', () => {
    const { check, consents, blocked } = setup();
    const r = goodReport('energy');
    assert.equal(check(r, undefined, GateStage.Queue), Err.None);
    consents.states['utility/energy/1d'] = ConsentState.None;
    assert.equal(check(r, undefined, GateStage.Send), Err.GateNoConsent);
    assert.deepEqual(blocked, [{ code: Err.GateNoConsent, stage: GateStage.Send }]);
  });

  it('asks about consent for exactly (recipient, purpose, tier)', () => {
    const { check, consents } = setup();
    consents.fallback = ConsentState.None;
    consents.states['utility/energy/1d'] = ConsentState.Live;
    const half = goodReport('energy', { tier: '30min', windowMs: 1800000 });
    assert.equal(check(half), Err.GateNoConsent, 'a daily grant does not cover 30min');
    assert.deepEqual(consents.asked, ['utility/energy/30min']);
  });

  it('req 8: refuses an undeclared recipient (GateUnknownRecipient)', () => {
    const { check } = setup();
    assert.equal(check(goodReport('energy', { recipient: 'broker' }), 'https://x'), Err.GateUnknownRecipient);
    assert.equal(check(goodReport('energy', { recipient: 'constructor' }), 'https://x'), Err.GateUnknownRecipient);
  });

  it('req 8: refuses an undeclared purpose or one of another recipient (GateUnknownPurpose)', () => {
    const { check } = setup();
    assert.equal(check(goodReport('energy', { purpose: 'resale' })), Err.GateUnknownPurpose);
    assert.equal(check(goodReport('energy', { recipient: 'partner' })), Err.GateUnknownPurpose);
  });

  it('req 8/15: refuses any endpoint but the recipient\'s declared one (GateEndpointMismatch)', () => {
    const { check } = setup();
    assert.equal(check(goodReport('energy'), ENDPOINT.partner), Err.GateEndpointMismatch);
    assert.equal(check(goodReport('energy'), `${ENDPOINT.utility}?x=1`), Err.GateEndpointMismatch);
  });

  it('req 8: refuses a field the purpose does not declare (GateUndeclaredField)', () => {
    const { check } = setup();
    assert.equal(check(goodReport('energy', { fields: { 'compressorW.energy': 1, 'compressorW.max': 9 } })), Err.GateUndeclaredField);
    assert.equal(check(goodReport('energy', { fields: { 'doorOpen.eventCount': 1 } })), Err.GateUndeclaredField);
  });

  it('req 8: refuses an envelope key the model does not declare (GateUndeclaredField)', () => {
    const { check } = setup();
    assert.equal(check({ ...goodReport('energy'), deviceId: 'AA:BB:CC' }), Err.GateUndeclaredField);
    assert.equal(check(goodReport('energy', { pseudonym: 'abcd' })), Err.GateUndeclaredField, 'pseudonym only where declared');
  });

  it('req 9: refuses a tier finer than the purpose or class floor (GateTierBelowFloor)', () => {
    const { check } = setup();
    assert.equal(check(goodReport('marketing', { tier: '1h', windowMs: 3600000 })), Err.GateTierBelowFloor);
    assert.equal(check(goodReport('energy', { tier: '1mo' as never })), Err.GateTierBelowFloor, 'coarser but undeclared');
    assert.equal(check(goodReport('energy', { tier: '15min' as never })), Err.GateTierBelowFloor);
  });

  it('req 9: enforces class floors at run time even when the policy is wrong', () => {
    const policy = testPolicy();
    policy.purposes.marketing.tier = '1h'; // a usage purpose below the 1d floor
    policy.purposes.energy = { ...policy.purposes.energy, tier: '30min', optInTiers: undefined }; // 30min as a plain tier
    policy.purposes.spy = { recipient: 'partner', tier: '1d', fields: [{ channel: 'micLevel', aggregate: 'mean' }] };
    const gate = createEgressGate({ policy, ledger: new FakeConsents() });
    const at = (r: Report): number => gate.check(r, ENDPOINT[r.recipient], GateStage.Queue);
    assert.equal(at(goodReport('marketing', { tier: '1h', windowMs: 3600000 })), Err.GateTierBelowFloor);
    assert.equal(at(goodReport('energy', { tier: '30min', windowMs: 1800000 })), Err.GateTierBelowFloor);
    assert.equal(at(goodReport('marketing', { purpose: 'spy', fields: { 'micLevel.mean': 40 } })), Err.GateAggregateNotAllowed);
  });

  it('req 10: refuses a window start that is not a multiple of the tier (GateUnalignedWindow)', () => {
    const { check } = setup();
    assert.equal(check(goodReport('energy', { windowStart: MAR_1 + 1 })), Err.GateUnalignedWindow);
    assert.equal(check(goodReport('energy', { windowStart: MAR_1 + 1800000 })), Err.GateUnalignedWindow);
    assert.equal(check(goodReport('energy', { windowMs: DAY - 1 })), Err.GateUnalignedWindow);
    assert.equal(check(goodReport('energy', { tier: '30min', windowStart: MAR_1 + 1800000, windowMs: 1800000 })), Err.None);
  });

  it('req 10: refuses a window that has not closed, or any window while the clock is unsynced', () => {
    const clock = new FakeClock(MAR_1 + DAY - 1);
    const { check } = setup({ clock });
    assert.equal(check(goodReport('energy')), Err.GateUnalignedWindow);
    clock.ms = MAR_1 + DAY;
    assert.equal(check(goodReport('energy')), Err.None);
    clock.synced = false;
    assert.equal(check(goodReport('energy')), Err.GateUnalignedWindow);
  });

  it('req 11: refuses order statistics on usage and energy channels (GateAggregateNotAllowed)', () => {
    const policy = testPolicy();
    policy.purposes.energy.fields.push({ channel: 'compressorW', aggregate: 'max' });
    policy.purposes.marketing.fields.push({ channel: 'doorOpen', aggregate: 'last' });
    const gate = createEgressGate({ policy, ledger: new FakeConsents() });
    const at = (r: Report): number => gate.check(r, ENDPOINT[r.recipient], GateStage.Send);
    assert.equal(at(goodReport('energy', { fields: { 'compressorW.max': 480 } })), Err.GateAggregateNotAllowed);
    assert.equal(at(goodReport('marketing', { fields: { 'doorOpen.last': 1 } })), Err.GateAggregateNotAllowed);
    assert.equal(at(goodReport('diagnostics')), Err.None, 'min on a diagnostic channel is fine');
  });

  it('refuses an aggregate the channel kind cannot compute (GateAggregateNotAllowed)', () => {
    const policy = testPolicy();
    policy.purposes.marketing.fields.push({ channel: 'doorOpen', aggregate: 'mean' });
    const gate = createEgressGate({ policy, ledger: new FakeConsents() });
    const r = goodReport('marketing', { fields: { 'doorOpen.mean': 0.4 } });
    assert.equal(gate.check(r, ENDPOINT.partner, GateStage.Queue), Err.GateAggregateNotAllowed);
  });

  it('refuses values that are not finite numbers or well-formed histograms (GateBadValue)', () => {
    const { check } = setup();
    const bad: unknown[] = [NaN, Infinity, '412', null, [412], { v: 1 }];
    for (const v of bad) assert.equal(check(goodReport('energy', { fields: { 'compressorW.energy': v as number } })), Err.GateBadValue, String(v));
    for (const h of [[1, 2], [1, NaN, 2], 7, []]) {
      assert.equal(check(goodReport('marketing', { fields: { 'openSecs.histogram': h as number[] } })), Err.GateBadValue, String(h));
    }
    assert.equal(check(goodReport('energy', { fields: {} })), Err.GateBadValue, 'empty report');
    assert.equal(check(goodReport('energy', { coveragePermille: 1001 })), Err.GateBadValue);
    assert.equal(check(goodReport('energy', { id: 'not hex!' })), Err.GateBadValue);
  });

  it('fails closed on malformed input without throwing', () => {
    const { check, gate } = setup();
    const odd: unknown[] = [undefined, null, 42, 'report', [], { recipient: 'utility' },
      { ...goodReport('energy'), windowStart: undefined }, { ...goodReport('energy'), fields: null },
      { ...goodReport('energy'), fields: { hasOwnProperty: 1 } }];
    for (const r of odd) {
      const code = check(r, ENDPOINT.utility);
      assert.ok(code >= 60 && code <= 69, `${JSON.stringify(r)} → ${code}`);
    }
    assert.equal(gate.check(goodReport('energy'), undefined as never, GateStage.Send), Err.GateEndpointMismatch);
  });

  it('adds to shared counters and survives a throwing observer', () => {
    const counters: { [code: number]: number } = { [Err.GateNoConsent]: 5 };
    const consents = new FakeConsents();
    consents.fallback = ConsentState.None;
    const gate = createEgressGate({ policy: testPolicy(), ledger: consents, counters, onBlocked: () => { throw new Error('x'); } });
    assert.equal(gate.check(goodReport('energy'), ENDPOINT.utility, GateStage.Queue), Err.GateNoConsent);
    assert.equal(counters[Err.GateNoConsent], 6);
  });
  it('req 10: passes a never-sent report the outbox coarsened to a UTC day or a calendar month, keeping its tier', () => {
    const { check } = setup();
    const marLen = Date.UTC(2025, 3, 1) - MAR_1;
    assert.equal(check(goodReport('energy', { tier: '30min', windowStart: MAR_1 + DAY, windowMs: DAY })), Err.None, '30min → 1d');
    assert.equal(check(goodReport('energy', { tier: '30min', windowStart: MAR_1, windowMs: marLen })), Err.None, '30min → 1mo');
    assert.equal(check(goodReport('energy', { windowStart: MAR_1, windowMs: marLen })), Err.None, '1d → 1mo');
  });

  it('req 10: refuses a coarsened window that is unaligned, off the ladder or finer than the tier (GateUnalignedWindow)', () => {
    const { check } = setup();
    const marLen = Date.UTC(2025, 3, 1) - MAR_1;
    assert.equal(check(goodReport('energy', { tier: '30min', windowStart: MAR_1 + 1800000, windowMs: DAY })), Err.GateUnalignedWindow, 'a day from 00:30');
    assert.equal(check(goodReport('energy', { windowStart: MAR_1 + DAY, windowMs: marLen })), Err.GateUnalignedWindow, 'a month from the 2nd');
    assert.equal(check(goodReport('energy', { windowStart: MAR_1, windowMs: 2 * DAY })), Err.GateUnalignedWindow, 'two days');
    assert.equal(check(goodReport('energy', { tier: '30min', windowStart: MAR_1, windowMs: 3600000 })), Err.GateUnalignedWindow, '1h is not a step of the ladder');
    assert.equal(check(goodReport('energy', { windowStart: MAR_1, windowMs: 1800000 })), Err.GateUnalignedWindow, 'finer than the 1d tier');
  });
});
