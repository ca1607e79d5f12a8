import { strict as assert } from 'assert';
import * as mqttPacket from 'mqtt-packet';
import { Err } from '../../../sdk/model/index';
import type { RandomSource } from '../../../sdk/model/index';
import type { HttpRequest, Network, Socket, Timers } from '../../../sdk/platform/index';
import { createMqttTransport, parseAckReply, parseMqttEndpoint } from '../../../sdk/uplink/mqtt-transport';
import type { MqttTransportOptions } from '../../../sdk/uplink/mqtt-transport';
import type { TransportReply } from '../../../sdk/uplink/transport';
import { createRandom } from '../../../simulator/models/random';
import * as os from 'os';
import { compileEntry } from '../../../toolchain/build/index';
import { loadBoard, ROOT } from '../../../toolchain/boards/index';
import { checkBundle, formatViolation } from '../../../toolchain/check/index';
import { runSnippet, texts } from '../../support/sim';

const ENDPOINT = 'mqtt://broker.test:1884/hb/maker';
const ID = '0123456789abcdef0123456789abcdef';
const PAYLOAD = JSON.stringify({ i: ID, r: 'maker', p: 'diagnostics', t: '1h', ws: 0, wm: 3600000, f: { 'cabinetTempC.mean': 4.2 }, c: 1000 });
const ref = (p: object): string => mqttPacket.generate(p as mqttPacket.Packet).toString('latin1');

/** Virtual timers: nothing runs until `advance`; `pending` counts live timers (leak checks). */
class FakeTimers implements Timers {
  now = 0;
  private seq = 1;
  private q: { id: number; due: number; cb: () => void; every: number }[] = [];
  after(cb: () => void, ms: number): number {
    this.q.push({ id: this.seq, due: this.now + ms, cb, every: 0 });
    return this.seq++;
  }
  every(cb: () => void, ms: number): number {
    this.q.push({ id: this.seq, due: this.now + ms, cb, every: ms });
    return this.seq++;
  }
  cancel(id: number): void {
    this.q = this.q.filter((t) => t.id !== id);
  }
  get pending(): number {
    return this.q.length;
  }
  /** Run every timer due within `ms` from now, in order, including ones scheduled meanwhile. */
  advance(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      let next: (typeof this.q)[number] | undefined;
      for (const t of this.q) if (t.due <= end && (!next || t.due < next.due || (t.due === next.due && t.id < next.id))) next = t;
      if (!next) break;
      this.now = next.due;
      if (next.every) next.due += next.every;
      else this.q = this.q.filter((t) => t !== next);
      next.cb();
    }
    this.now = end;
  }
}

/** The device end of a fake connection; what the device writes is parsed by mqtt.js's parser. */
class FakeSocket implements Socket {
  raw: string[] = [];
  packets: mqttPacket.Packet[] = [];
  ended = false;
  closed = false;
  clientId = '';
  private h: { data: ((d: string) => void)[]; close: (() => void)[]; error: ((e: unknown) => void)[] } = { data: [], close: [], error: [] };
  private parser = mqttPacket.parser({ protocolVersion: 4 });
  constructor(private broker: FakeBroker) {
    this.parser.on('packet', (p) => {
      this.packets.push(p);
      broker.packets.push(p);
      broker.onPacket(this, p);
    });
    this.parser.on('error', (e) => {
      throw new Error('the device wrote a malformed packet: ' + e.message);
    });
  }
  write(d: string): void {
    assert.ok(!this.ended, 'write after end');
    assert.ok(/^[\x00-\xff]*$/.test(d), 'writes binary strings');
    this.raw.push(d);
    this.parser.parse(Buffer.from(d, 'latin1'));
  }
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.broker.timers.after(() => this.serverClose(), 0);
  }
  on(event: 'data' | 'close' | 'error', cb: (x: never) => void): void {
    (this.h[event] as unknown[]).push(cb);
  }
  /** The broker sends bytes, in fragments of `broker.fragment` bytes if set. */
  serverData(s: string): void {
    if (this.closed) return;
    const n = this.broker.fragment || s.length;
    for (let i = 0; i < s.length; i += n) for (const cb of this.h.data) cb(s.substring(i, i + n));
  }
  serverClose(): void {
    if (this.closed) return;
    this.closed = true;
    for (const cb of this.h.close) cb();
  }
  serverError(): void {
    if (this.closed) return;
    for (const cb of this.h.error) cb({ code: -9, message: 'reset' });
    this.serverClose();
  }
}

type Step = 'connect' | 'CONNECT' | 'SUBSCRIBE' | 'PUBLISH' | 'PUBACK';

/** A scripted broker and collector behind the Network interface, answering 1 ms after each packet. */
class FakeBroker implements Network {
  // Knobs.
  refuseSocket = false;
  unreachable = false;
  connackCode = 0;
  subackCode = 1;
  puback = true;
  /** What the collector answers on the ack topic; undefined answers nothing. */
  reply: (payload: string) => string | undefined = (payload) => JSON.stringify({ ack: [JSON.parse(payload).i], rej: [] });
  /** Topic of the collector's answer (default the right one). */
  replyTopic?: (clientId: string) => string;
  ackBeforePuback = false;
  pingresp = true;
  /** Close the connection upon this step. */
  dropAt?: Step;
  /** Bytes per data event (0: whole packets). */
  fragment = 0;
  // Recorders.
  connects: { host: string; port: number; secure: boolean }[] = [];
  sockets: FakeSocket[] = [];
  packets: mqttPacket.Packet[] = [];
  private mid = 100;

  constructor(public timers: FakeTimers) {}

  connect(host: string, port: number, secure: boolean, onConnect: () => void): Socket | undefined {
    this.connects.push({ host, port, secure });
    if (this.refuseSocket) return undefined;
    const s = new FakeSocket(this);
    this.sockets.push(s);
    this.later(() => {
      if (this.unreachable) return s.serverError();
      if (this.dropAt === 'connect') return s.serverClose();
      if (!s.closed) onConnect();
    });
    return s;
  }
  request(): HttpRequest | undefined {
    return undefined;
  }
  get last(): FakeSocket {
    return this.sockets[this.sockets.length - 1];
  }
  later(f: () => void): void {
    this.timers.after(f, 1);
  }
  onPacket(s: FakeSocket, p: mqttPacket.Packet): void {
    if (this.dropAt === p.cmd.toUpperCase()) return this.later(() => s.serverClose());
    if (p.cmd === 'connect') {
      s.clientId = p.clientId;
      this.later(() => s.serverData(ref({ cmd: 'connack', returnCode: this.connackCode, sessionPresent: false })));
    } else if (p.cmd === 'subscribe') {
      this.later(() => s.serverData(ref({ cmd: 'suback', messageId: p.messageId, granted: [this.subackCode] })));
    } else if (p.cmd === 'publish') {
      const payload = p.payload.toString('latin1');
      const answer = this.reply(payload);
      const topic = this.replyTopic ? this.replyTopic(s.clientId) : p.topic.replace('/up/', '/ack/');
      const ack = answer === undefined ? '' : ref({ cmd: 'publish', topic, payload: Buffer.from(answer, 'latin1'), qos: 1, messageId: this.mid++, retain: false, dup: false });
      const pa = this.puback ? ref({ cmd: 'puback', messageId: p.messageId }) : '';
      this.later(() => s.serverData(this.ackBeforePuback ? ack + pa : pa + ack));
    } else if (p.cmd === 'pingreq') {
      if (this.pingresp) this.later(() => s.serverData(ref({ cmd: 'pingresp' })));
    } else if (p.cmd === 'puback' && this.dropAt === 'PUBACK') {
      this.later(() => s.serverClose());
    }
  }
}

/** Deterministic RandomSource for ClientIds. */
function fakeRandom(seed: number): RandomSource {
  const r = createRandom(seed);
  return {
    next: r,
    hex: (n) => {
      let s = '';
      for (let i = 0; i < n; i++) s += Math.floor(r() * 256).toString(16).padStart(2, '0');
      return s;
    },
  };
}

interface Done {
  calls: { code: number; reply: TransportReply | undefined; retryAfterMs: number }[];
  cb: (code: number, reply: TransportReply | undefined, retryAfterMs: number) => void;
}
function recorder(): Done {
  const d: Done = { calls: [], cb: (code, reply, retryAfterMs) => d.calls.push({ code, reply, retryAfterMs }) };
  return d;
}

function setup(extra: Partial<MqttTransportOptions> = {}) {
  const timers = new FakeTimers();
  const broker = new FakeBroker(timers);
  const events: number[] = [];
  const t = createMqttTransport({
    net: broker, timers, random: fakeRandom(1), credentials: { u: 'fridge', p: 'pw' }, onEvent: (c) => events.push(c), ...extra,
  });
  const send = (payload = PAYLOAD, endpoint = ENDPOINT): Done => {
    const d = recorder();
    t.send(endpoint, payload, d.cb);
    return d;
  };
  return { timers, broker, events, t, send };
}

describe('mqtt-transport: endpoint and reply parsing', () => {
  const ok: [string, string, number, boolean, string][] = [
    ['mqtt://h:1884/hb/maker', 'h', 1884, false, 'hb/maker'],
    ['mqtt://10.0.0.2/base', '10.0.0.2', 1883, false, 'base'],
    ['mqtts://collector.example/a/b/c', 'collector.example', 8883, true, 'a/b/c'],
    ['mqtts://h:65535/x', 'h', 65535, true, 'x'],
  ];
  for (const [e, h, port, secure, base] of ok) {
    it(`splits ${e}`, () => assert.deepEqual(parseMqttEndpoint(e), { h, o: port, s: secure, b: base }));
  }
  for (const e of ['http://h/x', 'mqtt://h', 'mqtt://h/', 'mqtt:///x', 'mqtt://h:/x', 'mqtt://h:0/x', 'mqtt://h:65536/x', 'mqtt://h:12a/x',
    'mqtt://h:1234567/x', 'mqtt://h/+/x', 'mqtt://h/a/#', 'mqtt:/h/x', '', 'mqtt']) {
    it(`refuses ${JSON.stringify(e)}`, () => assert.equal(parseMqttEndpoint(e), undefined));
  }

  it('parses the collector acknowledgement, either list optional', () => {
    assert.deepEqual(parseAckReply('{"ack":["a","b"],"rej":["c"]}'), { ack: ['a', 'b'], rej: ['c'] });
    assert.deepEqual(parseAckReply('{"ack":["a"]}'), { ack: ['a'], rej: [] });
    assert.deepEqual(parseAckReply('{"rej":["c"]}'), { ack: [], rej: ['c'] });
  });
  for (const m of ['', 'garbage', '{}', '[]', 'null', '42', '"ack"', '{"ack":"a"}', '{"ack":[1]}', '{"ack":["a"],"rej":{}}', '{"ack":["a",null]}', '{"ack":["a"', '\xff\xfe']) {
    it(`refuses the reply ${JSON.stringify(m)}`, () => assert.equal(parseAckReply(m), undefined));
  }
});

describe('mqtt-transport', () => {
  it('connects, subscribes, publishes at QoS 1 and returns the collector acknowledgement', () => {
    const { timers, broker, events, send } = setup();
    const d = send();
    timers.advance(100);
    assert.deepEqual(d.calls, [{ code: Err.None, reply: { ack: [ID], rej: [] }, retryAfterMs: 0 }]);
    assert.deepEqual(broker.connects, [{ host: 'broker.test', port: 1884, secure: false }]);
    const [connect, subscribe, publish] = broker.packets as [mqttPacket.IConnectPacket, mqttPacket.ISubscribePacket, mqttPacket.IPublishPacket];
    assert.equal(connect.cmd, 'connect');
    assert.match(connect.clientId, /^hb[0-9a-f]{16}$/);
    assert.equal(connect.protocolId, 'MQTT');
    assert.equal(connect.protocolVersion, 4);
    assert.equal(connect.clean, true);
    assert.equal(connect.keepalive, 60);
    assert.equal(connect.username, 'fridge');
    assert.equal(String(connect.password), 'pw');
    assert.equal(subscribe.cmd, 'subscribe');
    assert.deepEqual(subscribe.subscriptions.map((s) => [s.topic, s.qos]), [['hb/maker/ack/' + connect.clientId, 1]]);
    assert.equal(publish.cmd, 'publish');
    assert.equal(publish.topic, 'hb/maker/up/' + connect.clientId);
    assert.equal(publish.qos, 1);
    assert.equal(publish.retain, false);
    assert.ok(publish.messageId && publish.messageId !== subscribe.messageId);
    assert.equal(publish.payload.toString(), PAYLOAD);
    // The collector's QoS 1 answer was acknowledged to the broker.
    assert.equal(broker.packets[3].cmd, 'puback');
    assert.equal((broker.packets[3] as mqttPacket.IPubackPacket).messageId, 100);
    assert.deepEqual(events, [Err.None]);
    // Only keep-alive remains armed while the connection is idle.
    assert.equal(timers.pending, 1);
  });

  it('never calls done inside send, even when no socket can be made or the endpoint is bad', () => {
    for (const endpoint of [ENDPOINT, 'http://not-mqtt/x']) {
      const { timers, broker, send } = setup();
      broker.refuseSocket = true;
      const d = send(PAYLOAD, endpoint);
      assert.equal(d.calls.length, 0);
      timers.advance(0);
      assert.deepEqual(d.calls.map((c) => c.code), [Err.UplinkNetError]);
      assert.equal(timers.pending, 0);
    }
  });

  it('uses TLS and port 8883 for mqtts://, 1883 by default for mqtt://', () => {
    const a = setup();
    a.send(PAYLOAD, 'mqtts://secure.test/b');
    a.timers.advance(100);
    const b = setup();
    b.send(PAYLOAD, 'mqtt://plain.test/b');
    b.timers.advance(100);
    assert.deepEqual(a.broker.connects, [{ host: 'secure.test', port: 8883, secure: true }]);
    assert.deepEqual(b.broker.connects, [{ host: 'plain.test', port: 1883, secure: false }]);
  });

  it('keeps the connection between sends, with a fresh packet id each', () => {
    const { timers, broker, send } = setup();
    const d1 = send();
    timers.advance(100);
    const d2 = send();
    timers.advance(100);
    assert.equal(d1.calls[0].code, Err.None);
    assert.equal(d2.calls[0].code, Err.None);
    assert.equal(broker.connects.length, 1);
    const ids = broker.packets.filter((p) => p.cmd === 'publish' || p.cmd === 'subscribe').map((p) => (p as mqttPacket.IPublishPacket).messageId);
    assert.equal(new Set(ids).size, 3);
  });

  it('sends reports over 127 bytes and over 16 KB intact', () => {
    const { timers, broker, send } = setup();
    for (const size of [128, 300, 3000, 17000]) {
      const payload = JSON.stringify({ i: ID, pad: 'p'.repeat(size) });
      const d = send(payload);
      timers.advance(100);
      assert.equal(d.calls[0].code, Err.None, `size ${size}`);
      assert.equal((broker.packets.filter((p) => p.cmd === 'publish').pop() as mqttPacket.IPublishPacket).payload.toString(), payload);
    }
  });

  it('works when the broker delivers one byte per data event', () => {
    const { timers, broker, send } = setup();
    broker.fragment = 1;
    broker.reply = (p) => JSON.stringify({ ack: [JSON.parse(p).i], rej: [], pad: 'x'.repeat(400) });
    const d = send();
    timers.advance(100);
    assert.deepEqual(d.calls[0].reply, { ack: [ID], rej: [] });
  });

  it('accepts the acknowledgement arriving before the PUBACK', () => {
    const { timers, broker, send } = setup();
    broker.ackBeforePuback = true;
    const d = send();
    timers.advance(100);
    assert.equal(d.calls[0].code, Err.None);
  });

  it('reports a refused CONNACK as MqttConnectRefused and drops the socket', () => {
    const { timers, broker, events, send } = setup();
    broker.connackCode = 5;
    const d = send();
    timers.advance(100);
    assert.deepEqual(d.calls.map((c) => c.code), [Err.MqttConnectRefused]);
    assert.ok(broker.last.ended);
    assert.deepEqual(events, [Err.MqttConnectRefused]);
    assert.equal(timers.pending, 0);
  });

  it('reports a failed SUBACK (0x80) as MqttProtocol', () => {
    const { timers, broker, send } = setup();
    broker.subackCode = 0x80;
    const d = send();
    timers.advance(100);
    assert.deepEqual(d.calls.map((c) => c.code), [Err.MqttProtocol]);
    assert.ok(broker.last.ended);
    assert.equal(broker.packets.filter((p) => p.cmd === 'publish').length, 0, 'nothing published without the ack subscription');
  });

  it('times out when the broker PUBACKs but the collector never answers, exactly at timeoutMs', () => {
    const { timers, broker, events, send } = setup({ timeoutMs: 5000 });
    broker.reply = () => undefined;
    const d = send();
    timers.advance(4999);
    assert.equal(d.calls.length, 0);
    timers.advance(1);
    assert.deepEqual(d.calls.map((c) => c.code), [Err.UplinkTimeout]);
    assert.ok(broker.last.ended);
    assert.deepEqual(events, [Err.None, Err.UplinkTimeout]);
    assert.equal(timers.pending, 0);
    // The next send reconnects with a new ClientId.
    broker.reply = (p) => JSON.stringify({ ack: [JSON.parse(p).i] });
    const d2 = send();
    timers.advance(100);
    assert.equal(d2.calls[0].code, Err.None);
    const ids = broker.packets.filter((p) => p.cmd === 'connect').map((p) => (p as mqttPacket.IConnectPacket).clientId);
    assert.equal(ids.length, 2);
    assert.notEqual(ids[0], ids[1]);
  });

  it('ignores an acknowledgement on another topic (but PUBACKs it) and times out', () => {
    const { timers, broker, send } = setup({ timeoutMs: 3000 });
    broker.replyTopic = () => 'hb/maker/ack/hbsomeoneelse00000';
    const d = send();
    timers.advance(3000);
    assert.deepEqual(d.calls.map((c) => c.code), [Err.UplinkTimeout]);
    assert.equal(broker.packets.filter((p) => p.cmd === 'puback').length, 1);
  });

  it('reports a garbage acknowledgement as UplinkBadReply and keeps the connection', () => {
    const { timers, broker, send } = setup();
    broker.reply = () => '<html>captive portal</html>';
    const d = send();
    timers.advance(100);
    assert.deepEqual(d.calls.map((c) => c.code), [Err.UplinkBadReply]);
    assert.ok(!broker.last.ended);
  });

  it('reports an acknowledgement over maxPacketBytes as UplinkReplyTooLarge and drops the connection', () => {
    const { timers, broker, events, send } = setup({ maxPacketBytes: 256 });
    broker.reply = (p) => JSON.stringify({ ack: [JSON.parse(p).i], pad: 'x'.repeat(300) });
    const d = send();
    timers.advance(100);
    assert.deepEqual(d.calls.map((c) => c.code), [Err.UplinkReplyTooLarge]);
    assert.ok(broker.last.ended);
    assert.equal(events[events.length - 1], Err.UplinkReplyTooLarge);
  });

  it('reports a reset mid-publish as UplinkNetError, once, though error and close both fire', () => {
    const { timers, broker, send } = setup();
    broker.dropAt = 'PUBLISH';
    broker.onPacket = ((orig) => function (this: FakeBroker, s: FakeSocket, p: mqttPacket.Packet) {
      if (p.cmd === 'publish') return this.later(() => s.serverError());
      return orig.call(this, s, p);
    })(broker.onPacket);
    const d = send();
    timers.advance(100);
    assert.deepEqual(d.calls.map((c) => c.code), [Err.UplinkNetError]);
    assert.equal(timers.pending, 0);
  });

  it('reports an unreachable broker as UplinkNetError', () => {
    const { timers, broker, send } = setup();
    broker.unreachable = true;
    const d = send();
    timers.advance(100);
    assert.deepEqual(d.calls.map((c) => c.code), [Err.UplinkNetError]);
  });

  it('treats malformed or unexpected packets as MqttProtocol', () => {
    for (const junk of ['\x20\x02\x00\x00', '\x30\xff\xff\xff\xff\x01', '\x50\x02\x00\x01', '\x90\x03\x00\x01\x01', '\xf0\x00']) {
      const { timers, broker, events, send } = setup();
      const d = send();
      timers.advance(100);
      assert.equal(d.calls[0].code, Err.None);
      broker.last.serverData(junk);
      assert.ok(broker.last.ended, 'dropped on ' + JSON.stringify(junk));
      assert.equal(events[events.length - 1], Err.MqttProtocol);
    }
  });

  it('refuses a second send while one is in flight without disturbing the first', () => {
    const { timers, send } = setup();
    const d1 = send();
    const d2 = send();
    assert.equal(d2.calls.length, 0);
    timers.advance(100);
    assert.deepEqual(d2.calls.map((c) => c.code), [Err.UplinkNetError]);
    assert.deepEqual(d1.calls.map((c) => c.code), [Err.None]);
  });

  it('moves to a new endpoint with a DISCONNECT to the old one', () => {
    const { timers, broker, send } = setup();
    send();
    timers.advance(100);
    const first = broker.last;
    const d = send(PAYLOAD, 'mqtt://other.test/hb/maker');
    timers.advance(100);
    assert.equal(d.calls[0].code, Err.None);
    assert.equal(first.packets[first.packets.length - 1].cmd, 'disconnect');
    assert.ok(first.ended);
    assert.equal(broker.connects[1].host, 'other.test');
  });

  it('ignores late events from a dropped socket', () => {
    const { timers, broker, send } = setup({ timeoutMs: 1000 });
    broker.reply = () => undefined;
    send();
    timers.advance(1000);
    const old = broker.sockets[0];
    broker.reply = (p) => JSON.stringify({ ack: [JSON.parse(p).i] });
    const d = send();
    timers.advance(3); // new connection under way
    old.closed = false;
    old.serverData(ref({ cmd: 'connack', returnCode: 5 }));
    old.serverError();
    timers.advance(100);
    assert.deepEqual(d.calls.map((c) => c.code), [Err.None]);
  });

  describe('keep-alive', () => {
    for (const timeoutMs of [20000, 4000]) it(`sends PINGREQ after keepAliveS idle seconds and keeps a healthy connection (timeout ${timeoutMs} ms)`, () => {
      const { timers, broker, send } = setup({ keepAliveS: 10, timeoutMs });
      send();
      timers.advance(100);
      const pings = (): number => broker.packets.filter((p) => p.cmd === 'pingreq').length;
      // The device last sent at t=4 ms (its PUBACK to the collector's answer): pings at 10004, 20004, ...
      const pingTimes: number[] = [];
      broker.onPacket = ((orig) => function (this: FakeBroker, s: FakeSocket, p: mqttPacket.Packet) {
        if (p.cmd === 'pingreq') pingTimes.push(timers.now);
        return orig.call(this, s, p);
      })(broker.onPacket);
      timers.advance(10003 - 100);
      assert.equal(pings(), 0, 'no ping before the period');
      timers.advance(1);
      assert.equal(pings(), 1);
      timers.advance(60000);
      assert.deepEqual(pingTimes, [10004, 20004, 30004, 40004, 50004, 60004, 70004]);
      assert.ok(!broker.last.ended);
    });

    it('drops the connection when no PINGRESP comes within timeoutMs, with no timer left', () => {
      const { timers, broker, events, send } = setup({ keepAliveS: 10, timeoutMs: 4000 });
      broker.pingresp = false;
      send();
      timers.advance(100);
      timers.advance(10000);
      assert.equal(broker.packets.filter((p) => p.cmd === 'pingreq').length, 1);
      assert.ok(!broker.last.ended);
      timers.advance(4000);
      assert.ok(broker.last.ended);
      assert.equal(events[events.length - 1], Err.UplinkTimeout);
      assert.equal(timers.pending, 0);
    });

    it('counts a publish as activity: no PINGREQ while sending often', () => {
      const { timers, broker, send } = setup({ keepAliveS: 10 });
      for (let i = 0; i < 20; i++) {
        send();
        timers.advance(5000);
      }
      assert.equal(broker.packets.filter((p) => p.cmd === 'pingreq').length, 0);
      assert.equal(broker.connects.length, 1);
    });

    it('sends the configured keep-alive in CONNECT; 0 arms no timer', () => {
      const { timers, broker, send } = setup({ keepAliveS: 0 });
      send();
      timers.advance(100);
      assert.equal((broker.packets[0] as mqttPacket.IConnectPacket).keepalive, 0);
      assert.equal(timers.pending, 0);
    });
  });

  describe('close', () => {
    it('sends DISCONNECT, ends the socket and cancels every timer; idempotent', () => {
      const { timers, broker, t, send } = setup();
      send();
      timers.advance(100);
      t.close!();
      t.close!();
      assert.deepEqual(broker.last.packets.map((p) => p.cmd), ['connect', 'subscribe', 'publish', 'puback', 'disconnect']);
      assert.ok(broker.last.ended);
      timers.advance(0);
      assert.equal(timers.pending, 0);
    });

    it('ends a send in flight with UplinkNetError, once', () => {
      const { timers, t, send } = setup();
      const d = send();
      timers.advance(2);
      t.close!();
      timers.advance(30000);
      assert.deepEqual(d.calls.map((c) => c.code), [Err.UplinkNetError]);
      assert.equal(timers.pending, 0);
    });

    it('before any send does nothing', () => {
      const { timers, broker, t } = setup();
      t.close!();
      assert.equal(broker.sockets.length, 0);
      assert.equal(timers.pending, 0);
    });
  });

  it('survives a broker that disconnects at every step: done once per send, no timer or socket leaks', () => {
    const steps: Step[] = ['connect', 'CONNECT', 'SUBSCRIBE', 'PUBLISH', 'PUBACK'];
    const { timers, broker, events, send } = setup({ timeoutMs: 2000 });
    let sends = 0;
    for (let round = 0; round < 10; round++) {
      for (const step of steps) {
        broker.dropAt = step;
        const d = send();
        sends++;
        timers.advance(2500);
        assert.equal(d.calls.length, 1, `${step}: done exactly once`);
        if (step === 'PUBACK') assert.equal(d.calls[0].code, Err.None, 'the ack arrived before the drop');
        else assert.equal(d.calls[0].code, Err.UplinkNetError, step);
        assert.equal(timers.pending, 0, `${step}: no timer left`);
        assert.ok(broker.sockets.every((s) => s.closed && s.ended), `${step}: every socket ended`);
      }
    }
    assert.equal(broker.sockets.length, sends);
    assert.ok(events.filter((e) => e === Err.UplinkNetError).length >= sends);
  });

  it('survives random bytes from the broker after CONNACK: never throws, done exactly once', () => {
    const r = createRandom(4242);
    for (let iter = 0; iter < 500; iter++) {
      const { timers, broker, send } = setup({ timeoutMs: 1000, maxPacketBytes: 128 });
      broker.reply = () => undefined;
      broker.puback = r() < 0.5;
      const d = send();
      timers.advance(3);
      let junk = r() < 0.5 ? '\x30' : '';
      const n = Math.floor(r() * 200);
      for (let i = 0; i < n; i++) junk += String.fromCharCode(Math.floor(r() * 256));
      broker.fragment = 1 + Math.floor(r() * 20);
      broker.last.serverData(junk);
      timers.advance(1000);
      assert.equal(d.calls.length, 1);
      if (broker.last.ended) {
        timers.advance(0);
        assert.equal(timers.pending, 0);
      }
    }
  });
});

describe('mqtt-transport on the device', function () {
  this.timeout(120000);
  it('compiles to Espruino-clean ES5 and runs in the simulator realm against a byte-at-a-time broker', async () => {
    const b = await compileEntry('test/unit/uplink/fixtures/mqtt-on-device.ts', loadBoard('esp32'), { root: ROOT, outDir: os.tmpdir(), file: 'mqtt-on-device.js' });
    assert.deepEqual(checkBundle(b.code).map(formatViolation), []);
    const ids = [0, 1, 2].map((i) => String(i).padStart(32, '0'));
    assert.deepEqual(texts(await runSnippet(b.code, 30)), [
      'C broker.local:1883 false',
      `R 0 ${ids[0]} 57`,
      `R 0 ${ids[1]} 177`,
      `R 0 ${ids[2]} 447`,
      'P 2',
      'T true',
      'L 3 5',
    ]);
  });
});
