/**
 * JsVars of the fridge with the privacy pipeline, on the ESP32 layout, code in
 * Storage, after 2 simulated hours with every purpose granted: the figure the
 * fit check budgets. `node -r ts-node/register/transpile-only bench/privacy-jsvars.ts`
 */
import { privacyFridgeBundle } from '../test/support/privacy-fridge';
import { estimateFit } from '../toolchain/build';
import { loadBoard } from '../toolchain/boards';
import { policy } from '../firmware/fridge/policy';
import * as fs from 'fs';

export async function privacyFridgeJsVars(board = 'esp32'): Promise<{ jsVars: number; bytes: number }> {
  const bundle = fs.readFileSync(await privacyFridgeBundle(board), 'utf8');
  const fit = await estimateFit(bundle, loadBoard(board), policy);
  return { jsVars: fit.jsVarsEstimate, bytes: bundle.length };
}

if (require.main === module) {
  privacyFridgeJsVars().then((r) => process.stdout.write(`privacy-fridge.esp32.jsVars ${r.jsVars} jsvars\nprivacy-fridge.esp32.bytes ${r.bytes} bytes\n`));
}
