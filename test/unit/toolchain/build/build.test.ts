import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import { buildFirmware, compileEntry } from '../../../../toolchain/build';
import { loadBoard, ROOT } from '../../../../toolchain/boards';
import { checkBundle, isEspruinoGlobal } from '../../../../toolchain/check';
import * as acorn from 'acorn';

const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'hb-build-'));

/** 1-based line of the first occurrence of `needle` in a repository file. */
function lineOf(file: string, needle: string): number {
  const lines = fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n');
  const i = lines.findIndex((l) => l.includes(needle));
  assert.ok(i >= 0, `${needle} not in ${file}`);
  return i + 1;
}

describe('homebound build', function () {
  this.timeout(120000);
  const out = tmp();

  it('refuses the fridge for esp32c3 with a sentence: its uplink needs more than the C3 budget (an estimate, BLE on)', async () => {
    const r = await buildFirmware({ firmware: 'fridge', board: 'esp32c3', outDir: out, skipTypecheck: true });
    assert.equal(r.ok, false);
    assert.match(r.error as string, /^fridge does not fit esp32c3: about \d+ JsVars needed, 2500 available at boot \(\d+(\.\d)?% of boards\/esp32c3\.json jsvars\.atBoot\)$/);
  });

  for (const board of ['esp32', 'espruino-linux']) {
    it(`builds the fridge for ${board}: checked, fitting, one minified file with its map and metadata`, async () => {
      const r = await buildFirmware({ firmware: 'fridge', board, outDir: out, skipTypecheck: board !== 'esp32' });
      assert.equal(r.error, undefined);
      assert.ok(r.ok);
      assert.deepEqual(r.violations, []);
      const js = fs.readFileSync(path.join(out, `fridge.${board}.js`), 'utf8');
      const meta = JSON.parse(fs.readFileSync(path.join(out, `fridge.${board}.json`), 'utf8'));
      for (const k of ['firmware', 'board', 'espruino', 'bytes', 'sha256', 'jsVarsEstimate', 'jsVarsBudget', 'usedPct', 'fits']) assert.ok(k in meta, k);
      assert.equal(meta.bytes, Buffer.byteLength(js));
      // The fridge switches BLE off (firmware/fridge/firmware.json): boards with that figure budget with it.
      const jv = loadBoard(board).jsvars;
      assert.equal(meta.jsVarsBudget, jv.atBootBleOff ?? jv.atBoot);
      assert.equal(meta.jsVarsBudgetField, jv.atBootBleOff ? 'atBootBleOff' : 'atBoot');
      assert.equal(meta.fits, true);
      assert.ok(!js.includes('sourceMappingURL'));
      assert.ok(!js.includes('__hb_builtin'));
      assert.ok(js.includes('require("Storage")'), 'Storage is Espruino\'s own module, not a shim');
      assert.equal(js.split('\n').length, 1, 'one line of minified code');
      assert.ok(!/[;)}]return\}/.test(js), 'no bare return right before } (Espruino: Unexpected end of Input)');
      assert.ok(fs.existsSync(path.join(out, `fridge.${board}.js.map`)));
    });
  }

  it('declares its code at top level without shadowing any Espruino global or pin', async () => {
    // Top-level functions cost no scope link on Espruino (an IIFE costs one
    // per function and more for closures), but their names become globals.
    const r = await buildFirmware({ firmware: 'fridge', board: 'esp32', outDir: out, skipTypecheck: true });
    const ast = acorn.parse(fs.readFileSync(r.bundlePath as string, 'utf8'), { ecmaVersion: 5 }) as unknown as { body: { type: string; id?: { name: string }; declarations?: { id: { name: string } }[] }[] };
    const names: string[] = [];
    for (const st of ast.body) {
      if (st.type === 'FunctionDeclaration' && st.id) names.push(st.id.name);
      if (st.type === 'VariableDeclaration') for (const d of st.declarations || []) names.push(d.id.name);
    }
    assert.ok(names.length > 20, `only ${names.length} top-level names`);
    const clashes = names.filter((n) => isEspruinoGlobal(n) || /^[DA]\d+$/.test(n));
    assert.deepEqual(clashes, []);
  });

  it('is deterministic: the same inputs give the same bytes', async () => {
    const a = tmp();
    const b = tmp();
    await buildFirmware({ firmware: 'fridge', board: 'esp32', outDir: a, skipTypecheck: true });
    await buildFirmware({ firmware: 'fridge', board: 'esp32', outDir: b, skipTypecheck: true });
    for (const f of ['fridge.esp32.js', 'fridge.esp32.js.map']) {
      assert.ok(fs.readFileSync(path.join(a, f)).equals(fs.readFileSync(path.join(b, f))), f);
    }
  });

  it('composes the stage maps so bundle positions map to the TypeScript line', async () => {
    const r = await buildFirmware({ firmware: 'fridge', board: 'esp32', outDir: out, skipTypecheck: true });
    const js = fs.readFileSync(r.bundlePath as string, 'utf8');
    const map = new TraceMap(fs.readFileSync(`${r.bundlePath}.map`, 'utf8'));
    const probes: [string, string, string][] = [
      ['Math.round(', 'sdk/util/fixed.ts', 'Math.round('],
      ['analogRead(', 'sdk/platform/espruino/platform.ts', 'analogRead('],
      ['setWatch(', 'sdk/platform/espruino/platform.ts', 'setWatch('],
    ];
    for (const [needle, file, srcNeedle] of probes) {
      const at = js.indexOf(needle);
      assert.ok(at >= 0, needle);
      const pos = originalPositionFor(map, { line: 1, column: at });
      assert.equal(path.resolve(out, pos.source as string), path.join(ROOT, file), needle);
      assert.equal(pos.line, lineOf(file, srcNeedle), needle);
    }
  });

  it('fails homebound check on a violation injected into the emitted bundle, at the right TS line', async () => {
    const r = await buildFirmware({ firmware: 'fridge', board: 'esp32', outDir: out, skipTypecheck: true });
    const js = fs.readFileSync(r.bundlePath as string, 'utf8');
    const map = fs.readFileSync(`${r.bundlePath}.map`, 'utf8');
    // Same length, so every mapped column stays valid.
    const injected = js.replace('Math.floor(', 'Math.trunc(');
    const v = checkBundle(injected, map, { bundlePath: r.bundlePath as string, cwd: ROOT });
    assert.equal(v.length, 1);
    assert.equal(v[0].rule, 'unknown-static');
    assert.match(v[0].message, /Math\.trunc/);
    const first = js.indexOf('Math.floor(');
    const pos = originalPositionFor(new TraceMap(map), { line: 1, column: first });
    assert.equal(v[0].line, pos.line);
    assert.match(v[0].file, /\.ts$/);
  });

  it('fails on new Map() in an sdk/ file that no bundle imports', async () => {
    const probe = path.join(ROOT, 'sdk', 'util', 'zz-probe-map.ts');
    fs.writeFileSync(probe, 'export function index(): number {\n  const m = new Map();\n  return m.size;\n}\n');
    try {
      const r = await buildFirmware({ firmware: 'fridge', board: 'esp32', outDir: tmp() });
      assert.equal(r.ok, false);
      const d = r.diagnostics.find((x) => x.file === 'sdk/util/zz-probe-map.ts');
      assert.ok(d, JSON.stringify(r.diagnostics));
      assert.equal(d.line, 2);
      assert.ok(d.rule === 'TS2304' || d.rule === 'TS2583', d.rule);
      assert.match(d.message, /Cannot find name 'Map'/);
    } finally {
      fs.unlinkSync(probe);
    }
  });

  it('fails on async code in sdk/ through the syntax rule', async () => {
    const probe = path.join(ROOT, 'sdk', 'util', 'zz-probe-async.ts');
    fs.writeFileSync(probe, 'export function later(): void {\n  const f = async () => 1;\n  f();\n}\n');
    try {
      const r = await buildFirmware({ firmware: 'fridge', board: 'esp32', outDir: tmp() });
      assert.equal(r.ok, false);
      assert.ok(r.diagnostics.some((x) => x.file === 'sdk/util/zz-probe-async.ts' && x.rule === 'async' && x.line === 2), JSON.stringify(r.diagnostics));
    } finally {
      fs.unlinkSync(probe);
    }
  });

  it('exits with a clear message when the estimate exceeds the boot budget', async () => {
    const dir = tmp();
    const b = JSON.parse(fs.readFileSync(path.join(ROOT, 'boards', 'esp32.json'), 'utf8'));
    fs.copyFileSync(path.join(ROOT, 'boards', 'board.schema.json'), path.join(dir, 'board.schema.json'));
    fs.writeFileSync(path.join(dir, 'tiny.json'), JSON.stringify({ ...b, id: 'tiny', jsvars: { ...b.jsvars, atBoot: 100, atBootBleOff: 100 } }));
    const r = await buildFirmware({ firmware: 'fridge', board: 'tiny', boardsDir: dir, outDir: tmp(), skipTypecheck: true });
    assert.equal(r.ok, false);
    assert.match(r.error as string, /^fridge does not fit tiny: about \d+ JsVars needed, 100 available at boot \(\d+(\.\d)?% of boards\/tiny\.json jsvars\.atBootBleOff\)$/); // the fridge runs with BLE off
    assert.equal(r.metadata?.fits, false);
  });

  it('refuses a built-in module the board does not have, naming the board file', async () => {
    await assert.rejects(
      compileEntry('test/unit/toolchain/build/fixtures/uses-wifi.ts', loadBoard('espruino-linux'), { root: ROOT, outDir: tmp(), file: 'x.js' }),
      /module 'Wifi' is not available on board espruino-linux \(boards\/espruino-linux\.json modules\.builtin/,
    );
  });

  it('names the known firmwares for an unknown one', async () => {
    await assert.rejects(buildFirmware({ firmware: 'toaster', board: 'esp32', skipTypecheck: true }), /unknown firmware 'toaster': no file firmware\/toaster\/main\.ts \(firmwares: fridge\)/);
  });
});
