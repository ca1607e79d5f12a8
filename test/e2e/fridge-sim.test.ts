import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildFirmware } from '../../toolchain/build';
import { loadBoard } from '../../toolchain/boards';
import { simulate } from '../../simulator/run';
import { toAdcFraction } from '../../simulator/models/feed';

const OUT = fs.mkdtempSync(path.join(os.tmpdir(), 'hb-e2e-'));

async function bundleFor(board: string): Promise<string> {
  const r = await buildFirmware({ firmware: 'fridge', board, outDir: OUT, skipTypecheck: true });
  assert.ok(r.ok, r.error);
  return fs.readFileSync(r.bundlePath as string, 'utf8');
}

const statusLines = (texts: string[]): string[] => texts.filter((t) => t.startsWith('hb:status'));

describe('fridge firmware in the simulator (compiled bundle)', function () {
  this.timeout(60000);

  it('runs 7 days on esp32: one status line per hour, no exceptions, samples at the documented rates', async () => {
    const r = await simulate({ bundle: await bundleFor('esp32'), board: loadBoard('esp32'), days: 7, seed: 3 });
    const texts = r.printed.map((l) => l.text);
    assert.equal(texts[0], 'hb:boot fridge 0.2.0 board=esp32');
    const status = statusLines(texts);
    assert.equal(status.length, 7 * 24);
    assert.equal(r.counters.uncaught, 0);
    assert.equal(r.counters.undrivenPinReads, 0, 'every pin the firmware reads is fed by the model');
    // Per hour: 120 cabinet + 120 freezer samples (30 s), 360 power samples (10 s), plus door openings.
    for (const s of status.slice(1)) {
      const n = Number(/ n=(\d+)$/.exec(s)![1]);
      const opens = Number(/ door=(\d+) /.exec(s)![1]);
      assert.equal(n, 600 + opens, s);
    }
    assert.equal(r.simSeconds, 7 * 86400);
  });

  it('counts every door opening the model makes', async () => {
    const r = await simulate({ bundle: await bundleFor('esp32'), board: loadBoard('esp32'), days: 2, seed: 11 });
    const opens = statusLines(r.printed.map((l) => l.text)).reduce((a, s) => a + Number(/ door=(\d+) /.exec(s)![1]), 0);
    assert.equal(opens, r.counters.modelDoorOpens);
    assert.ok(opens > 20, `only ${opens} openings in 2 days`);
  });

  it('keeps the cabinet inside the thermostat band as the firmware measures it', async () => {
    const r = await simulate({ bundle: await bundleFor('esp32'), board: loadBoard('esp32'), days: 1, seed: 5 });
    for (const s of statusLines(r.printed.map((l) => l.text))) {
      const mean = Number(/ cab=[^/]+\/(-?[\d.]+)\//.exec(s)![1]);
      assert.ok(mean > 2 && mean < 9, s);
    }
  });

  it('rejects and counts garbage sensor readings without aggregating them', async () => {
    const r = await simulate({ bundle: await bundleFor('esp32'), board: loadBoard('esp32'), days: 0.5, seed: 2, glitchRate: 0.05 });
    const texts = r.printed.map((l) => l.text);
    const rejected = texts.filter((t) => t.startsWith('hb:rejected')).map((t) => Number(/n=(\d+)/.exec(t)![1]));
    assert.equal(rejected.length, 12);
    assert.ok(rejected[rejected.length - 1] > 0);
    for (const s of statusLines(texts)) assert.ok(!/NaN|Inf/.test(s), s);
    assert.equal(r.counters.uncaught, 0);
  });

  it('feeds the espruino-linux board from the trace the model writes to Storage', async () => {
    const r = await simulate({ bundle: await bundleFor('espruino-linux'), board: loadBoard('espruino-linux'), days: 0.25, seed: 3 });
    const status = statusLines(r.printed.map((l) => l.text));
    assert.equal(status.length, 6);
    for (const s of status) assert.match(s, /cab=\d+\.\d\/\d+\.\d\/\d+\.\d frz=-\d+\.\d/);
    assert.ok(r.storage.read('hb.trace')!.length > 1000);
  });

  it('inverts the board transfer exactly enough for the firmware to read back the model value', () => {
    const t = (loadBoard('esp32').wiring.cabinetTemp as { transfer: { kind: 'ntc'; beta: number; r25Ohms: number; seriesOhms: number } }).transfer;
    const f = toAdcFraction(4, t);
    const r = (t.seriesOhms * f) / (1 - f);
    const c = 1 / (1 / 298.15 + Math.log(r / t.r25Ohms) / t.beta) - 273.15;
    assert.ok(Math.abs(c - 4) < 0.05, `${c}`);
  });
});
