import { strict as assert } from 'assert';
import { HOSTILE_MODES, startCollector } from '../../../../simulator/collector/index';
import type { Collector, HostileMode, WireReport } from '../../../../simulator/collector/index';
import type { HttpReply } from './fixtures';
import { connectMqtt, endMqtt, energyReport, gridReport, postReport, publishReport, subscribeAck, testPolicy } from './fixtures';

/** POST, turning a reset connection into `undefined`. */
async function tryPost(col: Collector, r: WireReport): Promise<HttpReply | undefined> {
  try {
    return await postReport(col.httpPort, r);
  } catch (e) {
    return undefined;
  }
}

/** True when the reply acknowledges `id` the way the wire format says. */
function acks(res: HttpReply | undefined, id: string): boolean {
  if (!res || res.status !== 200) return false;
  try {
    const o = JSON.parse(res.body);
    return Array.isArray(o.ack) && o.ack.indexOf(id) >= 0;
  } catch (e) {
    return false;
  }
}

describe('collector hostile mode over HTTP', () => {
  let col: Collector | undefined;
  afterEach(async () => {
    if (col) await col.close();
    col = undefined;
  });

  async function only(mode: HostileMode, n = 1): Promise<{ replies: (HttpReply | undefined)[]; reports: WireReport[] }> {
    col = await startCollector({ policy: testPolicy(), hostile: { rate: 1, modes: [mode], slowMs: 30 }, seed: 7 });
    const reports: WireReport[] = [];
    const replies: (HttpReply | undefined)[] = [];
    for (let i = 0; i < n; i++) {
      reports.push(energyReport());
      replies.push(await tryPost(col, reports[i]));
    }
    assert.equal(col.stats().hostileByMode[mode], n);
    return { replies, reports };
  }

  it('garbage: a 200 with bytes that are no acknowledgement, nothing stored', async () => {
    const { replies, reports } = await only('garbage', 4);
    replies.forEach((r, i) => {
      assert.equal(r!.status, 200);
      assert.ok(!acks(r, reports[i].i));
    });
    assert.equal(col!.stored().length, 0);
  });

  it('empty-200, wrong-id and oversized: a 200 without the id', async () => {
    for (const mode of ['empty-200', 'wrong-id', 'oversized'] as HostileMode[]) {
      const { replies, reports } = await only(mode, 2);
      replies.forEach((r, i) => assert.ok(r && r.status === 200 && !acks(r, reports[i].i), mode));
      if (mode === 'empty-200') assert.equal(replies[0]!.body, '');
      if (mode === 'wrong-id') assert.match(JSON.parse(replies[0]!.body).ack[0], /^[0-9a-f]{32}$/);
      if (mode === 'oversized') assert.ok(replies[0]!.body.length >= 60000 && replies[0]!.body.length <= 70000);
      assert.equal(col!.stored().length, 0, mode);
      await col!.close();
      col = undefined;
    }
  });

  it('no-ack and reset: some before storing, some after (the retry is then deduplicated)', async () => {
    for (const mode of ['no-ack', 'reset'] as HostileMode[]) {
      const { replies, reports } = await only(mode, 16);
      for (let i = 0; i < replies.length; i++) {
        if (mode === 'reset') assert.equal(replies[i], undefined, 'the connection was reset');
        else assert.ok(!acks(replies[i], reports[i].i));
      }
      const stored = col!.stored().length;
      assert.ok(stored > 0 && stored < 16, `${mode}: ${stored} of 16 stored first`);
      // Retries once the server behaves: every report acknowledged, each stored once.
      col!.setHostile();
      for (const r of reports) assert.ok(acks(await tryPost(col!, r), r.i));
      assert.equal(col!.stored().length, 16);
      assert.equal(col!.stats().duplicatesDropped, stored);
      await col!.close();
      col = undefined;
    }
  });

  it('status-503 sends Retry-After: 120', async () => {
    const { replies } = await only('status-503');
    assert.equal(replies[0]!.status, 503);
    assert.equal(replies[0]!.headers['retry-after'], '120');
    assert.equal(col!.stored().length, 0);
  });

  it('slow answers properly after slowMs', async () => {
    const t0 = Date.now();
    const { replies, reports } = await only('slow');
    assert.ok(Date.now() - t0 >= 25);
    assert.ok(acks(replies[0], reports[0].i));
  });

  it('chooses every mode at a seeded rate, the same way for the same seed, and a retrying client still gets each report stored once', async () => {
    const runs: { [mode: string]: number }[] = [];
    for (let run = 0; run < 2; run++) {
      col = await startCollector({ policy: testPolicy(), hostile: { rate: 0.5, slowMs: 5 }, seed: 42 });
      const reports: WireReport[] = [];
      for (let i = 0; i < 40; i++) reports.push(energyReport());
      let attempts = 0;
      for (const r of reports) {
        while (!acks(await tryPost(col, r), r.i)) attempts++;
      }
      const s = col.stats();
      for (const m of HOSTILE_MODES) assert.ok(s.hostileByMode[m] >= 1, `${m} observed`);
      assert.equal(s.hostileReplies, attempts + (s.hostileByMode.slow || 0), 'every failed attempt was hostile');
      assert.equal(col.stored().length, 40);
      assert.equal(new Set(col.stored().map((x) => x.i)).size, 40);
      runs.push(s.hostileByMode);
      await col.close();
      col = undefined;
    }
    assert.deepEqual(runs[0], runs[1]);
  });
});

describe('collector hostile mode over MQTT', () => {
  it('sends garbage, wrong ids, empty and oversized acks, no ack, late acks, and drops connections', async () => {
    const col = await startCollector({ policy: testPolicy(), hostile: { rate: 0.7, slowMs: 5 }, seed: 3 });
    try {
      const seen = { bad: 0, none: 0, dropped: 0, acked: 0 };
      for (let i = 0; i < 30; i++) {
        const c = await connectMqtt(col.mqttPort);
        await subscribeAck(c);
        const r = gridReport();
        let closed = false;
        c.once('close', () => (closed = true));
        const m = await publishReport(c, JSON.stringify(r), 300);
        const droppedByBroker = closed;
        await endMqtt(c);
        let ok = false;
        try {
          ok = JSON.parse(String(m)).ack.indexOf(r.i) >= 0;
        } catch (e) {
          ok = false;
        }
        if (ok) seen.acked++;
        else if (m !== undefined) seen.bad++;
        else if (droppedByBroker) seen.dropped++;
        else seen.none++;
      }
      const s = col.stats();
      for (const m of HOSTILE_MODES) assert.ok(s.hostileByMode[m] >= 1, `${m} observed`);
      assert.ok(seen.bad >= 1 && seen.none >= 1 && seen.dropped >= 1 && seen.acked >= 1, JSON.stringify(seen));
      assert.equal(s.hostileReplies, 30 - seen.acked + (s.hostileByMode.slow || 0));
    } finally {
      await col.close();
    }
  });
});
