import { strict as assert } from 'assert';
import { Err } from '../../../../sdk/model/errors';
import { startCollector } from '../../../../simulator/collector/index';
import type { Collector } from '../../../../simulator/collector/index';
import { connectMqtt, endMqtt, gridReport, publishReport, subscribeAck, testPolicy } from './fixtures';

const CREDENTIALS = { grid: { u: 'fridge', p: 's3cret' }, utility: { t: 'u-token' } };

describe('collector over MQTT (embedded aedes)', () => {
  let col: Collector;
  beforeEach(async () => {
    col = await startCollector({ policy: testPolicy(), credentials: CREDENTIALS });
  });
  afterEach(() => col.close());

  it('acknowledges a QoS 1 report on the client\'s ack topic, then acknowledges its retry again', async () => {
    const c = await connectMqtt(col.mqttPort, { username: 'fridge', password: 's3cret' });
    try {
      assert.equal(await subscribeAck(c), 1);
      const r = gridReport();
      const ack = await publishReport(c, JSON.stringify(r));
      assert.deepEqual(JSON.parse(String(ack)), { ack: [r.i] });
      assert.deepEqual(JSON.parse(String(await publishReport(c, JSON.stringify(r)))), { ack: [r.i] });
      assert.equal(col.stored('grid').length, 1);
      const s = col.stats();
      assert.equal(s.duplicatesDropped, 1);
      assert.equal(s.bytesReceived.grid, 2 * JSON.stringify(r).length);
    } finally {
      await endMqtt(c);
    }
  });

  it('refuses a report that breaks the policy with rej', async () => {
    const c = await connectMqtt(col.mqttPort, { username: 'fridge', password: 's3cret' });
    try {
      await subscribeAck(c);
      const r = gridReport({ t: '1h', wm: 3600000 });
      assert.deepEqual(JSON.parse(String(await publishReport(c, JSON.stringify(r)))), { ack: [], rej: [r.i] });
      assert.deepEqual(col.stats().rejectedByCode, { [Err.GateTierBelowFloor]: 1 });
    } finally {
      await endMqtt(c);
    }
  });

  it('counts a payload that is not a report and answers nothing', async () => {
    const c = await connectMqtt(col.mqttPort, { username: 'fridge', password: 's3cret' });
    try {
      await subscribeAck(c);
      assert.equal(await publishReport(c, 'not json', 200), undefined);
      assert.equal(col.stats().malformed, 1);
      assert.equal(col.stats().received, 1);
    } finally {
      await endMqtt(c);
    }
  });

  it('refuses a CONNECT with a wrong password (return code 4) or none (5)', async () => {
    await assert.rejects(connectMqtt(col.mqttPort, { username: 'fridge', password: 'nope' }), (e: { code?: number }) => e.code === 4);
    await assert.rejects(connectMqtt(col.mqttPort), (e: { code?: number }) => e.code === 5);
    // The utility's HTTP token is no MQTT credential.
    await assert.rejects(connectMqtt(col.mqttPort, { username: 'utility', password: 'u-token' }), (e: { code?: number }) => e.code === 4);
    assert.equal(col.stats().unauthorized, 3);
  });

  it("lets a client subscribe only to its own ack topic, and publish only to its own up topic", async () => {
    const c = await connectMqtt(col.mqttPort, { username: 'fridge', password: 's3cret' });
    try {
      assert.equal(await subscribeAck(c, 'hb/grid', 'hbsomeoneelse0000'), 128);
      assert.equal(await subscribeAck(c, 'hb/other'), 128);
      const closed = new Promise<void>((resolve) => c.once('close', () => resolve()));
      c.publish('hb/grid/up/hbsomeoneelse0000', JSON.stringify(gridReport()), { qos: 1 });
      await closed;
      assert.equal(col.stats().unauthorized, 3);
      assert.equal(col.stored().length, 0);
    } finally {
      await endMqtt(c);
    }
  });

  it('restarts the broker: connections drop, and a client can reconnect on the same port and deliver', async () => {
    const c = await connectMqtt(col.mqttPort, { username: 'fridge', password: 's3cret' });
    const closed = new Promise<void>((resolve) => c.once('close', () => resolve()));
    const port = col.mqttPort;
    await col.restartBroker();
    await closed;
    await endMqtt(c);
    assert.equal(col.mqttPort, port);
    const again = await connectMqtt(col.mqttPort, { username: 'fridge', password: 's3cret' });
    try {
      await subscribeAck(again);
      const r = gridReport();
      assert.deepEqual(JSON.parse(String(await publishReport(again, JSON.stringify(r)))), { ack: [r.i] });
      assert.equal(col.stats().brokerRestarts, 1);
    } finally {
      await endMqtt(again);
    }
  });
});
