import * as fs from 'fs';
import type { BoardDefinition } from '../../sdk/model/board';
import { VirtualClock } from '../clock';
import { SimDevice } from '../device/sim-device';
import type { PrintedLine } from '../device/sim-device';
import { FridgeModel } from '../models/fridge';
import { feedPins, traceFileOf, traceLine } from '../models/feed';
import { createRandom, seedFrom } from '../models/random';
import { PinBus } from '../pins/pin-bus';
import { FlashStorage } from '../storage';
import { createFaultHook, PowerCutPlan, spreadCuts } from './power-cuts';
import { EgressRecord, parseEgress } from './egress';
import type { RealmMeasurement } from '../memory';
import type { Policy } from '../../sdk/model/index';
import { createOutbox } from '../../sdk/uplink/index';
import { createFlashStore } from '../storage/file-store';
import { accountDeliveries, startUplinkWorld, storedAsEgress } from './uplink-world';
import type { CollectorStats, DeliveryAccount, NetworkPlan, UplinkWorld, WorldNetworkStats } from './uplink-world';

export interface SimulationOptions {
  /** The compiled bundle, exactly as flashed. */
  bundle: string;
  /** Its file name, for stack traces. @default 'bundle.js' */
  bundleName?: string;
  board: BoardDefinition;
  /** Simulated days to run (fractions allowed). */
  days: number;
  /** Seed for the appliance model. @default 1 */
  seed?: number | string;
  /** Directory holding this device's flash image; starts fresh when absent or empty. */
  stateDir?: string;
  /** World start, ms since the epoch. @default 2026-01-05T00:00:00Z */
  startMs?: number;
  powerCuts?: PowerCutPlan;
  /** Virtual time between a power cut and the next boot, ms. @default 3000 */
  rebootDelayMs?: number;
  /** Probability that an ADC read is garbage (a rail value from a loose sensor). @default 0 */
  glitchRate?: number;
  /** Files written to Storage before the first boot (config, a custom sensor trace). */
  files?: { [name: string]: string };
  /** Length of the trace written for trace-fed boards, hours. @default 24 */
  traceHours?: number;
  /**
   * Commands typed at the device console at given times (ms after the start),
   * e.g. `hb.grant("utility","energy")`. A command due while the device is
   * rebooting runs as soon as it is up.
   */
  console?: { atMs: number; command: string }[];
  /**
   * The device clock at boot: `'unset'` starts near 1970 as an ESP32 does after
   * power-on until SNTP sets it `sntpAfterMs` later; `'synced'` starts right.
   * @default 'unset' with SNTP after 15 s on boards with Wi-Fi; 'synced' otherwise
   */
  clockAtBoot?: 'unset' | 'synced';
  /** Delay from boot to the SNTP sync, ms. @default 15000 */
  sntpAfterMs?: number;
  /** Called for every printed line as it happens. */
  onPrint?: (line: PrintedLine) => void;
  /** Measure the firmware's JsVars at the end of the run (`result.jsVars`). @default false */
  measureMemory?: boolean;
  /**
   * The firmware's policy. With it, and a board with a network stack, the
   * world gets a network: the collector (a real HTTP server and an embedded
   * aedes MQTT broker on loopback) serves every endpoint of the policy, and
   * uploads are what the collector stored.
   */
  policy?: Policy;
  /** Outages, flapping, a hostile server, broker restarts. */
  network?: NetworkPlan;
  /** Fill Storage before the first boot so that only about this many bytes stay free (a full Storage). */
  storageFreeBytes?: number;
}

export interface SimulationResult {
  printed: PrintedLine[];
  /** Reports that left the device (the console transport's egress). */
  uploads: EgressRecord[];
  /** Reports the egress gate refused. */
  blocked: EgressRecord[];
  counters: { [name: string]: number };
  simSeconds: number;
  wallMs: number;
  /** The firmware's JsVars at the end of the run, when `measureMemory` was set. */
  jsVars?: RealmMeasurement;
  /** The flash image at the end, for raw scans. */
  storage: FlashStorage;
  /** The collector's counters (duplicatesDropped, rejected, hostileReplies…), when the world had a network. */
  collector?: CollectorStats;
  /** The world network's counters (connects, resets, unknown hosts…). */
  network?: WorldNetworkStats;
  /** Where every committed report ended up (lost MUST be 0). */
  delivery?: DeliveryAccount;
}

const MODEL_STEP_MS = 5000;
const TRACE_STEP_S = 15;

/** Run a bundle on a simulated appliance for `days` of virtual time. */
export async function simulate(o: SimulationOptions): Promise<SimulationResult> {
  if (o.powerCuts && o.powerCuts.count && !o.powerCuts.atStorageOps) {
    // Random Storage boundaries: count the run's Storage calls with a dry run, then pick among them.
    const dry = await simulate({ ...o, powerCuts: undefined, stateDir: undefined, onPrint: undefined, measureMemory: false });
    const seed = o.powerCuts.seed ?? seedFrom(o.seed ?? 1);
    o = { ...o, powerCuts: { ...o.powerCuts, atStorageOps: spreadCuts(o.powerCuts.count, dry.counters.storageOps, seed) } };
  }
  const wall = Date.now();
  const clock = new VirtualClock({ startMs: o.startMs });
  const start = clock.now();
  const seed = seedFrom(o.seed ?? 1);
  const board = o.board;
  const counters: { [k: string]: number } = { boots: 0, powerCuts: 0, tornWrites: 0, storageOps: 0, uncaught: 0, storageNameTruncations: 0 };
  const cutStats = { storageOps: 0, cuts: 0, torn: 0 };
  const planned = createFaultHook(o.powerCuts, cutStats, () => clock.now());
  // Setup writes (the sensor trace) are the world's, not the device's: no cuts there.
  let faultsOn = false;
  const faultHook = (op: Parameters<typeof planned>[0]) => (faultsOn ? planned(op) : 'continue' as const);
  const flashOpts = {
    bytes: board.storage.bytes,
    pageBytes: board.storage.pageBytes,
    faultHook,
    onWarning: () => { counters.storageNameTruncations++; },
    // Espruino prints "Compacting..." on the console while it compacts.
    onConsole: (text: string) => { consoleText += text; },
  };
  let consoleText = '';
  let flash = o.stateDir && fs.existsSync(o.stateDir) && fs.readdirSync(o.stateDir).length > 0
    ? FlashStorage.loadFrom(o.stateDir, flashOpts)
    : new FlashStorage(flashOpts);
  const pins = new PinBus(board.pins.digital, board.pins.analog, {
    now: () => clock.now(),
    after: (ms, cb) => clock.schedule(ms, cb, false, 'pins'),
    cancel: (id) => { clock.cancel(id); },
  });
  const model = new FridgeModel({ seed, startMs: start });
  const glitchRnd = createRandom(seed ^ 0x5bd1e995);
  const glitch = o.glitchRate ? () => glitchRnd() < (o.glitchRate as number) : undefined;
  const feed = (): void => feedPins(pins, board.wiring, model.advance(clock.now()), glitch);
  feed();
  clock.schedule(MODEL_STEP_MS, feed, true, 'world');
  const networked = !!o.policy && board.modules.builtin.includes('net') && board.modules.builtin.includes('http');
  let world: UplinkWorld | undefined;
  if (networked) {
    world = await startUplinkWorld(o.policy as Policy, clock, start, o.network || {}, seed);
    for (const name of Object.keys(world.files)) if (flash.read(name) === undefined) flash.write(name, world.files[name]);
  }
  for (const name of Object.keys(o.files || {})) flash.write(name, (o.files as { [n: string]: string })[name]);
  if (o.storageFreeBytes !== undefined) fillStorage(flash, o.storageFreeBytes);
  writeTraceIfNeeded(flash, board, o.traceHours ?? 24, seed, start);
  faultsOn = true;

  const printed: PrintedLine[] = [];
  const uploads: EgressRecord[] = [];
  const blocked: EgressRecord[] = [];
  const emit = (line: PrintedLine): void => {
    printed.push(line);
    const e = parseEgress(line);
    if (e) (e.kind === 'upload' ? uploads : blocked).push(e.record);
    if (o.onPrint) o.onPrint(line);
  };
  const unsetAtBoot = (o.clockAtBoot || (board.modules.wifi ? 'unset' : 'synced')) === 'unset';
  let device: SimDevice | undefined;
  let clockOffsetMs = 0;
  const pageCounters = { pageErases: 0, bytesProgrammed: 0, compactions: 0 };
  const boot = (): void => {
    counters.boots++;
    device = new SimDevice({
      bundle: o.bundle,
      bundleName: o.bundleName || 'bundle.js',
      board,
      clock,
      pins,
      storage: flash,
      counters,
      boot: counters.boots,
      clockOffsetMs: unsetAtBoot ? -clock.now() : clockOffsetMs,
      network: world ? world.network : undefined,
      onPrint: (line) => {
        if (consoleText) { emit({ ...line, text: consoleText.replace(/\n$/, '') }); consoleText = ''; }
        emit(line);
      },
      onPowerCut: () => {
        counters.powerCuts++;
        clockOffsetMs = device ? device.clockOffsetMs : 0;
        // The flash keeps what was programmed; a new FlashStorage boots on that image.
        addCounters(pageCounters, flash.counters);
        flash = new FlashStorage({ ...flashOpts, image: flash.image.slice() });
        clock.schedule(o.rebootDelayMs ?? 3000, boot, false, 'world');
      },
      onLoad: () => { clock.schedule(0, boot, false, 'world'); },
    });
    if (unsetAtBoot) {
      // Power-on: the RTC started near 1970 (offset above) until SNTP answers.
      const booted = device;
      clock.schedule(o.sntpAfterMs ?? 15000, () => { if (device === booted && !booted.isDead) booted.setClock(clock.now()); }, false, 'world');
    }
    device.start();
  };
  boot();
  for (const c of o.console || []) {
    const runIt = (): void => {
      if (device && !device.isDead) device.console(c.command);
      else clock.schedule(1000, runIt, false, 'world');
    };
    clock.schedule(Math.max(0, c.atMs), runIt, false, 'world');
  }
  const end = start + Math.round(o.days * 86400000);
  for (let t = start; t < end;) {
    t = Math.min(end, t + 3600000);
    await clock.runUntil(t);
  }
  const jsVars = o.measureMemory && device && !device.isDead ? device.measure() : undefined;
  if (device) device.stop();
  let collector: CollectorStats | undefined;
  let networkStats: WorldNetworkStats | undefined;
  let delivery: DeliveryAccount | undefined;
  if (world) {
    const stored = world.collector.stored();
    uploads.push(...storedAsEgress(stored, o.policy as Policy));
    collector = world.collector.stats();
    networkStats = world.network.stats();
    delivery = accountDeliveries(printed, stored, pendingOutboxIds(flash, o.policy as Policy, board.storage.pageBytes));
    await world.close();
  }
  addCounters(pageCounters, flash.counters);
  if (o.stateDir) {
    fs.mkdirSync(o.stateDir, { recursive: true });
    flash.saveTo(o.stateDir);
  }
  Object.assign(counters, pageCounters, {
    storageOps: cutStats.storageOps,
    tornWrites: cutStats.torn,
    timersFired: clock.fired,
    undrivenPinReads: pins.undrivenReads,
    modelDoorOpens: model.opens,
    printedLines: printed.length,
  });
  if (delivery) Object.assign(counters, { delivered: delivery.delivered, lost: delivery.lost, coarsened: delivery.coarsened, dropped: delivery.dropped, pendingAtEnd: delivery.pending });
  if (collector) counters.duplicatesDropped = collector.duplicatesDropped;
  return { printed, uploads, blocked, jsVars, counters, simSeconds: (end - start) / 1000, wallMs: Date.now() - wall, storage: flash, collector, network: networkStats, delivery };
}

/** Ids still live in the device's outbox, read from a copy of the flash image with the SDK's own outbox code. */
function pendingOutboxIds(flash: FlashStorage, policy: Policy, pageBytes: number): Set<string> {
  const copy = new FlashStorage({ bytes: flash.image.length, pageBytes, image: flash.image.slice() });
  const ids = new Set<string>();
  try {
    const ob = createOutbox({ store: createFlashStore(copy), newId: () => '0'.repeat(32) });
    for (const r of Object.keys(policy.recipients)) {
      for (let e = ob.next(r, Infinity); e && ids.size < 100000; e = ob.next(r, Infinity)) {
        ids.add(e.report.id);
        ob.remove(e.report.id);
      }
    }
  } catch {
    // No outbox: nothing pending.
  }
  return ids;
}

/** Write filler files until about `freeBytes` stay free (a full Storage, issue 4 §7). */
function fillStorage(flash: FlashStorage, freeBytes: number): void {
  const chunk = 'f'.repeat(4000);
  for (let i = 0; flash.getFree() > freeBytes + 4100 && i < 10000; i++) flash.write(`fill.${i}`, chunk);
  const rest = flash.getFree() - freeBytes - 64;
  if (rest > 0) flash.write('fill.last', 'f'.repeat(rest));
}

function addCounters(into: { [k: string]: number }, from: object): void {
  for (const k of Object.keys(into)) into[k] += (from as { [k: string]: number })[k] || 0;
}

/** Boards that read sensors from a trace get the same readings the model feeds to pins elsewhere. */
function writeTraceIfNeeded(flash: FlashStorage, board: BoardDefinition, hours: number, seed: number, start: number): void {
  const file = traceFileOf(board.wiring);
  if (!file || flash.read(file) !== undefined) return;
  const model = new FridgeModel({ seed, startMs: start });
  const lines: string[] = [];
  for (let s = 0; s <= hours * 3600; s += TRACE_STEP_S) lines.push(traceLine(s, board.wiring, model.advance(start + s * 1000)));
  flash.write(file, lines.join('\n') + '\n');
}
