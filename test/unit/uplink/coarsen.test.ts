import { strict as assert } from 'assert';
import type { Report } from '../../../sdk/model';
import { coarserWindow, foldReport } from '../../../sdk/uplink/coarsen';
import { DAY, HALF_HOUR, MAR_1 } from './outbox-fixtures';

function diag(i: number, f: Report['fields'], cov = 1000): Report {
  return { id: 'd' + i, recipient: 'maker', purpose: 'diagnostics', tier: '30min', windowStart: MAR_1 + i * HALF_HOUR, windowMs: HALF_HOUR, fields: f, coveragePermille: cov, pseudonym: 'p' + i };
}

function mergeAll(rs: Report[]): Report | undefined {
  const t = coarserWindow(rs[0].windowStart, rs[0].windowMs)!;
  let acc: Report | undefined;
  for (const r of rs) {
    const m = foldReport(acc, r, t, 'id');
    if (!m) return undefined;
    acc = m;
  }
  return acc;
}

describe('uplink/coarsen', () => {
  it('steps the ladder: sub-day windows to their UTC day, days to their calendar month, never past a month', () => {
    assert.deepEqual(coarserWindow(MAR_1 + 5 * HALF_HOUR, HALF_HOUR)!.slice(0, 2), [MAR_1, DAY]);
    assert.deepEqual(coarserWindow(MAR_1 + 3 * DAY + 3600000, 3600000)!.slice(0, 2), [MAR_1 + 3 * DAY, DAY]);
    const feb = Date.UTC(2024, 1, 1);
    assert.deepEqual(coarserWindow(Date.UTC(2024, 1, 29), DAY)!.slice(0, 2), [feb, 29 * DAY], 'leap February');
    assert.deepEqual(coarserWindow(Date.UTC(2025, 11, 31), DAY)!.slice(0, 2), [Date.UTC(2025, 11, 1), 31 * DAY]);
    assert.equal(coarserWindow(MAR_1, 31 * DAY), undefined, 'a month is the top');
    assert.equal(coarserWindow(Date.UTC(2025, 2, 31, 12), DAY), undefined, 'straddles two months');
    assert.equal(coarserWindow(-1, HALF_HOUR), undefined);
    assert.equal(coarserWindow(NaN, HALF_HOUR), undefined);
  });

  it('sums counts and energy, takes min/max, the later last, weighted means and bucket sums', () => {
    const a = diag(0, { 'f.eventCount': 2, 'c.min': 3.1, 'c.max': 5, 'c.last': 4, 'c.mean': 4, 'h.histogram': [1, 2], 'w.energy': 0.1 }, 1000);
    const b = diag(1, { 'f.eventCount': 3, 'c.min': 2.9, 'c.max': 6, 'c.last': 7, 'c.mean': 1, 'h.histogram': [3, 4], 'w.energy': 0.2 }, 500);
    const m = mergeAll([b, a])!; // folded out of order: last and the pseudonym still follow the windows
    assert.deepEqual(m.fields, { 'f.eventCount': 5, 'c.min': 2.9, 'c.max': 6, 'c.last': 7, 'c.mean': 3, 'h.histogram': [4, 6], 'w.energy': 0.3 });
    assert.equal(m.windowStart, MAR_1);
    assert.equal(m.windowMs, DAY);
    assert.equal(m.tier, '30min', 'keeps the granted tier');
    assert.equal(m.coveragePermille, Math.round((1000 * HALF_HOUR + 500 * HALF_HOUR) / DAY));
    assert.equal(m.pseudonym, 'p0', 'the earliest report\'s pseudonym');
    assert.equal(m.id, 'id');
  });

  it('preserves a day of sums exactly and rounds merged means to 3 decimals', () => {
    const rs: Report[] = [];
    let sum = 0;
    for (let i = 0; i < 48; i++) {
      rs.push(diag(i, { 'w.energy': 0.1 * (i % 5), 'c.mean': i / 3 }));
      sum += 0.1 * (i % 5);
    }
    const m = mergeAll(rs)!;
    assert.equal(m.fields['w.energy'], Math.round(sum * 1e6) / 1e6);
    const mean = m.fields['c.mean'] as number;
    assert.equal(Math.round(mean * 1000) / 1000, mean);
    assert.ok(Math.abs(mean - 47 / 6) < 0.01);
    assert.equal(m.coveragePermille, 1000);
  });

  it('refuses what it cannot merge and leaves the accumulator untouched', () => {
    const base = diag(0, { 'w.energy': 1, 'h.histogram': [1, 2] });
    const t = coarserWindow(base.windowStart, base.windowMs)!;
    const acc = foldReport(undefined, base, t, 'x')!;
    const before = JSON.stringify(acc);
    const bad: Report[] = [
      diag(1, { 'w.energy': 1, 'h.histogram': [1, 2, 3] }), // bucket count differs
      diag(1, { 'w.energy': 1 }), // a field withheld in one window
      diag(1, { 'w.energy': 1, 'h.histogram': [1, 2], 'c.variance': 2 }),
      { ...diag(1, { 'w.energy': 1, 'h.histogram': [1, 2] }), purpose: 'other' },
      { ...diag(1, { 'w.energy': 1, 'h.histogram': [1, 2] }), tier: '1h' },
      { ...diag(1, { 'w.energy': 1, 'h.histogram': [1, 2] }), pseudonym: undefined },
      { ...diag(48, { 'w.energy': 1, 'h.histogram': [1, 2] }) }, // the next day
    ];
    for (const r of bad) assert.equal(foldReport(acc, r, t, 'x'), undefined, JSON.stringify(r));
    assert.equal(JSON.stringify(acc), before);
    assert.equal(foldReport(undefined, diag(0, { 'c.variance': 1 }), t, 'x'), undefined);
  });
});
