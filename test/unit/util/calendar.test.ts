import { strict as assert } from 'assert';
import { civilFromDays, daysInMonth } from '../../../sdk/util';

const DAY = 86400000;

describe('util/calendar', () => {
  it('computes civil dates like Date for every day from 1900 to 2200', () => {
    for (let d = Date.UTC(1900, 0, 1) / DAY; d < Date.UTC(2200, 0, 1) / DAY; d++) {
      const date = new Date(d * DAY);
      const [y, m, day] = civilFromDays(d);
      if (y !== date.getUTCFullYear() || m !== date.getUTCMonth() + 1 || day !== date.getUTCDate()) assert.fail(`day ${d}: ${y}-${m}-${day}`);
    }
    assert.equal(daysInMonth(2024, 2), 29);
    assert.equal(daysInMonth(2100, 2), 28);
    assert.equal(daysInMonth(2000, 2), 29);
  });
});
