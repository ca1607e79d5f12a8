import * as net from 'net';
import * as http from 'http';
import type { AddressInfo } from 'net';
import { loadBoard } from '../../../../toolchain/boards';
import { VirtualClock } from '../../../../simulator/clock';
import { SimDevice } from '../../../../simulator/device/sim-device';
import type { PrintedLine } from '../../../../simulator/device/sim-device';
import { PinBus } from '../../../../simulator/pins/pin-bus';
import { FlashStorage } from '../../../../simulator/storage';
import { WorldNetwork } from '../../../../simulator/network';
import type { WorldNetworkOptions } from '../../../../simulator/network';

/** One device booted on a world network, recording what it prints. */
export class TestWorld {
  readonly clock = new VirtualClock();
  readonly start = this.clock.now();
  readonly network: WorldNetwork;
  readonly printed: PrintedLine[] = [];
  device?: SimDevice;

  constructor(options: Partial<WorldNetworkOptions> = {}) {
    this.network = new WorldNetwork({ clock: this.clock, ...options });
  }

  /** Boot `bundle` (plain ES5) on `board`. */
  boot(bundle: string, board = 'esp32'): SimDevice {
    const b = loadBoard(board);
    const pins = new PinBus(b.pins.digital, b.pins.analog, {
      now: () => this.clock.now(),
      after: (ms, cb) => this.clock.schedule(ms, cb, false, 'pins'),
      cancel: (id) => { this.clock.cancel(id); },
    });
    const storage = new FlashStorage({ bytes: b.storage.bytes, pageBytes: b.storage.pageBytes });
    this.device = new SimDevice({
      bundle, bundleName: 'test.js', board: b, clock: this.clock, pins, storage, network: this.network,
      onPrint: (l) => this.printed.push(l), onPowerCut: () => {}, onLoad: () => {}, counters: {}, boot: 1, clockOffsetMs: 0,
    });
    this.device.start();
    return this.device;
  }

  /** Run virtual time for `seconds` from the world's start (absolute, not relative). */
  runTo(seconds: number): Promise<void> {
    return this.clock.runUntil(this.start + seconds * 1000);
  }

  texts(): string[] {
    return this.printed.map((l) => l.text);
  }

  /** Printed lines with their virtual second since the start: "12.5 text". */
  timed(): string[] {
    return this.printed.map((l) => `${(l.t - this.start) / 1000} ${l.text}`);
  }

  close(): void {
    if (this.device) this.device.stop();
    this.network.close();
  }
}

/** A loopback TCP server; `sockets` are the accepted ones, `connections` counts them. */
export async function tcpServer(onSocket: (s: net.Socket) => void): Promise<{ port: number; connections: () => number; sockets: net.Socket[]; close: () => Promise<void> }> {
  const sockets: net.Socket[] = [];
  const server = net.createServer((s) => { sockets.push(s); onSocket(s); });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => sockets.length,
    sockets,
    close: () => { for (const s of sockets) s.destroy(); return new Promise<void>((r) => server.close(() => r())); },
  };
}

/** An echo server. */
export const echoServer = (): ReturnType<typeof tcpServer> => tcpServer((s) => s.pipe(s));

/** A loopback HTTP server. */
export async function httpServer(handler: http.RequestListener): Promise<{ port: number; close: () => Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => { server.closeAllConnections(); return new Promise<void>((r) => server.close(() => r())); },
  };
}

/** A device prelude that joins Wi-Fi, then runs `body` (a function body) once connected. */
export function onWifi(body: string): string {
  return `var wifi = require("Wifi");
wifi.connect("home", { password: "pw" }, function (err) { print("cb " + err); });
wifi.on("connected", function () { ${body} });
`;
}
