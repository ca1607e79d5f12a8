import type { VirtualClock } from '../clock';
import { createRandom } from '../models/random';
import { DeviceNetwork } from './socket-bridge';
import type { DeviceNetworkHooks } from './socket-bridge';

/**
 * The world's DNS: a host name maps to a loopback port, either one port for
 * every port the device asks for, or a port per device port
 * (`{ 'collector.example': { 443: 41001, 8883: 41002 } }`).
 */
export interface HostMap {
  [host: string]: number | { [devicePort: string]: number };
}

export interface WorldNetworkOptions {
  clock: VirtualClock;
  /** DNS: host → 127.0.0.1:port. A host not listed cannot be reached (PRIVACY.md req 15). @default {} */
  hosts?: HostMap;
  /** Seed for the radio's noise (RSSI). @default 1 */
  seed?: number;
  /** Real ms of silence after a device write on a raw socket before virtual time may move on. @default 30 */
  quietMs?: number;
  /**
   * Real ms to wait for the rest of a peer's answer once its first bytes
   * arrived; 0 waits one more turn of the event loop (what the peer already
   * sent gets in). Raise it for a server that answers across several ticks.
   * @default 0
   */
  settleMs?: number;
  /** Real-time cap of any hold on virtual time, ms: a silent server cannot freeze the world. @default 3000 */
  holdCapMs?: number;
  /**
   * Virtual ms between looks at the real event loop while a device has a
   * socket open, so data a server pushes unasked arrives within a poll or
   * two of virtual time (a loopback hop takes a turn or two). @default 1000
   */
  pollMs?: number;
  /** Virtual ms one Wi-Fi join attempt takes. @default 2000 */
  wifiJoinMs?: number;
  /**
   * True while a server is still working on something a device sent (the
   * collector between receiving a report and publishing its
   * acknowledgement): holds on virtual time wait for it. @default never busy
   */
  busy?: () => boolean;
  /** The access point; when absent any SSID and password join. */
  accessPoint?: { ssid: string; password: string };
}

/** Counters of one world network (since construction). */
export interface WorldNetworkStats {
  /** TCP connections established. */
  connects: number;
  /** Connections that failed: link or Wi-Fi down, refused, reset while connecting. */
  connectFailures: number;
  /** Connections to a host not in the DNS (refused before any packet). */
  unknownHostAttempts: number;
  /** Bytes devices sent (HTTP heads included). */
  bytesUp: number;
  /** Bytes devices received. */
  bytesDown: number;
  /** Open sockets reset because the link or the Wi-Fi went down. */
  resets: number;
  /** Successful Wi-Fi joins. */
  wifiJoins: number;
  /** Wi-Fi stations dropped by the link going down. */
  wifiDrops: number;
  /** TLS connections (`tls.connect`, `https:`) run as plain TCP. */
  tlsEmulated: number;
}

/** Resolved options, shared with the device side. */
export interface NetworkTiming {
  quietMs: number;
  settleMs: number;
  holdCapMs: number;
  wifiJoinMs: number;
}

let worlds = 0;

/**
 * One simulated world's network: the DNS, the link (up, down, scheduled
 * outages and flapping, on virtual time) and the counters. Each device boot
 * attaches a `DeviceNetwork` that bridges its Espruino `net`/`http`/`Wifi`
 * calls to real loopback sockets. `close()` drops every socket and timer.
 */
export class WorldNetwork {
  readonly clock: VirtualClock;
  readonly timing: NetworkTiming;
  readonly accessPoint?: { ssid: string; password: string };
  private hosts: HostMap;
  private manualUp = true;
  private outages: { from: number; to: number }[] = [];
  private flaps: { from: number; to: number; period: number }[] = [];
  private lastUp = true;
  private linkTimer = 0;
  private pollTimer = 0;
  private readonly busy?: () => boolean;
  private openConns = 0;
  private readonly pollMs: number;
  private readonly devices = new Set<DeviceNetwork>();
  private readonly counters: WorldNetworkStats = {
    connects: 0, connectFailures: 0, unknownHostAttempts: 0, bytesUp: 0, bytesDown: 0, resets: 0, wifiJoins: 0, wifiDrops: 0, tlsEmulated: 0,
  };
  private closed = false;
  /** Clock owner tag of this world's timers (link changes, polls). */
  private readonly owner = `network#${++worlds}`;
  /** Noise for the radio (RSSI), reproducible from the seed. */
  readonly noise: () => number;

  constructor(o: WorldNetworkOptions) {
    this.clock = o.clock;
    this.hosts = { ...(o.hosts || {}) };
    this.noise = createRandom(o.seed ?? 1);
    this.pollMs = Math.max(1, o.pollMs ?? 1000);
    this.accessPoint = o.accessPoint;
    this.busy = o.busy;
    this.timing = {
      quietMs: o.quietMs ?? 30,
      settleMs: o.settleMs ?? 0,
      holdCapMs: o.holdCapMs ?? 3000,
      wifiJoinMs: o.wifiJoinMs ?? 2000,
    };
  }

  /** True while a server is still working on a device's message (see `WorldNetworkOptions.busy`). */
  peerBusy(): boolean {
    return this.busy ? this.busy() : false;
  }

  /** Replace the DNS. */
  setHosts(hosts: HostMap): void {
    this.hosts = { ...hosts };
  }

  /** The loopback port for `host:port`, or undefined when the DNS does not know it. */
  resolve(host: string, port: number): number | undefined {
    if (!Object.prototype.hasOwnProperty.call(this.hosts, host)) return undefined;
    const m = this.hosts[host];
    if (typeof m === 'number') return m;
    return Object.prototype.hasOwnProperty.call(m, String(port)) ? m[String(port)] : undefined;
  }

  /** Force the link up or down from now on (scheduled outages still apply while up). */
  setLinkUp(up: boolean): void {
    this.manualUp = up;
    this.update();
  }

  /** Link down from `fromMs` to `toMs` (virtual ms since the epoch). */
  scheduleOutage(fromMs: number, toMs: number): void {
    if (toMs > fromMs) this.outages.push({ from: fromMs, to: toMs });
    this.update();
  }

  /**
   * Link flapping from `fromMs` to `toMs`: down for the first half of every
   * `periodMs`, up for the second half.
   */
  scheduleFlapping(fromMs: number, toMs: number, periodMs: number): void {
    if (toMs > fromMs && periodMs >= 2) this.flaps.push({ from: fromMs, to: toMs, period: periodMs });
    this.update();
  }

  /** Whether the link is up at virtual time `t` (default now). */
  isLinkUp(t = this.clock.now()): boolean {
    if (!this.manualUp || this.closed) return false;
    for (const o of this.outages) if (t >= o.from && t < o.to) return false;
    for (const f of this.flaps) {
      if (t >= f.from && t < f.to && Math.floor((t - f.from) / (f.period / 2)) % 2 === 0) return false;
    }
    return true;
  }

  /** A copy of the counters. */
  stats(): WorldNetworkStats {
    return { ...this.counters };
  }

  /** Counters the device side updates. */
  get count(): WorldNetworkStats {
    return this.counters;
  }

  /** Attach one device boot; its network is dropped with `DeviceNetwork.close()`. */
  attach(hooks: DeviceNetworkHooks): DeviceNetwork {
    const d = new DeviceNetwork(this, hooks);
    if (this.closed) d.close();
    else this.devices.add(d);
    return d;
  }

  /** Close the world: every device's sockets, holds and timers. Idempotent. */
  close(): void {
    if (this.closed) return;
    for (const d of [...this.devices]) d.close();
    this.closed = true;
    this.clock.cancelOwner(this.owner);
    this.linkTimer = this.pollTimer = 0;
  }

  /** @internal A device network closed. */
  detach(d: DeviceNetwork): void {
    this.devices.delete(d);
  }

  /** @internal A device socket opened (true) or closed (false): polls the event loop while any is open. */
  connOpen(open: boolean): void {
    this.openConns += open ? 1 : -1;
    if (this.openConns > 0 && !this.pollTimer && !this.closed) {
      this.pollTimer = this.clock.schedule(this.pollMs, () => {
        // One turn of the real event loop: data a server pushed unasked gets in now.
        const release = this.clock.hold();
        setImmediate(release);
      }, true, this.owner);
    } else if (this.openConns <= 0 && this.pollTimer) {
      this.clock.cancel(this.pollTimer);
      this.pollTimer = 0;
    }
  }

  private update(): void {
    if (this.closed) return;
    const up = this.isLinkUp();
    if (up !== this.lastUp) {
      this.lastUp = up;
      for (const d of [...this.devices]) d.onLink(up);
    }
    this.reschedule();
  }

  private reschedule(): void {
    if (this.linkTimer) this.clock.cancel(this.linkTimer);
    this.linkTimer = 0;
    const now = this.clock.now();
    const next = this.nextBoundary(now);
    if (next !== undefined) {
      this.linkTimer = this.clock.schedule(next - now, () => { this.linkTimer = 0; this.update(); }, false, this.owner);
    }
  }

  /** The next virtual time after `t` at which the link may change. */
  private nextBoundary(t: number): number | undefined {
    let best: number | undefined;
    // Whole ms only: a fractional boundary would re-arm a zero-delay timer forever.
    const consider = (x: number): void => { const b = Math.ceil(x); if (b > t && (best === undefined || b < best)) best = b; };
    for (const o of this.outages) { consider(o.from); consider(o.to); }
    for (const f of this.flaps) {
      if (t < f.from) { consider(f.from); continue; }
      if (t >= f.to) continue;
      const half = f.period / 2;
      consider(Math.min(f.to, f.from + (Math.floor((t - f.from) / half) + 1) * half));
    }
    return best;
  }
}
