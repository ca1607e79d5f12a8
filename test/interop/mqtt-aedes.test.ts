import { strict as assert } from 'assert';
import * as net from 'net';
import { createBroker } from 'aedes';
import type Aedes from 'aedes';
import { Err } from '../../sdk/model/index';
import { SIZES, closeAndCheckLeaks, createDevice, deliverAll, freePort, reportPayload, startCollector, waitForPort, closeDevices } from './mqtt-interop-kit';
import type { Collector, Device } from './mqtt-interop-kit';

const BASE = 'hb/maker';
const USER = 'fridge';
const PASS = 'correct horse';

describe('MQTT interop: the device transport against an embedded aedes broker', function () {
  this.timeout(30000);
  let broker: Aedes;
  let server: net.Server;
  let port: number;
  let endpoint: string;
  let collector: Collector;
  const conns = new Set<net.Socket>();
  const pings: string[] = [];
  const devices: Device[] = [];

  const listen = (): Promise<void> => new Promise((resolve, reject) => {
    server = net.createServer((c) => {
      conns.add(c);
      c.on('close', () => conns.delete(c));
      broker.handle(c);
    });
    server.on('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });

  /** Stop accepting and cut every connection, as a broker crash does. */
  const stop = (): Promise<void> => new Promise((resolve) => {
    server.close(() => resolve());
    for (const c of conns) c.destroy();
  });

  const device = (extra: Parameters<typeof createDevice>[0]): Device => {
    const d = createDevice(extra);
    devices.push(d);
    return d;
  };

  before(async () => {
    broker = createBroker({
      authenticate: (_client, username, password, done) => done(null, username === USER && !!password && password.toString() === PASS),
    });
    broker.on('ping', (_packet, client) => pings.push(client.id));
    port = await freePort();
    endpoint = `mqtt://127.0.0.1:${port}/${BASE}`;
    await listen();
    collector = await startCollector(`mqtt://127.0.0.1:${port}`, BASE, USER, PASS);
    await collector.subscribed();
  });

  after(async () => {
    closeDevices(devices);
    if (collector) await collector.close();
    if (server) await stop();
    if (broker) await new Promise<void>((r) => broker.close(() => r()));
  });

  it('delivers reports of 100 bytes to 3 KB, each acknowledged by id, over one connection', async () => {
    const d = device({ credentials: { u: USER, p: PASS } });
    await deliverAll(d, endpoint, collector, SIZES);
    assert.equal(d.events.filter((e) => e === Err.None).length, 1);
    await closeAndCheckLeaks(d);
  });

  it('refuses a wrong password with MqttConnectRefused and leaves nothing open', async () => {
    const d = device({ credentials: { u: USER, p: 'wrong' } });
    const r = reportPayload(120);
    const res = await d.send(endpoint, r.payload);
    assert.equal(res.code, Err.MqttConnectRefused);
    assert.ok(!collector.received.some((x) => x.payload === r.payload));
    await closeAndCheckLeaks(d);
  });

  it('reconnects on the next send after the broker restarts on the same port', async () => {
    const d = device({ credentials: { u: USER, p: PASS } });
    await deliverAll(d, endpoint, collector, [150]);
    await stop();
    // The idle connection's drop is noticed and counted.
    for (let i = 0; i < 100 && !d.events.includes(Err.UplinkNetError); i++) await new Promise((r) => setTimeout(r, 20));
    assert.ok(d.events.includes(Err.UplinkNetError));
    // While the broker is down the send fails as a network error, not a crash.
    const down = await d.send(endpoint, reportPayload(150).payload);
    assert.equal(down.code, Err.UplinkNetError);
    await listen();
    await waitForPort(port, 5000);
    await collector.subscribed();
    await deliverAll(d, endpoint, collector, [150, 3000]);
    assert.equal(d.net.connects.length, 3, 'first connection, the refused one while down, one after the restart');
    await closeAndCheckLeaks(d);
  });

  it('keeps an idle connection alive with PINGREQs the broker sees', async () => {
    const d = device({ credentials: { u: USER, p: PASS }, keepAliveS: 1 });
    await deliverAll(d, endpoint, collector, [100]);
    const before = pings.length;
    await new Promise((r) => setTimeout(r, 2600));
    assert.ok(d.pings() >= 2, `device sent ${d.pings()} PINGREQs in 2.6 s with keep-alive 1 s`);
    assert.ok(pings.length - before >= 2, 'aedes received them');
    assert.ok(!d.events.includes(Err.UplinkTimeout));
    // Still the same connection: aedes would have dropped it after 1.5 s without a packet.
    await deliverAll(d, endpoint, collector, [200]);
    assert.equal(d.net.connects.length, 1);
    await closeAndCheckLeaks(d);
  });

  it('times out when no collector answers, and a later send still succeeds', async () => {
    const d = device({ credentials: { u: USER, p: PASS }, timeoutMs: 500 });
    const res = await d.send(`mqtt://127.0.0.1:${port}/nobody/listens`, reportPayload(100).payload);
    assert.equal(res.code, Err.UplinkTimeout);
    await deliverAll(d, endpoint, collector, [100]);
    await closeAndCheckLeaks(d);
  });
});
