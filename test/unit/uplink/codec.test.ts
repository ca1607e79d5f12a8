import { strict as assert } from 'assert';
import type { Report } from '../../../sdk/model';
import { decodeCompact, encodeCompact, encodeReport } from '../../../sdk/uplink';
import { policy } from '../../../firmware/fridge/policy';

const DAY = 86400000;
const D0 = Date.UTC(2026, 0, 5);

function report(over: Partial<Report>): Report {
  return { id: '0123456789abcdef0123456789abcdef', recipient: 'utility', purpose: 'energy', tier: '1d', windowStart: D0, windowMs: DAY, fields: { 'compressorW.energy': 412 }, coveragePermille: 987, ...over };
}

describe('uplink/codec (compact wire encoding)', () => {
  it('round-trips every kind of report through the policy', () => {
    const cases: Report[] = [
      report({}),
      report({ tier: '30min', windowStart: D0 + 1800000, windowMs: 1800000, fields: { 'compressorW.energy': 7 } }),
      // Coarsened: a half-hourly grant carried in a day window.
      report({ tier: '30min', windowMs: DAY }),
      report({ recipient: 'maker', purpose: 'diagnostics', fields: { 'sensorFaults.eventCount': 0, 'cabinetTempC.min': -2.5, 'cabinetTempC.max': 6.3, 'cabinetTempC.mean': 4.1 }, pseudonym: 'fedcba9876543210fedcba9876543210' }),
      // A field withheld by kMin is absent, not zero.
      report({ recipient: 'maker', purpose: 'diagnostics', fields: { 'cabinetTempC.min': 3, 'cabinetTempC.max': 5 }, pseudonym: 'fedcba9876543210fedcba9876543210' }),
      report({ recipient: 'partner', purpose: 'marketing', fields: { 'doorOpen.eventCount': 35 } }),
      report({ fields: { 'compressorW.energy': 123456789.25 } }),
      report({ fields: { 'compressorW.energy': 1 / 3 } }),
    ];
    for (const r of cases) {
      const wire = encodeCompact(r, policy);
      assert.ok(wire && /^[A-Za-z0-9+/]+=*$/.test(wire), `base64 text for ${encodeReport(r)}`);
      assert.deepEqual(decodeCompact(wire as string, policy), r);
    }
  });

  it('carries a report in a fraction of its JSON: ~30 bytes, 16 more with a pseudonym', () => {
    const energy = report({});
    const diag = report({ recipient: 'maker', purpose: 'diagnostics', fields: { 'sensorFaults.eventCount': 0, 'cabinetTempC.min': 3.1, 'cabinetTempC.max': 5.2, 'cabinetTempC.mean': 4.1 }, pseudonym: 'fedcba9876543210fedcba9876543210' });
    assert.ok((encodeCompact(energy, policy) as string).length <= 40, encodeCompact(energy, policy));
    assert.ok((encodeCompact(diag, policy) as string).length <= 84);
    assert.ok((encodeCompact(diag, policy) as string).length * 2 < encodeReport(diag).length);
  });

  it('refuses what it cannot represent, and decodes garbage to undefined without throwing', () => {
    assert.equal(encodeCompact(report({ purpose: 'unknown' }), policy), undefined);
    assert.equal(encodeCompact(report({ id: 'not-hex' }), policy), undefined);
    const good = encodeCompact(report({}), policy) as string;
    for (const bad of ['', '!!!!', good.slice(0, 10), good + 'AAAA', Buffer.from('\x02' + Buffer.from(good, 'base64').toString('latin1').slice(1), 'latin1').toString('base64')]) {
      assert.equal(decodeCompact(bad, policy), undefined, bad);
    }
    let seed = 7;
    for (let i = 0; i < 2000; i++) {
      let s = '';
      for (let k = 0; k < 40; k++) { seed = (seed * 1103515245 + 12345) >>> 0; s += String.fromCharCode(seed >>> 24); }
      decodeCompact(Buffer.from(s, 'latin1').toString('base64'), policy);
    }
  });
});
