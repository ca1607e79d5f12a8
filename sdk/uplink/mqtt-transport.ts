import { Err } from '../model/index';
import type { RandomSource } from '../model/index';
import type { Network, Socket, Timers } from '../platform/index';
import { findText, noop } from '../util/index';
import {
  MQTT_DISCONNECT, MQTT_FRAME_TOO_LARGE, MQTT_PINGREQ, MqttType,
  decodeMqtt, encodeConnect, encodePuback, encodePublish, encodeSubscribe, mqttFrameLength, mqttUtf8,
} from './mqtt-packet';
import type { RecipientCredentials, ReportTransport, SendCallback, TransportReply } from './transport';

/** What `createMqttTransport` takes. Values out of range fall back to their defaults (nothing throws on the device). */
export interface MqttTransportOptions {
  /** TCP/TLS client (Espruino's `net`/`tls`). */
  net: Network;
  /** Timeouts and keep-alive; one-shot `after` timers only. */
  timers: Timers;
  /** ClientIds (`hb` + 16 hex per connection): the persisted generator, never Math.random (it repeats every boot). */
  random: RandomSource;
  /** The recipient's provisioned credentials: `u`/`p` become the CONNECT user name and password. */
  credentials?: RecipientCredentials;
  /**
   * MQTT keep-alive, seconds (integer 0–65535). A PINGREQ goes out after this
   * long without sending; no PINGRESP within `timeoutMs` drops the
   * connection. 0 turns keep-alive off. @default 60
   */
  keepAliveS?: number;
  /**
   * Longest wait for one send, ms, from `send` to the collector's
   * acknowledgement (connect and subscribe included), and for a PINGRESP.
   * @default 20000
   */
  timeoutMs?: number;
  /**
   * Largest packet accepted from the broker, bytes, fixed header included
   * (at least 64). It caps the receive buffer; a larger PUBLISH fails the
   * send with Err.UplinkReplyTooLarge, any other larger packet with
   * Err.MqttProtocol, and the connection is dropped. Outgoing reports are
   * not capped here: the outbox bounds them. @default 2048
   */
  maxPacketBytes?: number;
  /**
   * Told about the connection, for counting: Err.None when a connection is
   * up (CONNACK accepted and SUBACK granted), else the code that dropped it
   * (UplinkNetError, UplinkTimeout, MqttConnectRefused, MqttProtocol,
   * UplinkReplyTooLarge). Pass a counter's own method, not a new closure.
   */
  onEvent?: (code: number) => void;
}

/** An MQTT endpoint split up: host, port, TLS, topic base. */
interface MqttEndpoint {
  h: string;
  o: number;
  s: boolean;
  b: string;
}

/**
 * Split `mqtt://host[:port]/<topicBase>` or `mqtts://…` (ports default to 1883
 * and 8883). Undefined for anything else, including an empty topic base or
 * one with MQTT wildcards (`+`, `#`), which no broker lets a client publish to.
 */
export function parseMqttEndpoint(endpoint: string): MqttEndpoint | undefined {
  const m = findText(endpoint, '://');
  const scheme = endpoint.substring(0, m);
  if (m < 0 || (scheme !== 'mqtt' && scheme !== 'mqtts')) return undefined;
  const rest = endpoint.substring(m + 3);
  const slash = rest.indexOf('/');
  const base = rest.substring(slash + 1);
  if (slash < 1 || !base || base.indexOf('+') >= 0 || base.indexOf('#') >= 0) return undefined;
  const colon = rest.indexOf(':');
  let port = scheme === 'mqtts' ? 8883 : 1883;
  let host = rest.substring(0, slash);
  if (colon >= 0 && colon < slash) {
    host = rest.substring(0, colon);
    const ps = rest.substring(colon + 1, slash);
    port = 0;
    for (let i = 0; i < ps.length && i < 6; i++) {
      const c = ps.charCodeAt(i) - 48;
      port = c >= 0 && c <= 9 ? port * 10 + c : 99999;
    }
    if (port < 1 || port > 65535) return undefined;
  }
  if (!host) return undefined;
  return { h: host, o: port, s: scheme === 'mqtts', b: base };
}

/**
 * The collector's acknowledgement `{"ack":[ids],"rej":[ids]}`. Either list
 * may be absent (taken as empty) but not both; present ones MUST be arrays
 * of strings. Undefined for anything else (Err.UplinkBadReply).
 */
export function parseAckReply(m: string): TransportReply | undefined {
  let o: { ack?: unknown; rej?: unknown } | null;
  try {
    o = JSON.parse(m);
  } catch (e) {
    return undefined;
  }
  if (!o || typeof o !== 'object' || (o.ack === undefined && o.rej === undefined)) return undefined;
  const r: TransportReply = { ack: o.ack === undefined ? [] : o.ack as string[], rej: o.rej === undefined ? [] : o.rej as string[] };
  if (!Array.isArray(r.ack) || !Array.isArray(r.rej)) return undefined;
  for (let i = 0; i < r.ack.length; i++) if (typeof r.ack[i] !== 'string') return undefined;
  for (let i = 0; i < r.rej.length; i++) if (typeof r.rej[i] !== 'string') return undefined;
  return r;
}

/** Connection states, ordered (a const enum: inlined, no JsVars). */
const enum St {
  Idle = 0,
  /** TCP/TLS under way. */
  Connecting = 1,
  /** Waiting for CONNACK. */
  ConnectSent = 2,
  /** Waiting for SUBACK. */
  Subscribing = 3,
  Ready = 4,
}

/**
 * An MQTT 3.1.1 client transport written for Espruino (its own MQTT modules
 * are downloaded at upload time, and tinyMQTT loses messages over 127
 * bytes). Per connection: a random ClientId `hb` + 16 hex, CleanSession=1,
 * SUBSCRIBE (QoS 1) to `<base>/ack/<clientId>`. Per send: PUBLISH at QoS 1
 * to `<base>/up/<clientId>`, then wait for the collector's acknowledgement
 * on the ack topic (a PUBACK alone is not one; the sender checks the id).
 * The connection stays open between sends while it is healthy, with
 * PINGREQ keep-alive; any failure drops it and the caller's next `send`
 * reconnects (the sender owns retry timing).
 *
 * One transport per recipient lives for good on the device, so its state
 * is a dozen closure variables; the socket handlers are made per
 * connection and die with it.
 */
export function createMqttTransport(o: MqttTransportOptions): ReportTransport {
  // Options are read once into a few locals: each closure variable costs JsVars for good.
  const timers = o.timers;
  const ev = o.onEvent || noop;
  const kaMs = o.keepAliveS !== undefined && o.keepAliveS >= 0 && o.keepAliveS <= 65535 ? Math.floor(o.keepAliveS) * 1000 : 60000;
  const toMs = o.timeoutMs !== undefined && o.timeoutMs > 0 ? o.timeoutMs : 20000;
  const max = o.maxPacketBytes !== undefined && o.maxPacketBytes >= 64 ? o.maxPacketBytes : 2048;

  let sock: Socket | undefined;
  let st: St = St.Idle;
  let ep = ''; // endpoint of the open connection
  let want = ''; // endpoint of the pending send
  let up = ''; // publish topic of this connection
  let at = ''; // ack topic of this connection, as UTF-8 bytes (what PUBLISH carries)
  let buf = ''; // received bytes not yet parsed; never over `max` plus one chunk
  let pid = 0; // last packet id used
  let pend: SendCallback | undefined; // the send in flight
  let pl: string | undefined; // its payload until published
  let to = 0; // timer: the send's deadline (first a 0 ms kick, so `done` never runs inside `send`)
  let ka = 0; // timer: keep-alive, then the PINGRESP deadline
  let png = 0; // 1: a PINGREQ is unanswered; 2: answered, its deadline timer still runs

  const finish = (code: number, reply?: TransportReply): void => {
    const d = pend;
    if (!d) return;
    pend = undefined;
    pl = undefined;
    if (to) timers.cancel(to);
    to = 0;
    d(code, reply, 0);
  };

  /**
   * Forget the connection: cancel keep-alive and end the socket (its late
   * events are ignored), then end the send in flight with `code` (0: leave
   * it). A failure is told to `onEvent`; `bye` is leaving on purpose: a
   * DISCONNECT first if the broker accepted us, and nothing to count.
   */
  const fail = (code: number, bye?: boolean): void => {
    const s = sock;
    if (s && bye && st >= St.Subscribing) s.write(MQTT_DISCONNECT);
    sock = undefined;
    st = St.Idle;
    buf = '';
    png = 0;
    if (ka) timers.cancel(ka);
    ka = 0;
    if (s) s.end();
    if (!code) return;
    if (!bye) ev(code);
    finish(code);
  };

  const tx = (d: string): void => {
    if (!sock) return;
    sock.write(d);
    // Any packet resets the keep-alive period (§3.1.2.10), except while a PINGRESP is due.
    if (png !== 1 && kaMs) {
      png = 0;
      if (ka) timers.cancel(ka);
      ka = timers.after(keepAlive, kaMs);
    }
  };

  const keepAlive = (): void => {
    // How long a PINGRESP may take: the send timeout, within one keep-alive period.
    const pingMs = toMs < kaMs ? toMs : kaMs;
    ka = 0;
    if (!sock) return;
    // Still not connected after a keep-alive period, or a PINGREQ unanswered: the link is dead.
    if (png === 1 || st < St.Subscribing) return fail(Err.UplinkTimeout);
    if (png === 2) {
      // Answered in time: the next PINGREQ is due one period after the last one.
      png = 0;
      ka = timers.after(keepAlive, kaMs - pingMs);
      return;
    }
    png = 1;
    sock.write(MQTT_PINGREQ);
    ka = timers.after(keepAlive, pingMs);
  };

  /** Publish the pending payload at QoS 1 once subscribed. */
  const publish = (): void => {
    if (st !== St.Ready || pl === undefined) return;
    pid = pid >= 65535 ? 1 : pid + 1;
    tx(encodePublish(up, pl, 1, pid));
    pl = undefined;
  };

  /** Bytes from the broker: cut whole packets out of the buffer and act on each. */
  const onData = (d: string): void => {
    buf += d;
    while (sock) {
      const n = mqttFrameLength(buf, max);
      if (!n) return;
      if (n < 0) return fail(n === MQTT_FRAME_TOO_LARGE && buf.charCodeAt(0) >> 4 === MqttType.Publish ? Err.UplinkReplyTooLarge : Err.MqttProtocol);
      const p = decodeMqtt(buf.substring(0, n));
      buf = buf.substring(n);
      const k = p ? p.k : 0;
      if (!p) {
        return fail(Err.MqttProtocol);
      } else if (k === MqttType.Connack) {
        if (st !== St.ConnectSent) return fail(Err.MqttProtocol);
        if (p.c) return fail(Err.MqttConnectRefused);
        st = St.Subscribing;
        pid = pid >= 65535 ? 1 : pid + 1;
        tx(encodeSubscribe(pid, at, 1));
      } else if (k === MqttType.Suback) {
        if (st !== St.Subscribing || p.i !== pid || p.c > 2) return fail(Err.MqttProtocol);
        st = St.Ready;
        ev(Err.None);
        publish();
      } else if (k === MqttType.Publish) {
        // We subscribed at QoS 1: a QoS 2 delivery (it would need PUBREC) breaks the protocol.
        if (st < St.Subscribing || p.q > 1) return fail(Err.MqttProtocol);
        if (p.q) tx(encodePuback(p.i));
        // Only the collector's answer on this connection's ack topic, after our PUBLISH, is a reply.
        if (p.t === at && pend && pl === undefined) {
          const r = parseAckReply(p.m);
          finish(r ? Err.None : Err.UplinkBadReply, r);
        }
      } else if (k === MqttType.Pingresp) {
        if (png === 1) png = 2;
      } else if (k !== MqttType.Puback || st !== St.Ready) {
        // A PUBACK is QoS 1 delivery to the broker only (the collector's answer decides); late or stale ids are harmless.
        return fail(Err.MqttProtocol);
      }
    }
  };

  /**
   * Runs 0 ms after `send`: arm the deadline, then publish on the open
   * connection or open one to `want` (its handlers live exactly as long as
   * the connection).
   */
  const step = (): void => {
    if (!pend) return;
    to = timers.after(() => {
      to = 0;
      fail(Err.UplinkTimeout);
    }, toMs);
    if (sock && ep !== want) fail(0, true);
    if (sock) return publish();
    const e = parseMqttEndpoint(want);
    if (!e) return finish(Err.UplinkNetError);
    const cid = 'hb' + o.random.hex(8);
    up = e.b + '/up/' + cid;
    at = mqttUtf8(e.b + '/ack/' + cid);
    ep = want;
    st = St.Connecting;
    const s = o.net.connect(e.h, e.o, e.s, () => {
      if (!s || s !== sock || st !== St.Connecting) return;
      const c = o.credentials || {};
      st = St.ConnectSent;
      tx(encodeConnect(cid, kaMs / 1000, c.u, c.p));
    });
    if (!s) return fail(Err.UplinkNetError);
    sock = s;
    const gone = (): void => {
      if (s === sock) fail(Err.UplinkNetError);
    };
    s.on('data', (d: string) => {
      if (s === sock) onData(d);
    });
    s.on('close', gone);
    s.on('error', gone);
  };

  return {
    send: (endpoint, payload, done) => {
      if (pend) {
        // At most one send in flight (the sender waits): refuse a second without disturbing the first.
        timers.after(() => done(Err.UplinkNetError, undefined, 0), 0);
        return;
      }
      pend = done;
      pl = payload;
      want = endpoint;
      to = timers.after(step, 0);
    },
    close: () => fail(Err.UplinkNetError, true),
  };
}
