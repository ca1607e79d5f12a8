import { strict as assert } from 'assert';
import type { Policy, PurposeDecl, Report, Tier } from '../../../../sdk/model/index';
import { createRedactionChain } from '../../../../sdk/privacy/redact/index';
import type { FieldCounts, RedactionChain } from '../../../../sdk/privacy/redact/index';
import { createRandom as rng } from '../../../../simulator/models/random';

const TIERS: Tier[] = ['30min', '1h', '1d', '1mo'];
const STEPS = [0.1, 0.01, 0.25, 0.5, 1, 5, 0.3];
const K_MIN = 5;


function purpose(round: number): PurposeDecl {
  return {
    recipient: 'utility', tier: '1d', optInTiers: ['30min', '1h', '1mo'],
    fields: [
      { channel: 'powerW', aggregate: 'mean' }, { channel: 'powerW', aggregate: 'energy' },
      { channel: 'doorOpen', aggregate: 'eventCount' }, { channel: 'powerW', aggregate: 'histogram', bounds: [10, 100, 1000] },
    ],
    redaction: { round, kMin: K_MIN },
  };
}

const policy: Policy = {
  version: 1,
  channels: {
    powerW: { kind: 'numeric', unit: 'W', min: -5000, max: 5000, dataClass: 'energy', periodMs: 10000 },
    doorOpen: { kind: 'event', unit: 'open', min: 0, max: 1, dataClass: 'usage', periodMs: 500 },
  },
  recipients: { utility: { endpoint: 'https://meter.example/v1', transport: 'https' } },
  purposes: {},
};
STEPS.forEach((s, i) => { policy.purposes['p' + i] = purpose(s); });

/** True when v is exactly the double nearest to k × step for an integer k. */
function isMultiple(v: number, step: number): boolean {
  const scale = 1e6;
  const units = Math.round(step * scale);
  const k = Math.round((v * scale) / units);
  return Object.is(v, (k * units) / scale) || (v === 0 && k === 0);
}

function isMonthStart(ms: number, len: number): boolean {
  const d = new Date(ms);
  const next = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  return ms === Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) && len === next - ms;
}

function randomReport(r: () => number, p: string, tier: Tier): { report: Report; counts: FieldCounts } {
  const num = (): number => (r() - 0.5) * 2 * 10 ** Math.floor(r() * 5);
  const small = (): number => Math.floor(r() * 12);
  const fields: Report['fields'] = {};
  const counts: FieldCounts = {};
  const add = (k: string, v: number | number[], n: number): void => { if (r() < 0.85) { fields[k] = v; counts[k] = n; } };
  add('powerW.mean', num(), small());
  add('powerW.energy', Math.abs(num()), small() * 10);
  const events = small();
  add('doorOpen.eventCount', events, events);
  const hist = [small(), small(), small(), small()];
  add('powerW.histogram', hist, hist.reduce((a, b) => a + b, 0));
  if (r() < 0.3) fields['doorOpen.last'] = 1; // undeclared
  if (r() < 0.1) fields['powerW.mean'] = NaN;
  const start = Date.UTC(2000, 0, 1) + r() * 100 * 365.25 * 86400000; // fractional ms, unaligned
  const report: Report = { id: 'x', recipient: 'utility', purpose: p, tier, windowStart: start, windowMs: 12345, fields, coveragePermille: 1000 };
  return { report, counts };
}

function checkOutput(out: Report, step: number, counts: FieldCounts): void {
  const declared = policy.purposes[out.purpose].fields.map((f) => f.channel + '.' + f.aggregate);
  for (const k of Object.keys(out.fields)) {
    assert.ok(declared.includes(k), `undeclared ${k}`);
    assert.ok(counts[k] >= K_MIN, `${k} over ${counts[k]} samples`);
    const v = out.fields[k];
    const values = Array.isArray(v) ? v : [v];
    for (const x of values) assert.ok(isMultiple(x, step), `${k}=${x} is not a multiple of ${step}`);
    if (k === 'doorOpen.eventCount') assert.ok((v as number) >= K_MIN);
  }
  if (out.tier === '1mo') assert.ok(isMonthStart(out.windowStart, out.windowMs), `${out.windowStart} is not a month start`);
  else assert.equal(out.windowStart % out.windowMs, 0, `${out.windowStart} is not a multiple of ${out.windowMs}`);
  assert.equal(out.pseudonym, undefined);
}

describe('redaction chain over random reports', () => {
  it('emits only multiples of round and window-aligned times for 1,000 random reports', () => {
    const r = rng(20250603);
    const chains: { [k: string]: RedactionChain } = {};
    let passed = 0;
    for (let i = 0; i < 1000; i++) {
      const pi = Math.floor(r() * STEPS.length);
      const tier = TIERS[Math.floor(r() * TIERS.length)];
      const key = pi + '/' + tier;
      if (!chains[key]) chains[key] = createRedactionChain(policy, 'p' + pi, { tier }).chain;
      const { report, counts } = randomReport(r, 'p' + pi, tier);
      const before = JSON.stringify(report);
      const out = chains[key].apply(report, counts);
      assert.equal(JSON.stringify(report), before, 'input mutated');
      if (!out) continue;
      passed++;
      assert.notEqual(out, report);
      checkOutput(out, STEPS[pi], counts);
    }
    assert.ok(passed > 500, `only ${passed} reports passed`);
  });
});
