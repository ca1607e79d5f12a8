import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { compileEntry } from '../../toolchain/build';
import { loadBoard, ROOT } from '../../toolchain/boards';
import { policy } from '../../firmware/fridge/policy';

const OUT = fs.mkdtempSync(path.join(os.tmpdir(), 'hb-privacy-'));
const built: { [k: string]: string } = {};

/**
 * The fridge with the privacy pipeline wired in, compiled like a firmware,
 * with the metadata the test kit reads (its policy). Returns the bundle path.
 */
export async function privacyFridgeBundle(board = 'espruino-linux', variant: 'main' | 'main-v2' = 'main'): Promise<string> {
  const key = `${variant}.${board}`;
  if (built[key]) return built[key];
  const file = `fridge-privacy-${variant}.${board}.js`;
  // v1 is the fridge firmware itself; v2 is the same firmware with a widened policy.
  const entry = variant === 'main' ? 'firmware/fridge/main.ts' : `test/e2e/fixtures/fridge-privacy/${variant}.ts`;
  const b = await compileEntry(entry, loadBoard(board), { root: ROOT, outDir: OUT, file });
  const bundlePath = path.join(OUT, file);
  fs.writeFileSync(bundlePath, b.code);
  fs.writeFileSync(`${bundlePath}.map`, b.map);
  fs.writeFileSync(bundlePath.replace(/\.js$/, '.json'), JSON.stringify({ firmware: 'fridge-privacy', board, policy }));
  built[key] = bundlePath;
  return bundlePath;
}
