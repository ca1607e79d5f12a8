/**
 * `npm run bench`: prints `name value unit` lines and writes bench/results.json.
 * Timing goals live here, never in tests.
 */
import * as fs from 'fs';
import * as path from 'path';
import { buildFirmware } from '../toolchain/build';
import { loadBoard } from '../toolchain/boards';
import { simulate } from '../simulator/run';
import { compileEntry } from '../toolchain/build';
import { ROOT } from '../toolchain/boards';
import { runOnEspruino } from '../toolchain/interpreter';
import { privacyFridgeJsVars } from './privacy-jsvars';
import { uplinkBench } from './uplink';

interface Result { name: string; value: number; unit: string }

const results: Result[] = [];
function report(name: string, value: number, unit: string): void {
  results.push({ name, value, unit });
  process.stdout.write(`${name} ${value} ${unit}\n`);
}

async function main(): Promise<void> {
  for (const board of ['esp32', 'espruino-linux']) {
    const t0 = Date.now();
    const r = await buildFirmware({ firmware: 'fridge', board, skipTypecheck: board !== 'esp32' });
    if (!r.ok || !r.metadata) throw new Error(`build fridge/${board} failed: ${r.error}`);
    report(`build.fridge.${board}.wall`, Date.now() - t0, 'ms');
    report(`bundle.fridge.${board}.bytes`, r.metadata.bytes, 'bytes');
    report(`bundle.fridge.${board}.jsVarsEstimate`, r.metadata.jsVarsEstimate, 'jsvars');
    report(`bundle.fridge.${board}.usedPct`, r.metadata.usedPct, '%');
  }
  const bundle = fs.readFileSync(path.join(__dirname, '..', 'dist', 'fridge.esp32.js'), 'utf8');
  const sim = await simulate({ bundle, board: loadBoard('esp32'), days: 7, seed: 1 });
  report('sim.fridge.esp32.7d.wall', sim.wallMs, 'ms');
  report('sim.fridge.esp32.speed', Math.round(sim.simSeconds / (sim.wallMs / 1000)), 'simulated-s/wall-s');
  report('sim.fridge.esp32.7d.timersFired', sim.counters.timersFired, 'timers');
  const goal = sim.wallMs <= 2000;
  report('sim.fridge.esp32.7d.goal-2s.met', goal ? 1 : 0, 'bool');
  await privacyBench();
  await uplinkBench(report);
  fs.writeFileSync(path.join(__dirname, 'results.json'), JSON.stringify({ date: new Date().toISOString(), node: process.version, results }, null, 2) + '\n');
}

main().catch((e) => { console.error(e); process.exit(1); });

/** Issue 3: ingest through the privacy buffer vs a bare ring (same run), JsVars and bytes of the fridge with the pipeline. */
async function privacyBench(): Promise<void> {
  const lines: string[] = [];
  const g = global as unknown as { getTime: () => number; print: (s: string) => void };
  g.getTime = () => performance.now() / 1000;
  g.print = (s: string) => { lines.push(s); };
  require('./fixtures/ingest');
  reportIngest('node', lines);
  const bin = process.env.ESPRUINO_BIN;
  if (bin) {
    const b = await compileEntry('bench/fixtures/ingest.ts', loadBoard('espruino-linux'), { root: ROOT, outDir: path.join(ROOT, 'dist'), file: 'ingest.js' });
    const r = await runOnEspruino({ bin, bundle: b.code, seconds: 15 });
    reportIngest('espruino', r.lines);
  } else {
    process.stdout.write('# ingest on Espruino skipped: ESPRUINO_BIN is not set\n');
  }
  const pf = await privacyFridgeJsVars('esp32');
  report('privacy-fridge.esp32.jsVars', pf.jsVars, 'jsvars');
  report('privacy-fridge.esp32.bytes', pf.bytes, 'bytes');
}

function reportIngest(engine: string, lines: string[]): void {
  const rate = (name: string): number => Number((lines.find((l) => l.startsWith(`BENCH ${name} `)) || '').split(' ')[2]);
  const ring = rate('ring');
  const buf = rate('buffer');
  report(`ingest.${engine}.ring`, ring, 'samples/s');
  report(`ingest.${engine}.buffer`, buf, 'samples/s');
  report(`ingest.${engine}.buffer-vs-ring`, Math.round((buf / ring) * 1000) / 10, '%');
}
