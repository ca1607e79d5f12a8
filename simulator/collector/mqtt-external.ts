import * as crypto from 'crypto';
import * as mqtt from 'mqtt';
import type { Hostility } from './hostile';
import { replyFor } from './ingest';
import type { Ingest } from './ingest';
import { splitTopic } from './mqtt-front';
import type { MqttFront } from './mqtt-front';
import type { Routes } from './routes';
import type { ExternalBrokerOptions } from './types';

export interface ExternalMqttOptions {
  routes: Routes;
  ingest: Ingest;
  hostility: Hostility;
  broker: ExternalBrokerOptions;
}

/**
 * The MQTT front end as a client of a broker someone else wrote (Mosquitto):
 * it subscribes `<topicBase>/up/+` for every MQTT recipient at QoS 1 and
 * publishes each answer at QoS 1 on `<topicBase>/ack/<clientId>`.
 * Authentication of devices is the broker's job here. Hostile modes that
 * need the broker (`reset`) become `no-ack`. `restart` rejects.
 */
export async function startExternalMqtt(o: ExternalMqttOptions): Promise<MqttFront> {
  const routes = o.routes.all.filter((r) => r.mqtt);
  const timers = new Set<NodeJS.Timeout>();
  const client = mqtt.connect({
    host: o.broker.host, port: o.broker.port, protocol: 'mqtt', protocolVersion: 4,
    clientId: 'hb-collector-' + crypto.randomBytes(6).toString('hex'), clean: true,
    username: o.broker.username, password: o.broker.password, reconnectPeriod: 500, connectTimeout: 5000,
  });
  client.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    const fail = (e: Error) => {
      client.end(true);
      reject(new Error(`collector: cannot join the MQTT broker at ${o.broker.host}:${o.broker.port}: ${e.message}`));
    };
    client.once('error', fail);
    client.once('connect', () => {
      client.removeListener('error', fail);
      const topics: { [t: string]: { qos: 1 } } = {};
      for (const r of routes) topics[r.path + '/up/+'] = { qos: 1 };
      if (!routes.length) return resolve();
      client.subscribe(topics, (err) => (err ? fail(err) : resolve()));
    });
  });
  client.on('message', (topic, payload) => {
    const t = splitTopic(topic, 'up');
    const route = t ? routes.find((r) => r.path === t.base) : undefined;
    if (!t || !route) return;
    const text = payload.toString('utf8');
    o.ingest.received(route.recipient, payload.length);
    const ackTopic = t.base + '/ack/' + t.clientId;
    const send = (p: string | Buffer) => client.publish(ackTopic, p, { qos: 1 });
    const answer = () => {
      const out = o.ingest.ingest(route.recipient, text);
      if (out.kind !== 'malformed') send(replyFor(out));
    };
    const c = o.hostility.pick();
    if (!c) return answer();
    o.ingest.hostile(c.mode);
    if (c.afterStore) o.ingest.ingest(route.recipient, text);
    if (c.mode === 'garbage') send(o.hostility.garbage());
    else if (c.mode === 'empty-200') send('');
    else if (c.mode === 'oversized') send(o.hostility.oversized());
    else if (c.mode === 'wrong-id') send(JSON.stringify({ ack: [o.hostility.otherId('')] }));
    else if (c.mode === 'slow') {
      const tm = setTimeout(() => {
        timers.delete(tm);
        answer();
      }, o.hostility.slowMs());
      timers.add(tm);
    }
  });
  let closing: Promise<void> | undefined;
  return {
    port: o.broker.port,
    inFlight: () => 0,
    restart() {
      return Promise.reject(new Error('restartBroker: the collector does not own the external broker; restart it yourself'));
    },
    close() {
      if (!closing) {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        closing = new Promise<void>((resolve) => client.end(false, {}, () => resolve()));
      }
      return closing;
    },
  };
}
