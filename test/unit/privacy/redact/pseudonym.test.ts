import { strict as assert } from 'assert';
import * as crypto from 'crypto';
import { Err } from '../../../../sdk/model/index';
import type { Report } from '../../../../sdk/model/index';
import { createPseudonym, createPseudonymStage, createRedactionTally, readCounters } from '../../../../sdk/privacy/redact/index';
import type { Pseudonym } from '../../../../sdk/privacy/redact/index';

const DAY = 86400000;
const hash = { sha256: (s: string): string => crypto.createHash('sha256').update(Buffer.from(s, 'latin1')).digest().toString('latin1') };
const secret = crypto.createHash('sha256').update('device 42').digest().toString('latin1');
const expected = (epoch: number): string =>
  crypto.createHmac('sha256', Buffer.from(secret, 'latin1')).update(String(epoch)).digest('hex').slice(0, 32);

function make(epochMs?: number): Pseudonym {
  const res = createPseudonym({ hash, secret, epochMs });
  assert.equal(res.err, Err.None);
  return res.pseudonym!;
}

describe('createPseudonym', () => {
  const midnight = Date.parse('2025-03-10T00:00:00Z');

  it('rotates across a day boundary and is stable within a day', () => {
    const p = make();
    const before = p(midnight - 1);
    assert.equal(p(midnight - DAY), before);
    assert.equal(p(midnight), p(midnight + DAY - 1));
    assert.notEqual(p(midnight), before);
    assert.equal(before, expected(midnight / DAY - 1));
    assert.equal(p(midnight), expected(midnight / DAY));
  });

  it('is HMAC-SHA256(secret, decimal epoch index) truncated to 16 bytes of hex', () => {
    const p = make(3600000);
    const t = midnight + 5 * 3600000 + 1234;
    assert.equal(p(t), expected(Math.floor(t / 3600000)));
    assert.equal(p(t).length, 32);
    assert.ok(/^[0-9a-f]{32}$/.test(p(t)));
  });

  it('never outputs the secret', () => {
    const p = make();
    const secretHex = Buffer.from(secret, 'latin1').toString('hex');
    for (let d = 0; d < 50; d++) {
      const out = p(midnight + d * DAY);
      assert.ok(!secretHex.includes(out) && !out.includes(secretHex.slice(0, 16)) && !out.includes(secret.slice(0, 4)));
    }
  });

  it('refuses epochs longer than 24 h, and bad secrets, with an error code', () => {
    for (const epochMs of [DAY + 1, 0, -5, 1.5, NaN]) {
      const res = createPseudonym({ hash, secret, epochMs });
      assert.deepEqual(res, { err: Err.BadOption, pseudonym: null }, `epochMs ${epochMs}`);
    }
    assert.equal(createPseudonym({ hash, secret: 'short' }).err, Err.BadOption);
    assert.equal(createPseudonym({ hash, secret, epochMs: DAY }).err, Err.None);
  });

  it("returns '' for a non-finite time", () => {
    assert.equal(make()(NaN), '');
  });
});

describe('createPseudonymStage', () => {
  const report = (pseudonym?: string): Report => {
    const r: Report = { id: 'r', recipient: 'maker', purpose: 'diagnostics', tier: '1d', windowStart: 2 * DAY, windowMs: DAY, fields: { 'a.mean': 1 }, coveragePermille: 900 };
    if (pseudonym) r.pseudonym = pseudonym;
    return r;
  };

  it('attaches the pseudonym of the window start', () => {
    const p = make();
    const out = createPseudonymStage(p)(report(), { counts: {}, tally: createRedactionTally() });
    assert.equal(out && out.pseudonym, expected(2));
  });

  it('strips a stray pseudonym from a purpose that declares none, and counts it', () => {
    const tally = createRedactionTally();
    const out = createPseudonymStage(null)(report('0123456789abcdef0123456789abcdef'), { counts: {}, tally });
    assert.ok(out && !('pseudonym' in out));
    assert.equal(readCounters(tally).strayPseudonym, 1);
  });
});
