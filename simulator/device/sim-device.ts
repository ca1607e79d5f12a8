import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';
import type { BoardDefinition } from '../../sdk/model/board';
import type { VirtualClock } from '../clock';
import type { PinBus } from '../pins/pin-bus';
import { stripScript } from '../realm/strip';
import { FlashStorage, PowerCutSignal } from '../storage';
import { bootRandom, crc32, digestBinary, HostBridge, pbkdf2Binary } from './host-bridge';
import { createStorageAdapter } from './storage-adapter';
import { measureRealm, snapshotSystemObjects } from '../memory';
import { WorldNetwork } from '../network';
import type { DeviceNetwork } from '../network';
import type { MemoryRoot, RealmMeasurement } from '../memory';

const GLUE = fs.readFileSync(path.join(__dirname, '..', 'realm', 'espruino-glue.js'), 'utf8');

/** One line the device printed, with the virtual time it was printed at. */
export interface PrintedLine {
  /** Virtual world time, ms since the epoch. */
  t: number;
  /** Boot number (1 for the first boot). */
  boot: number;
  text: string;
}

export interface SimDeviceOptions {
  bundle: string;
  /** File name used in stack traces. */
  bundleName: string;
  board: BoardDefinition;
  clock: VirtualClock;
  pins: PinBus;
  storage: FlashStorage;
  /** Called for each printed line. */
  onPrint: (line: PrintedLine) => void;
  /** Called when the device dies (power cut) so the world can reboot it. */
  onPowerCut: () => void;
  /** `load()` was called: reboot on the same image. */
  onLoad: () => void;
  counters: { [k: string]: number };
  boot: number;
  /** Device clock offset from world time in ms (what `setTime` changed), carried across boots. */
  clockOffsetMs: number;
  /**
   * The world's network (DNS, link, loopback sockets). Without one the
   * device gets a network of its own that knows no host: every connection
   * fails as an unknown host.
   */
  network?: WorldNetwork;
}

/**
 * One boot of a simulated device: a fresh realm with Espruino's API running
 * the bundle on the shared flash image. After a power cut every device call
 * is inert, its timers and watches are gone and its context is dropped.
 */
export class SimDevice {
  private context: vm.Context;
  private dead = false;
  private readonly owner: string;
  private readonly rnd = bootRandom();
  /** Realm callbacks the simulator holds for the device: Espruino counts them as the device's. */
  private readonly roots = new Map<string, MemoryRoot>();
  /** Espruino's own API objects in the realm: not the firmware's memory. */
  private system = new Set<object>();
  private lastMeasure?: { at: number; m: RealmMeasurement };
  /** This boot's sockets and Wi-Fi station; dropped with the device. */
  private net?: DeviceNetwork;
  /** The network made for this device when the world gave none. */
  private ownNetwork?: WorldNetwork;
  clockOffsetMs: number;

  constructor(private readonly o: SimDeviceOptions) {
    this.owner = `device#${o.boot}`;
    this.clockOffsetMs = o.clockOffsetMs;
    this.context = vm.createContext({}, { name: this.owner, codeGeneration: { strings: false, wasm: false } });
  }

  /** Boot: build the realm, then run the bundle as Espruino runs `.bootcde`. */
  start(): void {
    const world = this.o.network || (this.ownNetwork = new WorldNetwork({ clock: this.o.clock }));
    this.net = world.attach({
      owner: this.owner,
      wifi: !!this.o.board.modules.wifi,
      version: this.o.board.espruino,
      deliver: (fn) => { if (!this.dead) this.guard(fn); },
      root: (name, value) => {
        if (value === undefined) this.roots.delete(name);
        else this.roots.set(name, { name, value, kind: 'global' });
      },
    });
    vm.runInContext(stripScript(), this.context);
    const glue = vm.runInContext(GLUE, this.context, { filename: '<espruino-glue>' });
    const config = { pins: this.o.board.pins.digital, modules: this.o.board.modules.builtin };
    glue.call(this.context, this.bridge(), JSON.stringify(config));
    this.system = snapshotSystemObjects(this.context) as Set<object>;
    // Built-in modules are Espruino's, not the firmware's.
    const mods = vm.runInContext(`${JSON.stringify(config.modules)}.map(function (m) { try { return require(m); } catch (e) { return null; } })`, this.context) as unknown[];
    for (const m of mods) if (m && typeof m === 'object') this.system.add(m as object);
    this.guard(() => vm.runInContext(this.o.bundle, this.context, { filename: this.o.bundleName }));
  }

  /** The realm's global object (for memory measurement and tests). */
  get realm(): vm.Context {
    return this.context;
  }

  get isDead(): boolean {
    return this.dead;
  }

  /** Cut the power now: inert from here on, timers and watches dropped. */
  cut(): void {
    if (this.dead) return;
    this.dead = true;
    this.o.storage.freeze();
    this.o.clock.cancelOwner(this.owner);
    this.o.pins.resetDevice();
    this.dropNetwork();
    this.context = vm.createContext({});
    this.o.onPowerCut();
  }

  /**
   * Type a command at the device's console (the owner's REPL). Output goes
   * to the printed lines like everything else; an exception prints as
   * Espruino prints it.
   */
  console(command: string): void {
    if (this.dead) return;
    this.guard(() => {
      const result = vm.runInContext(command, this.context, { filename: '<console>' });
      if (result !== undefined && typeof result !== 'function') this.print(`=${typeof result === 'string' ? JSON.stringify(result) : String(result)}`);
    });
  }

  /** Set the device clock, as SNTP or a collector's time would (ms since the epoch). */
  setClock(ms: number): void {
    if (!this.dead) this.clockOffsetMs = ms - this.o.clock.now();
  }

  /**
   * The firmware's JsVars as Espruino would count them on this board, code
   * run from Storage: everything reachable from the realm's globals, the
   * closures of the bundle and the callbacks of its timers and watches.
   * Cached for a virtual minute (a walk costs tens of ms).
   */
  measure(): RealmMeasurement {
    const now = this.o.clock.now();
    if (this.lastMeasure && now - this.lastMeasure.at < 60000) return this.lastMeasure.m;
    const m = measureRealm(this.context, {
      layout: { bytesPerVar: this.o.board.jsvars.bytesPerVar },
      exclude: this.system,
      roots: [...this.roots.values()],
      source: this.o.bundle,
    });
    this.lastMeasure = { at: now, m };
    return m;
  }

  /** Stop without a power cut (end of the run); idempotent. */
  stop(): void {
    if (this.dead) return;
    this.dead = true;
    this.o.clock.cancelOwner(this.owner);
    this.o.pins.resetDevice();
    this.dropNetwork();
  }

  /** The device's sockets and Wi-Fi die with it: no handle outlives a boot. */
  private dropNetwork(): void {
    if (this.net) this.net.close();
    if (this.ownNetwork) this.ownNetwork.close();
    this.net = this.ownNetwork = undefined;
  }

  /** Run device code; an uncaught exception prints as Espruino does, a power cut kills the device. */
  private guard(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      if (e instanceof PowerCutSignal || this.dead) { this.cut(); return; }
      this.o.counters.uncaught = (this.o.counters.uncaught || 0) + 1;
      const err = e as { name?: string; message?: string };
      this.print(`Uncaught ${err && err.message !== undefined ? `${err.name || 'Error'}: ${err.message}` : String(e)}`);
    }
  }

  private print(text: string): void {
    if (this.dead) return;
    this.o.onPrint({ t: this.o.clock.now(), boot: this.o.boot, text });
  }

  private bridge(): HostBridge {
    const o = this.o;
    const clock = o.clock;
    const alive = (): boolean => !this.dead;
    const storage = createStorageAdapter(o.storage, () => this.cut());
    return {
      print: (text) => this.print(text),
      now: () => clock.now() + this.clockOffsetMs,
      subMs: () => 0.25,
      setTime: (sec) => { if (alive()) this.clockOffsetMs = Math.round(sec * 1000) - clock.now(); },
      schedule: (cb, ms, repeat) => {
        if (!alive()) return 0;
        const key = (id: number): string => `t${id}`;
        const id: number = clock.schedule(ms, () => { if (!repeat) this.roots.delete(key(id)); this.guard(cb); }, repeat, this.owner);
        this.roots.set(key(id), { name: key(id), value: cb, kind: repeat ? 'interval' : 'timeout', intervalMs: ms });
        return id;
      },
      cancel: (id) => { if (alive()) { clock.cancel(id); this.roots.delete(`t${id}`); } },
      change: (id, ms) => { if (alive()) clock.change(id, ms); },
      random: () => this.rnd.random(),
      hwRand: () => this.rnd.hwRand(),
      analogRead: (pin) => alive() ? o.pins.readAnalog(pin) : 0,
      digitalRead: (pin) => alive() ? o.pins.readDigital(pin) : 0,
      digitalWrite: (pin, v) => { if (alive()) o.pins.setDigital(pin, !!v); },
      pinMode: (pin, mode) => { if (alive()) o.pins.setMode(pin, mode); },
      setWatch: (cb, pin, repeat, edge, debounce) => {
        if (!alive()) return 0;
        const id = o.pins.watch(pin, (s, t, l) => this.guard(() => cb(s, t + this.clockOffsetMs / 1000, l + this.clockOffsetMs / 1000)), !!repeat, edge, debounce);
        this.roots.set(`w${id}`, { name: `w${id}`, value: cb, kind: 'watch' });
        return id;
      },
      clearWatch: (id) => {
        if (!alive()) return;
        o.pins.clearWatch(id);
        if (id) this.roots.delete(`w${id}`);
        else for (const k of [...this.roots.keys()]) if (k.startsWith('w')) this.roots.delete(k);
      },
      crc32: (data) => crc32(data),
      digest: (alg, data) => digestBinary(alg, data),
      pbkdf2: (p, s, k, i, h) => pbkdf2Binary(p, s, k, i, h),
      errorFlags: () => '[]',
      sizeOf: () => 1,
      version: () => o.board.espruino,
      env: () => JSON.stringify({ VERSION: o.board.espruino, BOARD: o.board.id.toUpperCase(), MODULES: o.board.modules.builtin.join(',') }),
      memory: () => {
        const total = o.board.jsvars.atBoot;
        const usage = alive() ? this.measure().total : 0;
        return JSON.stringify({ free: total - usage, usage, total, history: 0, gc: 0, gctime: 0, blocksize: o.board.jsvars.bytesPerVar });
      },
      load: () => { if (alive()) { this.stop(); o.onLoad(); } },
      storage: (op, ...args) => alive() ? storage.call(op, args) : undefined,
      storageFile: (h, op, arg) => alive() ? storage.file(h, op, arg) : undefined,
      netOpen: (kind, host, port, head, sink, holder) => alive() && this.net ? this.net.open(kind, host, port, head, sink, holder) : 0,
      netWrite: (h, data) => { if (alive() && this.net) this.net.write(h, data); },
      netEnd: (h) => { if (alive() && this.net) this.net.end(h); },
      wifiSink: (sink) => { if (this.net) this.net.setWifiSink(sink); },
      wifiConnect: (ssid, password) => { if (alive() && this.net) this.net.wifiConnect(ssid, password); },
      wifiDisconnect: () => { if (alive() && this.net) this.net.wifiDisconnect(); },
      wifiState: () => this.net ? this.net.wifiState() : JSON.stringify({ status: 'off', mac: '' }),
    };
  }
}
