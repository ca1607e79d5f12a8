import * as http from 'http';
import * as mqtt from 'mqtt';
import type { Policy } from '../../../../sdk/model/index';
import { policy as fridgePolicy } from '../../../../firmware/fridge/policy';
import type { WireReport } from '../../../../simulator/collector/index';

/** 2024-03-01T00:00:00Z: a day and a month start. */
export const MARCH_1 = Date.UTC(2024, 2, 1);
export const DAY = 86400000;

/**
 * The fridge's policy with the maker over HTTPS, plus an MQTT recipient
 * (`grid`, energy, daily with an opt-in 30 min tier) and a histogram purpose
 * for the maker, so that every rule has something to bite on.
 */
export function testPolicy(): Policy {
  const p: Policy = JSON.parse(JSON.stringify(fridgePolicy));
  // The HTTP tests address the maker over HTTP (the shipped fridge uses MQTT for it).
  p.recipients.maker = { endpoint: 'https://diag.fridge-maker.example/v1/reports', transport: 'https' };
  p.recipients.grid = { endpoint: 'mqtts://mqtt.grid.example/hb/grid', transport: 'mqtts' };
  p.purposes.gridEnergy = { recipient: 'grid', tier: '1d', optInTiers: ['30min'], fields: [{ channel: 'compressorW', aggregate: 'energy' }] };
  p.purposes.tempProfile = { recipient: 'maker', tier: '1d', fields: [{ channel: 'cabinetTempC', aggregate: 'histogram', bounds: [0, 4, 8] }] };
  return p;
}

export const ENDPOINT_PATH: { [recipient: string]: string } = {
  maker: '/v1/reports', utility: '/v1/energy', partner: '/v1/usage',
};
export const HOST: { [recipient: string]: string } = {
  maker: 'diag.fridge-maker.example', utility: 'meters.utility.example', partner: 'insights.partner.example', grid: 'mqtt.grid.example',
};

let nextId = 1;
/** A fresh 32-hex id (deterministic per test run). */
export function freshId(): string {
  return (nextId++).toString(16).padStart(32, 'a');
}

/** A report the test policy accepts: the utility's daily energy. Override any key. */
export function energyReport(over: Partial<WireReport> & { [k: string]: unknown } = {}): WireReport {
  return { i: freshId(), r: 'utility', p: 'energy', t: '1d', ws: MARCH_1, wm: DAY, f: { 'compressorW.energy': 412 }, c: 980, ...over } as WireReport;
}

/** The maker's diagnostics, with its declared pseudonym. */
export function diagReport(over: Partial<WireReport> & { [k: string]: unknown } = {}): WireReport {
  return {
    i: freshId(), r: 'maker', p: 'diagnostics', t: '1d', ws: MARCH_1, wm: DAY,
    f: { 'sensorFaults.eventCount': 0, 'cabinetTempC.min': 2.1, 'cabinetTempC.max': 6.3, 'cabinetTempC.mean': 4 }, c: 1000, ps: 'ab12', ...over,
  } as WireReport;
}

/** The grid's energy over MQTT. */
export function gridReport(over: Partial<WireReport> = {}): WireReport {
  return { i: freshId(), r: 'grid', p: 'gridEnergy', t: '1d', ws: MARCH_1, wm: DAY, f: { 'compressorW.energy': 300 }, c: 1000, ...over };
}

export interface HttpReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** POST `body` to the collector with node's http client. Rejects on a reset connection. */
export function post(port: number, path: string, body: string | Buffer, headers: { [h: string]: string } = {}, method = 'POST'): Promise<HttpReply> {
  const b = typeof body === 'string' ? Buffer.from(body) : body;
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method, agent: false, headers: { 'Content-Type': 'application/json', 'Content-Length': String(b.length), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode || 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(b);
  });
}

/** POST a report to its recipient's endpoint, with the recipient's Host header. */
export function postReport(port: number, r: WireReport | { [k: string]: unknown }, recipient = (r as WireReport).r, headers: { [h: string]: string } = {}): Promise<HttpReply> {
  return post(port, ENDPOINT_PATH[recipient], JSON.stringify(r), { Host: HOST[recipient], ...headers });
}

/** Connect mqtt.js the way the device does: random ClientId, CleanSession, MQTT 3.1.1, no reconnects. */
export function connectMqtt(port: number, o: { username?: string; password?: string; clientId?: string } = {}): Promise<mqtt.MqttClient> {
  return new Promise((resolve, reject) => {
    const c = mqtt.connect({
      host: '127.0.0.1', port, protocolVersion: 4, clean: true, reconnectPeriod: 0, connectTimeout: 5000,
      clientId: o.clientId || 'hb' + Math.random().toString(16).slice(2, 10).padEnd(16, '0'), username: o.username, password: o.password,
    });
    c.once('connect', () => resolve(c));
    c.once('error', (e) => {
      c.end(true);
      reject(e);
    });
  });
}

/** Subscribe to the client's ack topic; resolves with the granted QoS (128 = refused). */
export function subscribeAck(c: mqtt.MqttClient, base = 'hb/grid', clientId = c.options.clientId as string): Promise<number> {
  return new Promise((resolve, reject) => {
    c.subscribe(base + '/ack/' + clientId, { qos: 1 }, (err, granted) => {
      // mqtt.js 5 reports a SUBACK failure (0x80) as an error.
      if (err && err.name === 'ErrorWithSubackPacket') resolve(128);
      else if (err) reject(err);
      else resolve(granted![0].qos);
    });
  });
}

/** Publish a report at QoS 1 and wait for the next message on the ack topic (or `timeoutMs`). */
export function publishReport(c: mqtt.MqttClient, payload: string | Buffer, timeoutMs = 2000, base = 'hb/grid'): Promise<Buffer | undefined> {
  const id = c.options.clientId as string;
  return new Promise((resolve) => {
    const t = setTimeout(() => finish(undefined), timeoutMs);
    const onMessage = (topic: string, m: Buffer) => {
      if (topic === base + '/ack/' + id) finish(m);
    };
    const onClose = () => finish(undefined);
    function finish(m: Buffer | undefined): void {
      clearTimeout(t);
      c.removeListener('message', onMessage);
      c.removeListener('close', onClose);
      resolve(m);
    }
    c.on('message', onMessage);
    c.on('close', onClose);
    c.publish(base + '/up/' + id, payload, { qos: 1 }, () => undefined);
  });
}

/** End an mqtt.js client and wait for it. */
export function endMqtt(c: mqtt.MqttClient): Promise<void> {
  return new Promise((resolve) => c.end(true, {}, () => resolve()));
}
