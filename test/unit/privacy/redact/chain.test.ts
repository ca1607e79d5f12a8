import { strict as assert } from 'assert';
import * as crypto from 'crypto';
import { Err } from '../../../../sdk/model/index';
import type { Policy, Report, Tier } from '../../../../sdk/model/index';
import {
  createMinCount, createPseudonym, createRedactionChain, createRedactionTally, createRounding,
} from '../../../../sdk/privacy/redact/index';
import type { FieldCounts, Pseudonym } from '../../../../sdk/privacy/redact/index';

const DAY = 86400000;
const T = Date.parse('2025-06-03T13:47:21.5Z');
const hash = { sha256: (s: string): string => crypto.createHash('sha256').update(Buffer.from(s, 'latin1')).digest().toString('latin1') };
const pseudonym: Pseudonym = createPseudonym({ hash, secret: 'k'.repeat(32) }).pseudonym!;

const policy: Policy = {
  version: 1,
  channels: {
    cabinetTempC: { kind: 'numeric', unit: 'C', min: -10, max: 30, dataClass: 'diagnostic', periodMs: 30000 },
    doorOpen: { kind: 'event', unit: 'open', min: 0, max: 1, dataClass: 'usage', periodMs: 500 },
    compressorW: { kind: 'numeric', unit: 'W', min: 0, max: 500, dataClass: 'energy', periodMs: 10000 },
  },
  recipients: {
    maker: { endpoint: 'https://diag.example/v1', transport: 'https' },
    utility: { endpoint: 'https://meter.example/v1', transport: 'https' },
    partner: { endpoint: 'https://partner.example/v1', transport: 'https' },
  },
  purposes: {
    diagnostics: {
      recipient: 'maker', tier: '1h', optInTiers: ['1d', '1mo'],
      fields: [{ channel: 'cabinetTempC', aggregate: 'mean' }, { channel: 'cabinetTempC', aggregate: 'min' }],
      redaction: { round: 0.1, kMin: 1, pseudonym: true },
    },
    energy: {
      recipient: 'utility', tier: '1d', optInTiers: ['30min'],
      fields: [{ channel: 'compressorW', aggregate: 'energy' }, { channel: 'compressorW', aggregate: 'histogram', bounds: [50, 100, 200] }],
      redaction: { round: 5, kMin: 5 },
    },
    marketing: {
      recipient: 'partner', tier: '1d',
      fields: [{ channel: 'doorOpen', aggregate: 'eventCount' }],
      redaction: { round: 5, kMin: 5 },
    },
  },
};

function report(purpose: string, tier: Tier, fields: Report['fields'], windowStart = T): Report {
  return { id: 'r1', recipient: policy.purposes[purpose].recipient, purpose, tier, windowStart, windowMs: 1000, fields, coveragePermille: 1000 };
}
function chainOf(purpose: string, tier?: Tier) {
  const res = createRedactionChain(policy, purpose, { tier, pseudonym });
  assert.equal(res.err, Err.None);
  return res.chain;
}

describe('createRedactionChain', () => {
  it('drops an undeclared field and counts it', () => {
    const chain = chainOf('marketing');
    const out = chain.apply(report('marketing', '1d', { 'doorOpen.eventCount': 12, 'doorOpen.last': 1 }), { 'doorOpen.eventCount': 12, 'doorOpen.last': 99 });
    assert.deepEqual(out && out.fields, { 'doorOpen.eventCount': 10 });
    assert.equal(chain.counters().undeclared, 1);
    assert.equal(chain.counters().passed, 1);
  });

  it('withholds counts below kMin', () => {
    const chain = chainOf('marketing');
    assert.equal(chain.apply(report('marketing', '1d', { 'doorOpen.eventCount': 4 }), { 'doorOpen.eventCount': 4 }), null);
    assert.deepEqual([chain.counters().belowKMin, chain.counters().empty], [1, 1]);
  });

  it('drops the whole report when every field is withheld', () => {
    const chain = chainOf('energy');
    const r = report('energy', '1d', { 'compressorW.energy': 310.2, 'compressorW.histogram': [1, 1, 1, 1] });
    assert.equal(chain.apply(r, { 'compressorW.energy': 4, 'compressorW.histogram': 4 }), null);
    assert.equal(chain.counters().empty, 1);
    assert.equal(chain.counters().passed, 0);
  });

  it('rounds after kMin: order matters', () => {
    const r = report('energy', '1d', { 'compressorW.histogram': [20, 3, 7, 0] });
    const counts: FieldCounts = { 'compressorW.histogram': 30 };
    const ctx = () => ({ counts, tally: createRedactionTally() });
    const minCount = createMinCount(5);
    const rounding = createRounding(5);
    // Rounding first turns the 3 rare events into a plausible-looking 5, which kMin then lets through.
    const wrong = minCount(rounding(r, ctx())!, ctx());
    assert.deepEqual(wrong && wrong.fields['compressorW.histogram'], [20, 5, 5, 0]);
    const right = rounding(minCount(r, ctx())!, ctx());
    assert.deepEqual(right && right.fields['compressorW.histogram'], [20, 0, 0, 10]);
    const out = chainOf('energy').apply(r, counts);
    assert.deepEqual(out && out.fields['compressorW.histogram'], [20, 0, 0, 10]);
  });

  it('coarsens the window, rounds, and attaches the pseudonym of the window', () => {
    const out = chainOf('diagnostics', '1d').apply(report('diagnostics', '1d', { 'cabinetTempC.mean': 4.349999, 'cabinetTempC.min': -1.25 }), { 'cabinetTempC.mean': 2880, 'cabinetTempC.min': 2880 });
    assert.ok(out);
    assert.deepEqual(out.fields, { 'cabinetTempC.mean': 4.3, 'cabinetTempC.min': -1.3 });
    assert.equal(out.windowStart, Date.parse('2025-06-03T00:00:00Z'));
    assert.equal(out.windowMs, DAY);
    assert.equal(out.pseudonym, pseudonym(out.windowStart));
  });

  it('strips a pseudonym from a purpose that declares none', () => {
    const chain = chainOf('marketing');
    const r = report('marketing', '1d', { 'doorOpen.eventCount': 40 });
    r.pseudonym = 'feedfacefeedfacefeedfacefeedface';
    const out = chain.apply(r, { 'doorOpen.eventCount': 40 });
    assert.ok(out && out.pseudonym === undefined);
    assert.equal(chain.counters().strayPseudonym, 1);
  });

  it("drops reports of another purpose, recipient or tier", () => {
    const chain = chainOf('energy');
    const counts = { 'compressorW.energy': 100 };
    assert.equal(chain.apply(report('marketing', '1d', { 'compressorW.energy': 1 }), counts), null);
    assert.equal(chain.apply(report('energy', '30min', { 'compressorW.energy': 1 }), counts), null);
    assert.equal(chain.apply({ ...report('energy', '1d', { 'compressorW.energy': 1 }), recipient: 'partner' }, counts), null);
    assert.equal(chain.counters().mismatch, 3);
  });

  it('never throws, whatever it is given', () => {
    const chain = chainOf('energy');
    const junk: unknown[] = [null, undefined, 5, 'x', {}, { fields: null }, { fields: [] }, report('energy', '1d', { 'compressorW.energy': NaN })];
    for (const j of junk) assert.equal(chain.apply(j as Report, null as unknown as FieldCounts), null);
    const getterBomb = report('energy', '1d', {});
    Object.defineProperty(getterBomb, 'fields', { get() { throw new Error('boom'); }, enumerable: true });
    assert.equal(chain.apply(getterBomb, {}), null);
    assert.equal(chain.counters().internal, 1);
  });

  it('returns an error code and a fail-closed chain for a bad configuration', () => {
    const bad = [
      createRedactionChain(policy, 'nope'),
      createRedactionChain(policy, 'energy', { tier: '1h' }),
      createRedactionChain(policy, 'diagnostics'), // declares a pseudonym, none supplied
      createRedactionChain({ ...policy, purposes: { x: { ...policy.purposes.energy, redaction: { kMin: 0 } } } }, 'x'),
      createRedactionChain({ ...policy, purposes: { x: { ...policy.purposes.energy, redaction: { round: -1 } } } }, 'x'),
      createRedactionChain(null as unknown as Policy, 'energy'),
    ];
    for (const b of bad) {
      assert.equal(b.err, Err.BadOption);
      assert.equal(b.chain.apply(report('energy', '1d', { 'compressorW.energy': 100 }), { 'compressorW.energy': 100 }), null);
      assert.equal(b.chain.counters().badConfig, 1);
    }
  });

  it('narrows to an allow-list', () => {
    const res = createRedactionChain(policy, 'energy', { allow: ['compressorW.energy'] });
    const out = res.chain.apply(report('energy', '1d', { 'compressorW.energy': 102, 'compressorW.histogram': [9, 9, 9, 9] }), { 'compressorW.energy': 99, 'compressorW.histogram': 36 });
    assert.deepEqual(out && out.fields, { 'compressorW.energy': 100 });
    assert.equal(res.chain.counters().notAllowed, 1);
  });
});
