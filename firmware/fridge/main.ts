/**
 * Fridge firmware: samples cabinet and freezer temperature, the door's reed
 * switch and compressor power through HAL drivers wired by the board
 * definition, and prints an hourly status line.
 */
import { Err } from '../../sdk/model/index';
import { createEspruinoPlatform } from '../../sdk/platform/espruino/index';
import { createSampler } from '../../sdk/sense/index';
import type { EdgeSensor, NumericSensor, SamplerChannel } from '../../sdk/sense/index';
import type { Platform } from '../../sdk/platform/index';
import { createWiring, deviceBoard, readConfig } from '../../sdk/device/index';
import { formatFixed } from '../../sdk/util/index';
import { CABINET, CHANNELS, DOOR, FREEZER, POWER } from './channels';
import { createHourlyStatus } from './status';

const HOUR_MS = 3600000;
const FIRMWARE_VERSION = '0.1.0';
/** Storage file with the firmware's settings (optional). */
const CONFIG_FILE = 'hb.cfg';

/** Settings in `hb.cfg`. */
interface FridgeConfig {
  /** Print every accepted sample as `hb:s <channel> <value>` (bench and console debugging). */
  printSamples: boolean;
  /** Period of the status line, ms. */
  statusMs: number;
}

function start(): void {
  const board = deviceBoard();
  const platform = createEspruinoPlatform();
  const wiring = createWiring({ platform });
  const w = board.wiring;
  const cab = wiring.numeric(w.cabinetTemp);
  const frz = wiring.numeric(w.freezerTemp);
  const door = wiring.edge(w.door);
  const pw = wiring.numeric(w.compressorPower);
  if (!cab || !frz || !door || !pw) {
    platform.console.print('hb:error code=' + Err.BadWiring + ' board=' + board.id);
    return;
  }
  const cfg = readConfig<FridgeConfig>(platform.store, CONFIG_FILE, { printSamples: false, statusMs: HOUR_MS });
  if (cfg.corrupt) platform.console.print('hb:warn config ' + CONFIG_FILE + ' is corrupt; using defaults');
  run(platform, [
    { spec: CABINET, sensor: cab as NumericSensor },
    { spec: FREEZER, sensor: frz as NumericSensor },
    { spec: DOOR, edge: door as EdgeSensor },
    { spec: POWER, sensor: pw as NumericSensor },
  ], cfg.config.printSamples, cfg.config.statusMs);
  platform.console.print('hb:boot fridge ' + FIRMWARE_VERSION + ' board=' + board.id);
}

/**
 * The long-lived part, apart from the set-up: an Espruino closure keeps its
 * whole scope alive, so the callbacks are made here, where the scope holds
 * only what they use (not the wiring, the board or the config result).
 */
function run(platform: Platform, channels: SamplerChannel[], echo: boolean, statusMs: number): void {
  const print = platform.console.print;
  const status = createHourlyStatus(CHANNELS.length, 2, 3);
  const sampler = createSampler({
    channels,
    clock: platform.clock,
    timers: platform.timers,
    onSample: (i, v) => {
      status.add(i, v);
      if (echo) print('hb:s ' + CHANNELS[i].id + ' ' + formatFixed(v, 2));
    },
  });
  platform.timers.every(() => {
    status.flush(print, POWER.periodMs);
    let rejected = 0;
    for (let i = 0; i < channels.length; i++) {
      const c = sampler.counters(i);
      rejected += c.notFinite + c.outOfRange + c.wrongType + c.tooFast;
    }
    if (rejected) print('hb:rejected n=' + rejected);
  }, statusMs > 0 ? statusMs : HOUR_MS);
}

start();
