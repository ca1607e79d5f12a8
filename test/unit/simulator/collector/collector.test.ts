import { strict as assert } from 'assert';
import * as net from 'net';
import * as mqttPacket from 'mqtt-packet';
import { startCollector } from '../../../../simulator/collector/index';
import { connectMqtt, endMqtt, energyReport, gridReport, postReport, subscribeAck, testPolicy } from './fixtures';

/** Resources keeping the test process alive (servers, sockets, timers): Node's own list, timers included. */
function activeHandles(): number {
  return process.getActiveResourcesInfo().filter((r) => r !== 'TTYWrap').length;
}

describe('collector', () => {
  it("maps each endpoint's host to the port serving it", async () => {
    const col = await startCollector({ policy: testPolicy() });
    try {
      assert.notEqual(col.httpPort, col.mqttPort);
      assert.deepEqual(col.hosts(), {
        'diag.fridge-maker.example': col.httpPort,
        'meters.utility.example': col.httpPort,
        'insights.partner.example': col.httpPort,
        'mqtt.grid.example': col.mqttPort,
      });
    } finally {
      await col.close();
    }
  });

  it('refuses bad options at start, naming the option', async () => {
    await assert.rejects(startCollector({ policy: testPolicy(), hostile: { rate: 2 } }), /hostile\.rate must be a number in 0\.\.1 \(got 2\)/);
    await assert.rejects(startCollector({ policy: testPolicy(), hostile: { rate: 0.1, modes: ['teapot' as never] } }), /hostile\.modes: unknown mode "teapot"/);
    await assert.rejects(startCollector({ policy: testPolicy(), maxBodyBytes: 0 }), /maxBodyBytes must be a positive integer/);
    const clash = testPolicy();
    clash.recipients.grid.endpoint = 'mqtt://meters.utility.example/hb/grid';
    await assert.rejects(startCollector({ policy: clash }), /host meters\.utility\.example is used by both an HTTP and an MQTT endpoint/);
  });

  it('leaves no open handles after close(), even with connections and slow answers pending, and closes idempotently', async () => {
    // After a turn, so that mocha's own timeout timer for this test is already counted.
    await new Promise((r) => setImmediate(r));
    const before = activeHandles();
    const col = await startCollector({ policy: testPolicy(), hostile: { rate: 1, modes: ['slow'], slowMs: 60000 } });
    const c = await connectMqtt(col.mqttPort);
    await subscribeAck(c);
    const pending = postReport(col.httpPort, energyReport()).catch(() => 'reset');
    c.publish('hb/grid/up/' + c.options.clientId, JSON.stringify(gridReport()), { qos: 1 });
    await new Promise((r) => setTimeout(r, 50));
    assert.ok(activeHandles() > before);
    await Promise.all([col.close(), col.close()]);
    assert.equal(await pending, 'reset');
    await endMqtt(c);
    await new Promise((r) => setImmediate(r));
    assert.ok(activeHandles() <= before, `${JSON.stringify(process.getActiveResourcesInfo())} after close, ${before} before`);
    await assert.rejects(postReport(col.httpPort, energyReport()));
  });

  it('sends the PUBACK before the acknowledgement message (raw MQTT 3.1.1, payload over 127 bytes)', async () => {
    const col = await startCollector({ policy: testPolicy() });
    const socket = net.connect(col.mqttPort, '127.0.0.1');
    try {
      const parser = mqttPacket.parser({ protocolVersion: 4 });
      const seen: string[] = [];
      let ackPayload = '';
      let subacked: () => void = () => undefined;
      const suback = new Promise<void>((resolve) => (subacked = resolve));
      const done = new Promise<void>((resolve) => {
        parser.on('packet', (p: mqttPacket.Packet) => {
          seen.push(p.cmd);
          if (p.cmd === 'suback') subacked();
          if (p.cmd === 'publish') {
            ackPayload = String((p as mqttPacket.IPublishPacket).payload);
            resolve();
          }
        });
      });
      socket.on('data', (d) => parser.parse(d));
      const id = 'hb0123456789abcdef';
      const send = (p: object) => socket.write(mqttPacket.generate(p as mqttPacket.Packet));
      send({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clean: true, clientId: id, keepalive: 60 });
      send({ cmd: 'subscribe', messageId: 1, subscriptions: [{ topic: 'hb/grid/ack/' + id, qos: 1 }] });
      // A device MUST wait for the SUBACK: an ack published before the subscription is live is lost.
      await suback;
      const r = gridReport();
      const payload = JSON.stringify(r);
      assert.ok(payload.length > 127);
      send({ cmd: 'publish', topic: 'hb/grid/up/' + id, payload, qos: 1, messageId: 2, retain: false, dup: false });
      await done;
      assert.deepEqual(seen, ['connack', 'suback', 'puback', 'publish']);
      assert.deepEqual(JSON.parse(ackPayload), { ack: [r.i] });
    } finally {
      socket.destroy();
      await col.close();
    }
  });
});
