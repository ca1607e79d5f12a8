import { strict as assert } from 'assert';
import { Err } from '../../../../sdk/model/errors';
import { startCollector } from '../../../../simulator/collector/index';
import type { Collector, WireReport } from '../../../../simulator/collector/index';
import { DAY, ENDPOINT_PATH, HOST, MARCH_1, diagReport, energyReport, post, postReport, testPolicy } from './fixtures';

describe('collector over HTTP', () => {
  let col: Collector;
  let now = MARCH_1 + 2 * DAY;
  beforeEach(async () => {
    col = await startCollector({ policy: testPolicy(), now: () => now });
  });
  afterEach(() => col.close());

  it('stores an accepted report with receivedAt and acknowledges its id', async () => {
    const r = energyReport();
    const res = await postReport(col.httpPort, r);
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(res.body), { ack: [r.i] });
    assert.deepEqual(col.stored('utility'), [{ ...r, receivedAt: now }]);
    assert.deepEqual(col.stored('maker'), []);
    const s = col.stats();
    assert.equal(s.received, 1);
    assert.equal(s.stored, 1);
    assert.equal(s.bytesReceived.utility, Buffer.byteLength(JSON.stringify(r)));
  });

  it('acknowledges a duplicate again, stores it once and counts it', async () => {
    const r = diagReport();
    await postReport(col.httpPort, r);
    now += 1000;
    const again = await postReport(col.httpPort, r);
    assert.deepEqual(JSON.parse(again.body), { ack: [r.i] });
    assert.equal(col.stored().length, 1);
    assert.equal(col.stored()[0].receivedAt, now - 1000);
    const s = col.stats();
    assert.equal(s.duplicatesDropped, 1);
    assert.equal(s.stored, 1);
    assert.equal(s.idCollisions, 0);
  });

  it('counts a repeated id with different content as a collision, never storing the second report', async () => {
    const r = energyReport();
    await postReport(col.httpPort, r);
    const other = await postReport(col.httpPort, { ...r, f: { 'compressorW.energy': 1 } });
    assert.deepEqual(JSON.parse(other.body), { ack: [r.i] });
    assert.equal(col.stats().idCollisions, 1);
    assert.equal(col.stored()[0].f['compressorW.energy'], 412);
  });

  it('refuses reports that break the policy with rej, counted by reason, and stores none', async () => {
    const cases: [WireReport, string, number][] = [
      [energyReport({ f: { 'compressorW.mean': 3 } }), 'utility', Err.GateUndeclaredField],
      [energyReport(), 'maker', Err.GateEndpointMismatch],
      [energyReport({ t: '1h', wm: 3600000 }), 'utility', Err.GateTierBelowFloor],
      [energyReport({ ws: MARCH_1 + 1800000 }), 'utility', Err.GateUnalignedWindow],
      [energyReport({ extra: 1 }), 'utility', Err.GateUndeclaredField],
      [energyReport({ i: 'XYZ' }), 'utility', Err.GateBadValue],
    ];
    for (const [r, at, code] of cases) {
      const res = await postReport(col.httpPort, r, at);
      assert.equal(res.status, 200);
      assert.deepEqual(JSON.parse(res.body), { ack: [], rej: [r.i] }, `code ${code}`);
    }
    const s = col.stats();
    assert.equal(s.rejected, 6);
    assert.deepEqual(s.rejectedByCode, { [Err.GateUndeclaredField]: 2, [Err.GateEndpointMismatch]: 1, [Err.GateTierBelowFloor]: 1, [Err.GateUnalignedWindow]: 1, [Err.GateBadValue]: 1 });
    assert.equal(col.stored().length, 0);
  });

  it('accepts coarsened windows', async () => {
    const day = energyReport({ t: '30min', wm: DAY });
    const month = energyReport({ t: '1d', wm: 31 * DAY });
    assert.deepEqual(JSON.parse((await postReport(col.httpPort, day)).body), { ack: [day.i] });
    assert.deepEqual(JSON.parse((await postReport(col.httpPort, month)).body), { ack: [month.i] });
    assert.equal(col.stored('utility').length, 2);
  });

  it('answers 400 to a body that is not a report, 404 off the endpoints, 405 to other methods, 413 to large bodies', async () => {
    const path = ENDPOINT_PATH.utility;
    const headers = { Host: HOST.utility };
    assert.equal((await post(col.httpPort, path, '{"i":', headers)).status, 400);
    assert.equal((await post(col.httpPort, path, '[1,2]', headers)).status, 400);
    assert.equal((await post(col.httpPort, '/v1/other', JSON.stringify(energyReport()), headers)).status, 404);
    // The path is the utility's, the Host another's: no recipient there.
    assert.equal((await post(col.httpPort, path, JSON.stringify(energyReport()), { Host: 'evil.example' })).status, 404);
    assert.equal((await post(col.httpPort, path, '', headers, 'GET')).status, 405);
    assert.equal((await post(col.httpPort, path, 'x'.repeat(9000), headers)).status, 413);
    const s = col.stats();
    assert.equal(s.malformed, 2);
    assert.equal(s.stored, 0);
  });

  it('finds the recipient by path alone when the Host is loopback', async () => {
    const r = energyReport();
    const res = await post(col.httpPort, ENDPOINT_PATH.utility, JSON.stringify(r), { Host: '127.0.0.1:' + col.httpPort });
    assert.deepEqual(JSON.parse(res.body), { ack: [r.i] });
  });
});

describe('collector over HTTP with credentials', () => {
  let col: Collector;
  beforeEach(async () => {
    col = await startCollector({ policy: testPolicy(), credentials: { utility: { t: 'u-token' }, maker: { t: 'm-token' } } });
  });
  afterEach(() => col.close());

  it('answers 401 without the bearer token, with a wrong one and with another recipient\'s', async () => {
    for (const auth of [undefined, 'Bearer nope', 'Bearer m-token', 'u-token']) {
      const res = await postReport(col.httpPort, energyReport(), 'utility', auth ? { Authorization: auth } : {});
      assert.equal(res.status, 401, String(auth));
      assert.equal(res.headers['www-authenticate'], 'Bearer');
    }
    // A recipient without provisioned credentials cannot deliver at all.
    const partner = { i: 'c'.repeat(32), r: 'partner', p: 'marketing', t: '1d', ws: MARCH_1, wm: DAY, f: { 'doorOpen.eventCount': 10 }, c: 1000 };
    assert.equal((await postReport(col.httpPort, partner, 'partner', { Authorization: 'Bearer u-token' })).status, 401);
    assert.equal(col.stats().unauthorized, 5);
    assert.equal(col.stored().length, 0);
  });

  it('stores with the right bearer token', async () => {
    const r = energyReport();
    const res = await postReport(col.httpPort, r, 'utility', { Authorization: 'Bearer u-token' });
    assert.deepEqual(JSON.parse(res.body), { ack: [r.i] });
  });
});
