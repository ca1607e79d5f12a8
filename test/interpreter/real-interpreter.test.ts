import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildFirmware, compileEntry, loadFirmwareManifest } from '../../toolchain/build';
import { loadBoard, ROOT } from '../../toolchain/boards';
import { INTERPRETER_TIERS, runOnEspruino } from '../../toolchain/interpreter';
import { simulate } from '../../simulator/run';
import { interpreterOrSkip } from '../support/tiers';

const OUT = fs.mkdtempSync(path.join(os.tmpdir(), 'hb-real-'));

/** A short trace whose rows sit 5 s away from every sample time, so timer jitter cannot change which row a sample reads. */
const TRACE = ['0,4.00,-18.00,0,0', '5,4.50,-18.50,1,95.00', '15,5.25,-19.25,0,120.00', '25,3.75,-19.75,1,0', '35,4.25,-18.75,0,88.50'].join('\n') + '\n';
const CONFIG = '{"printSamples":true,"statusMs":12000}';

async function linuxBundle(): Promise<string> {
  const r = await buildFirmware({ firmware: 'fridge', board: 'espruino-linux', outDir: OUT, skipTypecheck: true });
  assert.ok(r.ok, r.error);
  return fs.readFileSync(r.bundlePath as string, 'utf8');
}

describe('real interpreter tier (ESPRUINO_BIN)', function () {
  this.timeout(90000);
  let bin = '';
  before(function () { bin = interpreterOrSkip(this, 'ESPRUINO_BIN', "Espruino's stock Linux build"); });

  it('runs the espruino-linux fridge bundle from Storage for 10 s with no failure markers', async () => {
    const r = await runOnEspruino({ bin, bundle: await linuxBundle(), seconds: 10 });
    assert.deepEqual(r.failures, [], r.raw);
    assert.ok(r.lines.includes('hb:boot fridge 0.2.0 board=espruino-linux'), r.lines.join('\n'));
    assert.ok(r.memory && r.memory.usage > 0, 'process.memory() was read after load()');
  });

  it('prints the same SDK-formatted lines as the simulator for the same trace', async () => {
    const bundle = await linuxBundle();
    const files = { 'hb.trace': TRACE, 'hb.cfg': CONFIG };
    // The device needs a few seconds to boot the pipeline; run longer and compare the same span.
    const real = await runOnEspruino({ bin, bundle, files, seconds: 40 });
    const sim = await simulate({ bundle, board: loadBoard('espruino-linux'), days: 33 / 86400, files });
    assert.deepEqual(real.failures, []);
    const simLines = sim.printed.map((l) => l.text);
    assert.ok(simLines.length >= 10, simLines.join('\n'));
    assert.deepEqual(real.lines.filter((l) => l.startsWith('hb:')).slice(0, simLines.length), simLines);
  });

  it('runs TypeScript language features through the pipeline exactly as the simulator does', async () => {
    const board = loadBoard('espruino-linux');
    const b = await compileEntry('test/interpreter/fixtures/features/main.ts', board, { root: ROOT, outDir: OUT, file: 'features.js' });
    const real = await runOnEspruino({ bin, bundle: b.code, seconds: 1 });
    const sim = await simulate({ bundle: b.code, board, days: 1 / 86400 });
    assert.deepEqual(real.failures, []);
    const line = (ls: string[]): string | undefined => ls.find((l) => l.startsWith('FEATURES '));
    assert.equal(line(real.lines), line(sim.printed.map((l) => l.text)));
    assert.match(line(real.lines) as string, /extends=9,true,shape,0;.*loop-closures=0,1,2;.*bare-return=ok;hoisting=ok/);
  });
});

for (const tier of INTERPRETER_TIERS.filter((t) => t.env !== 'ESPRUINO_BIN')) {
  describe(`real interpreter tier (${tier.env})`, function () {
    this.timeout(60000);
    let bin = '';
    before(function () { bin = interpreterOrSkip(this, tier.env, tier.what); });

    it(`holds the fridge within the ${tier.board} boot budget, or shows the fit check was right to refuse it`, async () => {
      const board = loadBoard(tier.board);
      // The budget the fit check uses: BLE off (firmware/fridge/firmware.json) where the board has that figure.
      const bleOff = loadFirmwareManifest(ROOT, 'fridge').ble === false && board.jsvars.atBootBleOff !== undefined;
      const budget = bleOff ? (board.jsvars.atBootBleOff as number) : board.jsvars.atBoot;
      const fit = await buildFirmware({ firmware: 'fridge', board: tier.board, outDir: OUT, skipTypecheck: true });
      const r = await runOnEspruino({ bin, bundle: await linuxBundle(), files: { 'hb.trace': TRACE }, seconds: 10 });
      if (!fit.ok) {
        // Refused (the C3's ~2,500 with BLE on): on its layout, with code in RAM, the bundle must not run clean either.
        process.stdout.write(`      refused by the fit check (${fit.error}); the ${tier.board} layout: ${r.memory ? `${r.memory.usage} JsVars` : 'no memory reading'}, failures ${JSON.stringify(r.failures)}\n`);
        assert.ok(r.failures.length > 0 || !r.memory || r.memory.usage > budget, r.raw);
        return;
      }
      assert.deepEqual(r.failures, [], r.raw);
      assert.ok(r.memory, 'process.memory() was read');
      const m = r.memory as { usage: number; total: number; blocksize?: number };
      assert.equal(m.total, board.jsvars.cap, 'the interpreter has the board\'s JsVar layout');
      assert.equal(m.blocksize, board.jsvars.bytesPerVar);
      process.stdout.write(`      measured: fridge uses ${m.usage} JsVars on the ${tier.board} layout, code in RAM (budget ${budget}${bleOff ? ', BLE off' : ''})\n`);
      assert.ok(m.usage < budget, `usage ${m.usage} exceeds ${budget}`);
    });
  });
}
