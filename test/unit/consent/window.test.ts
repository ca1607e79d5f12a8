import { strict as assert } from 'assert';
import { isAlignedWindow } from '../../../sdk/consent';

const DAY = 86400000;

describe('consent/window', () => {
  it('req 10: aligns fixed tiers to UTC multiples of their length', () => {
    const t = Date.UTC(2025, 5, 10);
    assert.ok(isAlignedWindow('30min', t + 1800000, 1800000));
    assert.ok(!isAlignedWindow('30min', t + 60000, 1800000));
    assert.ok(isAlignedWindow('1h', t + 3600000, 3600000));
    assert.ok(!isAlignedWindow('1h', t + 1800000, 3600000));
    assert.ok(isAlignedWindow('1d', t, DAY));
    assert.ok(!isAlignedWindow('1d', t + 3600000, DAY));
    assert.ok(!isAlignedWindow('1d', t, 2 * DAY));
  });

  it('req 10: aligns 1mo to the first day of a UTC month, with the month\'s length', () => {
    for (let y = 2023; y <= 2025; y++) {
      for (let m = 0; m < 12; m++) {
        const start = Date.UTC(y, m, 1);
        const len = Date.UTC(y, m + 1, 1) - start;
        assert.ok(isAlignedWindow('1mo', start, len), `${y}-${m + 1}`);
        assert.ok(!isAlignedWindow('1mo', start, 30 * DAY) || len === 30 * DAY);
        assert.ok(!isAlignedWindow('1mo', start + DAY, len));
      }
    }
    assert.ok(isAlignedWindow('1mo', Date.UTC(2024, 1, 1), 29 * DAY), 'leap February');
  });

  it('refuses anything that is not a whole non-negative ms count or a known tier', () => {
    for (const [tier, s, ms] of [['1d', -DAY, DAY], ['1d', 0.5, DAY], ['1d', NaN, DAY], ['1d', '0', DAY], ['15min', 0, 900000], ['1mo', 0, undefined]] as const) {
      assert.ok(!isAlignedWindow(tier, s, ms), `${tier} ${String(s)} ${String(ms)}`);
    }
  });
  it('accepts the outbox ladder\'s coarser windows only when asked, never finer than the tier', () => {
    const day = Date.UTC(2025, 5, 10);
    const jun = Date.UTC(2025, 5, 1);
    const junLen = Date.UTC(2025, 6, 1) - jun;
    assert.ok(!isAlignedWindow('30min', day, DAY), 'exact by default');
    for (const tier of ['30min', '1h'] as const) {
      assert.ok(isAlignedWindow(tier, day, DAY, true), `${tier} → 1d`);
      assert.ok(isAlignedWindow(tier, jun, junLen, true), `${tier} → 1mo`);
      assert.ok(!isAlignedWindow(tier, day + 1800000, DAY, true), `${tier}: a day not starting at midnight UTC`);
    }
    assert.ok(isAlignedWindow('1d', jun, junLen, true));
    assert.ok(!isAlignedWindow('1d', jun + DAY, junLen, true), 'a month-long window not on the 1st');
    assert.ok(!isAlignedWindow('1d', jun, 2 * DAY, true), 'two days is not on the ladder');
    assert.ok(!isAlignedWindow('30min', day, 3600000, true), '1h is not on the 30min ladder');
    assert.ok(!isAlignedWindow('1mo', day, DAY, true), 'finer than the tier');
    assert.ok(!isAlignedWindow('1d', day, 1800000, true), 'finer than the tier');
    assert.ok(isAlignedWindow('1d', Date.UTC(2024, 1, 1), 29 * DAY, true), 'leap February');
  });
});
