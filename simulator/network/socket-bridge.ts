import * as net from 'net';
import { buildRequestHead, HttpResponseReader, isChunkedRequest } from './http-bridge';
import type { HttpHeadOptions } from './http-bridge';
import type { WorldNetwork } from './world-network';

/**
 * Events a device socket receives, all primitives (the glue builds realm
 * values from them):
 * - `connect`; `data` (a = binary string); `error` (a = Espruino's negative
 *   code, b = its message); `close` (a = 1 when an error preceded it), last.
 * - HTTP only: `response` (a = JSON of status, message, version, headers)
 *   before its body's `data`; `error` goes to the request, the rest to the
 *   response.
 */
export type NetSink = (event: string, a: string | number, b: string | number) => void;

/** Wi-Fi events for the glue: `associated`, `connected`, `disconnected` (details as JSON), `connect-cb`, `disconnect-cb`. */
export type WifiSink = (event: string, details: string) => void;

/** What a device boot gives its network. */
export interface DeviceNetworkHooks {
  /** Clock owner tag for this device's network timers. */
  owner: string;
  /** The board has Wi-Fi: sockets need a joined station. */
  wifi: boolean;
  /** Espruino version, for the HTTP User-Agent. */
  version: string;
  /** Run device code as Espruino runs a callback (the device's guard); MUST drop it once the device is dead. */
  deliver(fn: () => void): void;
  /** Keep (`value`) or drop (undefined) a memory root for an open socket: Espruino holds it in its connection list. */
  root?(name: string, value: object | undefined): void;
}

// Espruino's socket errors (libs/network/socketerrors.c).
const ERR_NO_CONN = -11;
const ERR_RESET = -9;
const ERR_UNKNOWN = -10;
const ERR_NO_RESP = -15;
const MESSAGES: { [code: number]: string } = {
  [-9]: 'connection reset', [-10]: 'unknown error', [-11]: 'no connection', [-15]: 'no response',
};
/** Espruino reads at most this much per idle loop (net->chunkSize on ESP32 and Linux). */
const CHUNK = 536;

/**
 * A hold on virtual time for one connection, released by a real-time timer
 * (quiet or settle) or by the cap, whichever comes first.
 */
class Hold {
  private release?: () => void;
  private cap?: NodeJS.Timeout;
  private timer?: NodeJS.Timeout;
  private immediate?: NodeJS.Immediate;
  /** The peer was busy during this hold. */
  private waited = false;

  constructor(private readonly world: WorldNetwork) {}

  get active(): boolean {
    return this.release !== undefined;
  }

  take(): void {
    if (this.release) return;
    this.release = this.world.clock.hold();
    this.cap = setTimeout(() => this.drop(), this.world.timing.holdCapMs);
  }

  /** Hold, and let go after `ms` real ms unless re-armed. */
  releaseAfter(ms: number): void {
    this.take();
    this.clearTimer();
    // 0: one more turn of the event loop (whatever the peer already sent gets in).
    if (ms > 0) this.timer = setTimeout(() => this.settle(), ms);
    else this.immediate = setImmediate(() => this.settle());
  }

  /**
   * Let go once the peer has finished what it is doing: a collector still
   * working on the device's message (an MQTT acknowledgement on its way
   * through the broker) keeps time still, polled every real millisecond,
   * up to the cap.
   */
  private settle(): void {
    this.clearTimer();
    if (this.world.peerBusy()) {
      this.waited = true;
      this.timer = setTimeout(() => this.settle(), 1);
    } else if (this.waited) {
      // What the peer finished is written to its socket: give it time to arrive (its arrival re-arms).
      this.waited = false;
      this.timer = setTimeout(() => this.settle(), 5);
    } else this.drop();
  }

  drop(): void {
    if (this.cap) clearTimeout(this.cap);
    this.clearTimer();
    this.cap = undefined;
    const r = this.release;
    this.release = undefined;
    if (r) r();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = this.immediate = undefined;
  }
}

interface Conn {
  id: number;
  http: boolean;
  sink: NetSink;
  sock: net.Socket;
  state: 'connecting' | 'open' | 'closed';
  hold: Hold;
  /** A device write is waiting for the connection. */
  wrote: boolean;
  /** Device writes so far. */
  writes: number;
  reader?: HttpResponseReader;
  chunked: boolean;
}

/** Not closed yet (a device callback may close it mid-delivery). */
function isOpen(c: Conn): boolean {
  return c.state !== 'closed';
}

type WifiStatus = 'off' | 'connecting' | 'connected' | 'no_ap_found' | 'wrong_password' | 'connect_fail';

/**
 * One device boot's network: its sockets (real loopback TCP), its HTTP
 * exchanges and its Wi-Fi station, gated by the world's link. Virtual time
 * is held while a connect is pending, while an HTTP request waits for its
 * response, and after a raw write until the peer answered or stayed quiet.
 */
export class DeviceNetwork {
  private readonly conns = new Map<number, Conn>();
  private nextId = 1;
  private closed = false;
  private wifiSink?: WifiSink;
  private wifi: WifiStatus = 'off';
  private ssid = '';
  private password = '';
  private joinTimer = 0;
  private readonly netOwner: string;

  constructor(private readonly world: WorldNetwork, private readonly hooks: DeviceNetworkHooks) {
    this.netOwner = `${hooks.owner}:net`;
  }

  /**
   * Open a connection: `net`/`tls` sockets, `http`/`https` exchanges (then
   * `head` is the JSON of `HttpHeadOptions`). Returns a handle, or 0 when
   * the DNS does not know the host (Espruino throws "Unable to locate
   * host"). Any other failure arrives later as `error` then `close`.
   */
  open(kind: string, host: string, port: number, head: string, sink: NetSink, holder?: object): number {
    if (this.closed) return 0;
    const stats = this.world.count;
    const secure = kind === 'tls' || kind === 'https';
    const http = kind === 'http' || kind === 'https';
    if (!port) port = http ? (secure ? 443 : 80) : 0;
    if (secure) stats.tlsEmulated++;
    const up = this.world.isLinkUp() && (!this.hooks.wifi || this.wifi === 'connected');
    const local = up ? this.world.resolve(host, port) : undefined;
    if (up && local === undefined) {
      stats.unknownHostAttempts++;
      return 0;
    }
    const id = this.nextId++;
    const sock = new net.Socket();
    const c: Conn = { id, http, sink, sock, state: 'connecting', hold: new Hold(this.world), wrote: false, writes: 0, chunked: false };
    this.conns.set(id, c);
    this.world.connOpen(true);
    if (holder && this.hooks.root) this.hooks.root(`sckt${id}`, holder);
    sock.on('error', (e: NodeJS.ErrnoException) => {
      if (c.state === 'closed') return;
      if (c.state === 'connecting') stats.connectFailures++;
      this.fail(c, e.code === 'ECONNRESET' || e.code === 'EPIPE' ? ERR_RESET : e.code === 'ECONNREFUSED' ? ERR_NO_CONN : ERR_UNKNOWN);
    });
    if (local === undefined) {
      // Link or station down: no route; Espruino reports it on the next idle loop.
      stats.connectFailures++;
      this.later(() => this.fail(c, ERR_NO_CONN));
      return id;
    }
    const o = http ? JSON.parse(head) as HttpHeadOptions : undefined;
    if (o) {
      c.reader = new HttpResponseReader();
      c.chunked = isChunkedRequest(o);
    }
    c.hold.take();
    sock.setNoDelay(true);
    sock.on('connect', () => {
      if (c.state !== 'connecting') return;
      stats.connects++;
      c.state = 'open';
      if (!http) {
        this.deliver(c, 'connect', 0, 0);
        if (c.wrote) c.hold.releaseAfter(this.world.timing.quietMs);
        else c.hold.drop();
      }
    });
    sock.on('data', (buf: Buffer) => {
      if (c.state === 'closed') return;
      stats.bytesDown += buf.length;
      const s = buf.toString('latin1');
      if (!c.reader) {
        const before = c.writes;
        for (let i = 0; i < s.length && isOpen(c); i += CHUNK) this.deliver(c, 'data', s.slice(i, i + CHUNK), 0);
        // The device answered in its handler (CONNACK → SUBSCRIBE, SUBACK → PUBLISH): that
        // write's own quiet wait stands. Otherwise the peer answered: let the rest of its
        // answer in, then let time move.
        if (c.hold.active && c.writes === before) c.hold.releaseAfter(this.world.timing.settleMs);
        return;
      }
      const step = c.reader.push(s);
      if (step.head) this.deliver(c, 'response', JSON.stringify(step.head), 0);
      for (const d of step.data) for (let i = 0; i < d.length && isOpen(c); i += CHUNK) this.deliver(c, 'data', d.slice(i, i + CHUNK), 0);
      if (step.done) this.finish(c, 0);
    });
    sock.on('close', () => {
      if (c.state === 'closed') return;
      // The peer closed. An HTTP response without its head is Espruino's "no response".
      if (c.reader && !c.reader.hadHead) this.fail(c, ERR_NO_RESP);
      else this.finish(c, 0);
    });
    sock.connect({ host: '127.0.0.1', port: local });
    // Espruino writes the head at the first write/end, before the body.
    if (o) this.send(c, buildRequestHead(o, this.hooks.version));
    return id;
  }

  /** Device write (binary string). HTTP bodies are chunked when the device asked for it. */
  write(id: number, data: string): void {
    const c = this.conns.get(id);
    if (!c || c.state === 'closed' || !data.length) return;
    this.send(c, c.chunked ? `${data.length.toString(16)}\r\n${data}\r\n` : data);
    if (c.http) return;
    c.wrote = true;
    c.writes++;
    if (c.state === 'open') c.hold.releaseAfter(this.world.timing.quietMs);
  }

  /**
   * Device `end()`. A raw socket closes once its data is out (`close`
   * follows); an HTTP request is complete and the response is awaited.
   */
  end(id: number): void {
    const c = this.conns.get(id);
    if (!c || c.state === 'closed') return;
    if (c.http) {
      if (c.chunked) this.send(c, '0\r\n\r\n');
      return;
    }
    if (c.state === 'connecting' && !c.wrote) { this.later(() => this.finish(c, 0)); return; }
    c.sock.end(() => this.finish(c, 0));
  }

  /** Register the glue's Wi-Fi event sink (once per boot). */
  setWifiSink(sink: WifiSink): void {
    this.wifiSink = sink;
  }

  /**
   * `Wifi.connect`: joins `wifiJoinMs` later when the link is up; with the
   * link down it tries twice more, then emits `disconnected` and gives up.
   */
  wifiConnect(ssid: string, password: string): void {
    if (this.closed || !this.hooks.wifi) return;
    this.cancelJoin();
    this.ssid = ssid;
    this.password = password;
    if (this.wifi === 'connected') {
      // Already joined: ESP-IDF re-associates; the callback reports success.
      this.joinTimer = this.schedule(this.world.timing.wifiJoinMs, () => { this.joinTimer = 0; this.emitWifi('connect-cb', ''); });
      return;
    }
    this.wifi = 'connecting';
    let attempts = 0;
    const attempt = (): void => {
      this.joinTimer = 0;
      attempts++;
      const ap = this.world.accessPoint;
      const found = this.world.isLinkUp() && (!ap || ap.ssid === ssid);
      if (found && ap && ap.password !== password) {
        this.wifi = 'wrong_password';
        this.emitWifi('disconnected', JSON.stringify({ ssid, mac: AP_MAC, reason: '202', msg: 'auth_fail' }));
        return;
      }
      if (found) {
        this.wifi = 'connected';
        this.world.count.wifiJoins++;
        this.emitWifi('associated', JSON.stringify({ ssid, mac: AP_MAC, channel: '6' }));
        // sendWifiCompletionCB(g_jsGotIpCallback) runs before the `connected` event.
        this.emitWifi('connect-cb', '');
        this.emitWifi('connected', JSON.stringify(IP_INFO));
        return;
      }
      if (attempts < 3) { this.joinTimer = this.schedule(this.world.timing.wifiJoinMs, attempt); return; }
      this.wifi = 'no_ap_found';
      this.emitWifi('disconnected', JSON.stringify({ ssid, mac: '00:00:00:00:00:00', reason: '201', msg: 'no_ap_found' }));
    };
    this.joinTimer = this.schedule(this.world.timing.wifiJoinMs, attempt);
  }

  /** `Wifi.disconnect`: leaves the station, resets the sockets, emits `disconnected`. */
  wifiDisconnect(): void {
    if (this.closed || !this.hooks.wifi) return;
    this.cancelJoin();
    const was = this.wifi;
    this.wifi = 'off';
    this.later(() => {
      this.emitWifi('disconnect-cb', '');
      if (was === 'connected' || was === 'connecting') {
        this.emitWifi('disconnected', JSON.stringify({ ssid: this.ssid, mac: AP_MAC, reason: '8', msg: 'assoc_leave' }));
      }
    });
    if (was === 'connected') this.resetAll();
  }

  /** The station as JSON: `{ status, ssid, ip?, rssi? }` (the glue builds getStatus/getDetails/getIP). */
  wifiState(): string {
    const s: { status: string; ssid?: string; password?: string; rssi?: number; ip?: string; netmask?: string; gw?: string; mac: string } = {
      status: this.wifi, mac: DEVICE_MAC,
    };
    if (this.wifi !== 'off') { s.ssid = this.ssid; s.password = this.password; }
    if (this.wifi === 'connected') {
      s.rssi = -50 - Math.floor(this.world.noise() * 25);
      Object.assign(s, IP_INFO);
    }
    return JSON.stringify(s);
  }

  /** Open connections (for tests and leak checks). */
  get openCount(): number {
    return this.conns.size;
  }

  /** @internal The world's link changed. */
  onLink(up: boolean): void {
    if (this.closed || up) return;
    if (this.hooks.wifi && this.wifi === 'connected') {
      this.wifi = 'connect_fail';
      this.world.count.wifiDrops++;
      this.emitWifi('disconnected', JSON.stringify({ ssid: this.ssid, mac: AP_MAC, reason: '200', msg: 'beacon_timeout' }));
    }
    this.resetAll();
  }

  /** Drop everything without telling the device (power cut, stop, world close). Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.world.clock.cancelOwner(this.netOwner);
    for (const c of [...this.conns.values()]) this.drop(c);
    this.world.detach(this);
  }

  private resetAll(): void {
    for (const c of [...this.conns.values()]) {
      if (c.state === 'closed') continue;
      this.world.count.resets++;
      this.fail(c, ERR_RESET);
    }
  }

  private send(c: Conn, data: string): void {
    this.world.count.bytesUp += data.length;
    c.sock.write(Buffer.from(data, 'latin1'));
  }

  /** Close after an error: `error`, then `close` with hadError. */
  private fail(c: Conn, code: number): void {
    if (c.state === 'closed') return;
    this.drop(c);
    this.deliver(c, 'error', code, MESSAGES[code] || 'unknown error', true);
    this.deliver(c, 'close', 1, 0, true);
  }

  /** Close without an error. */
  private finish(c: Conn, hadError: number): void {
    if (c.state === 'closed') return;
    this.drop(c);
    this.deliver(c, 'close', hadError, 0, true);
  }

  private drop(c: Conn): void {
    if (c.state === 'closed') return;
    c.state = 'closed';
    c.hold.drop();
    c.sock.destroy();
    this.conns.delete(c.id);
    this.world.connOpen(false);
    if (this.hooks.root) this.hooks.root(`sckt${c.id}`, undefined);
  }

  private deliver(c: Conn, ev: string, a: string | number, b: string | number, evenIfClosed = false): void {
    if (this.closed || (c.state === 'closed' && !evenIfClosed)) return;
    this.hooks.deliver(() => c.sink(ev, a, b));
  }

  private emitWifi(ev: string, details: string): void {
    const sink = this.wifiSink;
    if (!this.closed && sink) this.hooks.deliver(() => sink(ev, details));
  }

  /** Run on virtual time at this instant, after the current device call returns. */
  private later(fn: () => void): void {
    this.schedule(0, fn);
  }

  private schedule(ms: number, fn: () => void): number {
    return this.world.clock.schedule(ms, () => { if (!this.closed) fn(); }, false, this.netOwner);
  }

  private cancelJoin(): void {
    if (this.joinTimer) this.world.clock.cancel(this.joinTimer);
    this.joinTimer = 0;
  }
}

const AP_MAC = '24:0a:c4:00:00:01';
const DEVICE_MAC = '30:ae:a4:00:00:02';
const IP_INFO = { ip: '192.168.1.23', netmask: '255.255.255.0', gw: '192.168.1.1' };
