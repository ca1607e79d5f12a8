import * as net from 'net';
import { createBroker } from 'aedes';
import type { AuthenticateError, Client, PublishPacket } from 'aedes';
import type { RecipientCredentials } from '../../sdk/uplink/index';
import type { HostileChoice, Hostility } from './hostile';
import { replyFor } from './ingest';
import type { Ingest } from './ingest';
import type { Routes } from './routes';

/** The MQTT front end (embedded aedes, or a client of an external broker). */
export interface MqttFront {
  readonly port: number;
  /** Acknowledgements published and not yet written to their client. */
  inFlight(): number;
  /** Close the listener and every connection, then listen again on the same port. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface MqttFrontOptions {
  routes: Routes;
  ingest: Ingest;
  hostility: Hostility;
  credentials?: { [recipient: string]: RecipientCredentials };
}

/** A report topic `<topicBase>/up/<clientId>` split, or undefined. */
export function splitTopic(topic: string, kind: 'up' | 'ack'): { base: string; clientId: string } | undefined {
  const mark = '/' + kind + '/';
  const at = topic.lastIndexOf(mark);
  if (at <= 0) return undefined;
  const clientId = topic.substring(at + mark.length);
  return clientId && clientId.indexOf('/') < 0 ? { base: topic.substring(0, at), clientId } : undefined;
}

/**
 * Start an aedes broker on 127.0.0.1, a free port. A client authenticates as
 * the recipients whose MQTT credentials it presents (all MQTT recipients when
 * no credentials are configured), may subscribe only to its own ack topic
 * `<topicBase>/ack/<clientId>` and publish only to `<topicBase>/up/<clientId>`.
 * Each report is ingested when it arrives; the PUBACK follows and then the ack
 * JSON at QoS 1 on the client's ack topic.
 */
export async function startMqttFront(o: MqttFrontOptions): Promise<MqttFront> {
  const allowedOf = new WeakMap<Client, string[]>();
  const timers = new Set<NodeJS.Timeout>();
  const mqttRecipients = o.routes.all.filter((r) => r.mqtt).map((r) => r.recipient);
  const broker = createBroker({
    authenticate(client, username, password, done) {
      const allowed = recipientsFor(o.credentials, mqttRecipients, username, password);
      if (allowed.length) {
        allowedOf.set(client, allowed);
        return done(null, true);
      }
      o.ingest.unauthorized();
      const err = new Error('not authorized') as AuthenticateError;
      // MQTT 3.1.1 §3.2.2.3: 4 = bad user name or password, 5 = not authorized (none presented).
      err.returnCode = username === undefined ? 5 : 4;
      done(err, false);
    },
    authorizeSubscribe(client, sub, done) {
      const t = splitTopic(sub.topic, 'ack');
      if (t && t.clientId === client.id && o.routes.mqtt(t.base, allowedOf.get(client) || [])) return done(null, sub);
      o.ingest.unauthorized();
      done(null, null); // SUBACK 0x80 for this topic
    },
    authorizePublish(client, packet, done) {
      if (!client) return done(null); // the collector's own acks
      const t = splitTopic(packet.topic, 'up');
      const route = t && t.clientId === client.id ? o.routes.mqtt(t.base, allowedOf.get(client) || []) : undefined;
      if (!t || !route) {
        o.ingest.unauthorized();
        return done(new Error('topic not allowed')); // aedes closes the connection
      }
      onReport(client, packet, route.recipient, t.base, done);
    },
  });
  // Never let a broken client connection reach the process.
  broker.on('clientError', () => undefined);
  broker.on('connectionError', () => undefined);

  const sockets = new Set<net.Socket>();
  let pending = 0;
  let server = await listen(0);
  const port = (server.address() as net.AddressInfo).port;
  let closing: Promise<void> | undefined;

  return {
    port,
    inFlight: () => pending,
    async restart() {
      await closeServer();
      server = await listen(port);
    },
    close() {
      if (!closing) {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        closing = closeServer().then(() => new Promise<void>((resolve) => broker.close(() => resolve())));
      }
      return closing;
    },
  };

  function listen(p: number): Promise<net.Server> {
    const s = net.createServer((socket) => {
      // No Nagle: the acknowledgement follows the PUBACK at once instead of
      // waiting ~40 ms for the client's delayed TCP ACK.
      socket.setNoDelay(true);
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
      broker.handle(socket);
    });
    return new Promise((resolve, reject) => {
      s.once('error', reject);
      s.listen(p, '127.0.0.1', () => resolve(s));
    });
  }

  function closeServer(): Promise<void> {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const s of sockets) s.destroy();
    sockets.clear();
    return closed;
  }

  /** Ingest one report (or misbehave), let aedes PUBACK it (`done`), then publish the answer. */
  function onReport(client: Client, packet: PublishPacket, recipient: string, base: string, done: (e?: Error | null) => void): void {
    const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
    const text = payload.toString('utf8');
    o.ingest.received(recipient, payload.length);
    const ackTopic = base + '/ack/' + client.id;
    const choice = o.hostility.pick();
    if (choice) return misbehave(client, choice, recipient, text, ackTopic, done);
    const out = o.ingest.ingest(recipient, text);
    done(null);
    if (out.kind !== 'malformed') publish(ackTopic, replyFor(out));
  }

  function misbehave(client: Client, c: HostileChoice, recipient: string, text: string, ackTopic: string, done: (e?: Error | null) => void): void {
    o.ingest.hostile(c.mode);
    if (c.mode === 'reset' && !c.afterStore) return done(new Error('hostile reset')); // dropped before the PUBACK
    if (c.afterStore) o.ingest.ingest(recipient, text);
    done(null);
    const id = idOf(text);
    switch (c.mode) {
      case 'reset':
        return client.close();
      case 'garbage':
        return publish(ackTopic, o.hostility.garbage());
      case 'empty-200':
        return publish(ackTopic, '');
      case 'oversized':
        return publish(ackTopic, o.hostility.oversized());
      case 'wrong-id':
        return publish(ackTopic, JSON.stringify({ ack: [o.hostility.otherId(id)] }));
      case 'slow': {
        const t = setTimeout(() => {
          timers.delete(t);
          const out = o.ingest.ingest(recipient, text);
          if (out.kind !== 'malformed' && !client.closed) publish(ackTopic, replyFor(out));
        }, o.hostility.slowMs());
        timers.add(t);
        return;
      }
      default:
        // no-ack and status-503: a PUBACK and no acknowledgement.
        return;
    }
  }

  function publish(topic: string, payload: string | Buffer): void {
    // aedes takes tens of real ms to route a QoS 1 message to its subscriber; the simulator holds virtual time meanwhile.
    pending++;
    broker.publish({ cmd: 'publish', topic, payload, qos: 1, retain: false, dup: false }, () => { pending--; });
  }
}

/** Recipients whose MQTT credentials match; with none configured, every MQTT recipient. */
function recipientsFor(credentials: MqttFrontOptions['credentials'], mqttRecipients: string[], username: string | undefined, password: Buffer | undefined): string[] {
  if (!credentials) return mqttRecipients;
  const pw = password ? password.toString('utf8') : undefined;
  return mqttRecipients.filter((r) => {
    const c = credentials[r];
    return !!c && typeof c.u === 'string' && c.u === username && (c.p === undefined ? pw === undefined : c.p === pw);
  });
}

/** The id of a report payload, or ''. */
function idOf(text: string): string {
  try {
    const o = JSON.parse(text);
    return o && typeof o.i === 'string' ? o.i : '';
  } catch (e) {
    return '';
  }
}
