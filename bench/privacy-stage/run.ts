/** JsVars of the privacy stage alone: entry.ts minus baseline.ts, ESP32 layout, 2 simulated hours. */
import { compileEntry } from '../../toolchain/build';
import { loadBoard, ROOT } from '../../toolchain/boards';
import { simulate } from '../../simulator/run';
import * as os from 'os';

async function measure(entry: string): Promise<{ total: number; bytes: number; byKind: unknown; printed: string[] }> {
  const board = loadBoard('esp32');
  const b = await compileEntry(`test/e2e/fixtures/privacy-stage/${entry}.ts`, board, { root: ROOT, outDir: os.tmpdir(), file: entry + '.js' });
  const r = await simulate({ bundle: b.code, board, days: 2 / 24, measureMemory: true, clockAtBoot: 'synced' });
  return { total: r.jsVars ? r.jsVars.total : -1, bytes: b.code.length, byKind: r.jsVars && r.jsVars.byKind, printed: r.printed.map((l) => l.text).slice(-3) };
}

(async () => {
  const base = await measure('baseline');
  const full = await measure('entry');
  console.log('baseline', base.total, base.bytes, JSON.stringify(base.byKind));
  console.log('entry', full.total, full.bytes, JSON.stringify(full.byKind), full.printed);
  console.log('privacy-stage.esp32.jsVars', full.total - base.total);
})();
