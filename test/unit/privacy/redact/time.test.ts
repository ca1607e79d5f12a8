import { strict as assert } from 'assert';
import type { Report, Tier } from '../../../../sdk/model/index';
import { alignToTier, createRedactionTally, createTimeCoarsening, readCounters } from '../../../../sdk/privacy/redact/index';
import type { RedactionContext } from '../../../../sdk/privacy/redact/index';

const DAY = 86400000;
const utc = (iso: string): number => Date.parse(iso);
const ctx = (): RedactionContext => ({ counts: {}, tally: createRedactionTally() });
function report(windowStart: number, tier: Tier = '1d'): Report {
  return { id: 'r1', recipient: 'utility', purpose: 'energy', tier, windowStart, windowMs: 60000, fields: { 'w.energy': 1 }, coveragePermille: 1000 };
}
function coarsen(tier: Tier, t: number): { start: string; days: number; windowMs: number } {
  const out = createTimeCoarsening(tier)(report(t), ctx());
  assert.ok(out);
  assert.equal(out.tier, tier);
  return { start: new Date(out.windowStart).toISOString(), days: out.windowMs / DAY, windowMs: out.windowMs };
}

describe('createTimeCoarsening', () => {
  const t = utc('2024-05-17T13:47:12.345Z');

  it('coarsens a 13:47 timestamp to 13:30, 13:00, 00:00 and the month start', () => {
    assert.deepEqual(coarsen('30min', t), { start: '2024-05-17T13:30:00.000Z', days: 1800000 / DAY, windowMs: 1800000 });
    assert.deepEqual(coarsen('1h', t), { start: '2024-05-17T13:00:00.000Z', days: 3600000 / DAY, windowMs: 3600000 });
    assert.deepEqual(coarsen('1d', t), { start: '2024-05-17T00:00:00.000Z', days: 1, windowMs: DAY });
    assert.deepEqual(coarsen('1mo', t), { start: '2024-05-01T00:00:00.000Z', days: 31, windowMs: 31 * DAY });
  });

  it('keeps December in its own month up to the last millisecond, and January starts a new year', () => {
    assert.deepEqual(coarsen('1mo', utc('2024-12-31T23:59:59.999Z')), { start: '2024-12-01T00:00:00.000Z', days: 31, windowMs: 31 * DAY });
    assert.deepEqual(coarsen('1mo', utc('2025-01-01T00:00:00.000Z')), { start: '2025-01-01T00:00:00.000Z', days: 31, windowMs: 31 * DAY });
    assert.equal(coarsen('1mo', utc('2025-01-15T13:47:00Z')).start, '2025-01-01T00:00:00.000Z');
  });

  it('gives February 29 days in leap years and 28 otherwise', () => {
    assert.deepEqual(coarsen('1mo', utc('2024-02-29T13:47:00Z')), { start: '2024-02-01T00:00:00.000Z', days: 29, windowMs: 29 * DAY });
    assert.equal(coarsen('1mo', utc('2023-02-28T13:47:00Z')).days, 28);
    assert.equal(coarsen('1mo', utc('2000-02-10T00:00:00Z')).days, 29);
    assert.equal(coarsen('1mo', utc('2100-02-10T00:00:00Z')).days, 28);
    assert.equal(coarsen('1mo', utc('2024-03-01T00:00:00Z')).start, '2024-03-01T00:00:00.000Z');
  });

  it('matches the JavaScript calendar for every day from 1970 to 2200', () => {
    for (let d = 0; d < 84000; d += 1) {
      const ms = d * DAY + 49620000; // 13:47
      const w = alignToTier('1mo', ms);
      const date = new Date(ms);
      const start = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
      const next = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
      if (!w || w.start !== start || w.ms !== next - start) assert.fail(`day ${d} (${date.toISOString()}): got ${JSON.stringify(w)}`);
    }
  });

  it('floors fractional times (Espruino Date.now() is fractional)', () => {
    assert.equal(alignToTier('1h', 3600000 * 5 + 0.75)!.start, 3600000 * 5);
    assert.equal(alignToTier('1h', 3600000 * 5 - 0.25)!.start, 3600000 * 4);
  });

  it('drops a report whose window start is not a time from 1970 on', () => {
    for (const bad of [NaN, Infinity, -1, 9e15]) {
      const c = ctx();
      assert.equal(createTimeCoarsening('1d')(report(bad), c), null);
      assert.equal(readCounters(c.tally).badTime, 1);
    }
  });

  it('fails closed for an unknown tier', () => {
    const c = ctx();
    assert.equal(createTimeCoarsening('15min' as Tier)(report(t), c), null);
    assert.equal(readCounters(c.tally).badConfig, 1);
  });
});
