/**
 * Shared pieces of the MQTT interop tests: the device transport on Node's
 * network and timers, a collector written with mqtt.js (the client no one
 * here wrote), and the deliveries every broker must pass.
 */
import { strict as assert } from 'assert';
import * as crypto from 'crypto';
import * as net from 'net';
import * as mqtt from 'mqtt';
import { Err } from '../../sdk/model/index';
import type { RandomSource } from '../../sdk/model/index';
import type { Socket } from '../../sdk/platform/index';
import { encodeReport } from '../../sdk/uplink/codec';
import { createMqttTransport } from '../../sdk/uplink/mqtt-transport';
import type { MqttTransportOptions } from '../../sdk/uplink/mqtt-transport';
import type { ReportTransport, TransportReply } from '../../sdk/uplink/transport';
import { createNodeNetwork, createNodeTimers } from '../support/node-network';
import type { NodeNetwork, NodeTimers } from '../support/node-network';

/** A free loopback port (listen on 0, close, reuse the number). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Resolve once `port` accepts TCP connections; reject after `ms`. */
export async function waitForPort(port: number, ms: number, alive: () => string | undefined = () => undefined): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    const dead = alive();
    if (dead) throw new Error(dead);
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect({ host: '127.0.0.1', port }, () => {
        s.destroy();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`port ${port} did not accept connections within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Node's CSPRNG as the device's RandomSource. */
export const nodeRandom: RandomSource = {
  next: () => crypto.randomInt(0, 2 ** 48) / 2 ** 48,
  hex: (n) => crypto.randomBytes(n).toString('hex'),
};

/** A report payload as the device encodes it, padded with fields to about `bytes` bytes. */
export function reportPayload(bytes: number): { id: string; payload: string } {
  const id = crypto.randomBytes(16).toString('hex');
  const fields: { [k: string]: number } = { 'cabinetTempC.mean': 4.25 };
  let payload = '';
  for (let i = 0; ; i++) {
    payload = encodeReport({ id, recipient: 'maker', purpose: 'diagnostics', tier: '1h', windowStart: 1767225600000, windowMs: 3600000, fields, coveragePermille: 1000 });
    if (payload.length >= bytes) break;
    fields['ch' + i + '.mean'] = 1000 + i;
  }
  return { id, payload };
}

/** The collector: subscribes to `<base>/up/+` and answers each report's id on `<base>/ack/<clientId>`. */
export interface Collector {
  /** Reports as they arrived: the device's ClientId (from the topic) and payload. */
  received: { clientId: string; payload: string }[];
  /** Resolves once the collector is (re)subscribed. */
  subscribed(): Promise<void>;
  close(): Promise<void>;
}

export async function startCollector(url: string, base: string, username: string, password: string): Promise<Collector> {
  const client = await mqtt.connectAsync(url, { username, password, clientId: 'collector-' + crypto.randomBytes(4).toString('hex'), reconnectPeriod: 200, protocolVersion: 4 });
  const received: Collector['received'] = [];
  let waiting: (() => void)[] = [];
  let isSubscribed = false;
  const subscribe = (): void => {
    client.subscribe(base + '/up/+', { qos: 1 }, (err) => {
      if (err) return;
      isSubscribed = true;
      waiting.splice(0).forEach((w) => w());
    });
  };
  client.on('close', () => {
    isSubscribed = false;
  });
  client.on('connect', subscribe);
  subscribe();
  client.on('message', (topic, message) => {
    const clientId = topic.substring(topic.lastIndexOf('/') + 1);
    const payload = message.toString('latin1');
    received.push({ clientId, payload });
    let id = '';
    try {
      id = JSON.parse(payload).i;
    } catch {
      /* answered with an empty ack below */
    }
    client.publish(base + '/ack/' + clientId, JSON.stringify({ ack: id ? [id] : [], rej: [] }), { qos: 1 });
  });
  return {
    received,
    subscribed: () => (isSubscribed ? Promise.resolve() : new Promise<void>((r) => waiting.push(r))),
    close: async () => {
      waiting = [];
      await client.endAsync(true);
    },
  };
}

/** The device side: the SDK transport over Node, plus what it wrote and what happened. */
export interface Device {
  t: ReportTransport;
  net: NodeNetwork;
  timers: NodeTimers;
  events: number[];
  /** PINGREQs the device wrote. */
  pings(): number;
  send(endpoint: string, payload: string): Promise<{ code: number; reply: TransportReply | undefined }>;
}

export function createDevice(extra: Partial<MqttTransportOptions> & { credentials: { u?: string; p?: string } }): Device {
  const base = createNodeNetwork();
  let pings = 0;
  // Count PINGREQs on the wire (0xC0 0x00 as a whole write: the transport writes each packet at once).
  const netWithTap: NodeNetwork = {
    ...base,
    connect: (host, port, secure, onConnect) => {
      const s = base.connect(host, port, secure, onConnect);
      if (!s) return s;
      const tapped: Socket = {
        write: (d) => {
          if (d === '\xC0\x00') pings++;
          s.write(d);
        },
        end: () => s.end(),
        on: s.on,
      };
      return tapped;
    },
  };
  const timers = createNodeTimers();
  const events: number[] = [];
  const t = createMqttTransport({ net: netWithTap, timers, random: nodeRandom, onEvent: (c) => events.push(c), ...extra });
  return {
    t, net: netWithTap, timers, events,
    pings: () => pings,
    send: (endpoint, payload) => new Promise((resolve) => {
      let calls = 0;
      let sync = true;
      t.send(endpoint, payload, (code, reply) => {
        calls++;
        assert.ok(!sync, 'done called inside send');
        assert.equal(calls, 1, 'done called twice');
        resolve({ code, reply });
      });
      sync = false;
    }),
  };
}

/** Teardown: close every device's transport, timers and sockets without checking. */
export function closeDevices(devices: Device[]): void {
  for (const d of devices) {
    d.t.close!();
    d.timers.cancelAll();
    d.net.destroyAll();
  }
}

/** Close the transport and check nothing is left: no timer, no socket. */
export async function closeAndCheckLeaks(d: Device): Promise<void> {
  d.t.close!();
  for (let i = 0; i < 40 && d.net.openSockets() > 0; i++) await new Promise((r) => setTimeout(r, 25));
  assert.equal(d.timers.pending(), 0, 'timers left after close');
  assert.equal(d.net.openSockets(), 0, 'sockets left after close');
}

/** Deliver `sizes` reports in turn over one connection; each must be acknowledged by id and stored once. */
export async function deliverAll(d: Device, endpoint: string, collector: Collector, sizes: number[]): Promise<void> {
  const before = collector.received.length;
  const connectsBefore = d.net.connects.length;
  for (const size of sizes) {
    const r = reportPayload(size);
    const res = await d.send(endpoint, r.payload);
    assert.equal(res.code, Err.None, `report of ${r.payload.length} bytes: code ${res.code}`);
    assert.deepEqual(res.reply, { ack: [r.id], rej: [] });
    const got = collector.received.filter((x) => x.payload === r.payload);
    assert.equal(got.length, 1, `report of ${r.payload.length} bytes stored once, intact`);
    assert.match(got[0].clientId, /^hb[0-9a-f]{16}$/);
  }
  assert.equal(collector.received.length - before, sizes.length);
  assert.ok(d.net.connects.length - connectsBefore <= 1, 'one connection for all the reports');
}

/** Sizes every broker must carry: small, just over 127 bytes (tinyMQTT lost those), ~1 KB and ~3 KB (over the 2 KB receive cap, which does not apply to sending). */
export const SIZES = [100, 128, 200, 1000, 3000];
