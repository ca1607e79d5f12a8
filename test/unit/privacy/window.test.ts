import { strict as assert } from 'assert';
import { daysFromCivil, monthOfDay, tierIndex, TIERS, windowEnd, windowStart } from '../../../sdk/privacy/window';
import type { Tier } from '../../../sdk/model/index';

const U = Date.UTC; // host only: the reference the device code must match without it
const MIN = 60000;

describe('window alignment', () => {
  it('aligns 30min windows to :00 and :30 UTC', () => {
    assert.equal(windowStart('30min', U(2024, 2, 10, 10, 47, 12, 5)), U(2024, 2, 10, 10, 30));
    assert.equal(windowEnd('30min', U(2024, 2, 10, 10, 47, 12, 5)), U(2024, 2, 10, 11, 0));
    assert.equal(windowStart('30min', U(2024, 2, 10, 10, 29, 59, 999)), U(2024, 2, 10, 10, 0));
  });

  it('puts a sample exactly on a boundary into the window that starts there', () => {
    const b = U(2024, 2, 10, 11, 0);
    assert.equal(windowStart('30min', b), b);
    assert.equal(windowEnd('30min', b - 1), b);
    assert.equal(windowStart('1h', b), b);
    assert.equal(windowStart('1d', U(2024, 2, 11)), U(2024, 2, 11));
    assert.equal(windowEnd('1d', U(2024, 2, 11) - 1), U(2024, 2, 11));
    assert.equal(windowStart('1mo', U(2024, 3, 1)), U(2024, 3, 1));
    assert.equal(windowEnd('1mo', U(2024, 3, 1) - 1), U(2024, 3, 1));
  });

  it('aligns 1h and 1d windows to UTC', () => {
    assert.equal(windowStart('1h', U(2024, 2, 10, 10, 47)), U(2024, 2, 10, 10));
    assert.equal(windowStart('1d', U(2024, 2, 10, 23, 59, 59, 999)), U(2024, 2, 10));
    assert.equal(windowEnd('1d', U(2024, 2, 10, 0, 0, 0, 1)), U(2024, 2, 11));
  });

  it('gives February 29 days in leap years and 28 otherwise, including the century rules', () => {
    const feb = (y: number): number => (windowEnd('1mo', U(y, 1, 15)) - windowStart('1mo', U(y, 1, 15))) / 86400000;
    assert.deepEqual([feb(2023), feb(2024), feb(2000), feb(2100), feb(1900)], [28, 29, 29, 28, 28]);
  });

  it('gives every month its calendar length, and December ends on January 1st of the next year', () => {
    const lengths = [];
    for (let m = 0; m < 12; m++) lengths.push((windowEnd('1mo', U(2025, m, 10)) - windowStart('1mo', U(2025, m, 10))) / 86400000);
    assert.deepEqual(lengths, [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
    assert.equal(windowStart('1mo', U(2025, 11, 31, 23, 59)), U(2025, 11, 1));
    assert.equal(windowEnd('1mo', U(2025, 11, 31, 23, 59)), U(2026, 0, 1));
  });

  it('matches Date.UTC for every month from 1890 to 2210 and every day of 2024', () => {
    for (let y = 1890; y <= 2210; y++) {
      for (let m = 0; m < 12; m++) {
        const mid = U(y, m, 14, 13, 7);
        assert.equal(windowStart('1mo', mid), U(y, m, 1), `${y}-${m + 1}`);
        assert.equal(windowEnd('1mo', mid), U(y, m + 1, 1), `${y}-${m + 1} end`);
        assert.equal(windowStart('1mo', U(y, m, 1)), U(y, m, 1), `${y}-${m + 1} on the boundary`);
      }
    }
    for (let d = 0; d < 366; d++) {
      const t = U(2024, 0, 1) + d * 86400000 + 17 * MIN;
      const dt = new Date(t);
      assert.equal(windowStart('1mo', t), U(dt.getUTCFullYear(), dt.getUTCMonth(), 1));
    }
  });

  it('computes days from civil dates without Date', () => {
    assert.equal(daysFromCivil(1970, 1, 1), 0);
    assert.equal(daysFromCivil(2000, 3, 1), 11017);
    assert.equal(daysFromCivil(1969, 12, 31), -1);
    assert.equal(daysFromCivil(2024, 2, 29), U(2024, 1, 29) / 86400000);
    assert.equal(monthOfDay(daysFromCivil(2024, 2, 29)), 2024 * 12 + 1);
    assert.equal(monthOfDay(-1), 1969 * 12 + 11);
  });

  it('gives NaN for a tier that is not one of the four', () => {
    assert.ok(isNaN(windowStart('15min' as Tier, 0)));
    assert.ok(isNaN(windowEnd('15min' as Tier, 0)));
    assert.equal(tierIndex('15min'), -1);
    assert.deepEqual(TIERS.map(tierIndex), [0, 1, 2, 3]);
  });
});
