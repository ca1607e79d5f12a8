import { strict as assert } from 'assert';
import { compileEntry } from '../../toolchain/build';
import { loadBoard, ROOT } from '../../toolchain/boards';
import { runOnEspruino } from '../../toolchain/interpreter';
import { findText } from '../../sdk/util';
import { runSnippet, texts } from '../support/sim';
import * as os from 'os';

// Espruino 2v29's String#indexOf matches a needle that runs off the end of
// the haystack ("abc".indexOf("cd") === 2). The policy's rule lookup used it,
// so on the device `energy` looked like an order statistic and the fridge
// refused its own policy (code 33); the gate's envelope check could pass an
// undeclared key. Found on the real interpreter; the simulator now reproduces it.
describe('regression: Espruino String#indexOf matches past the end', function () {
  this.timeout(60000);
  const expected = ['A false,true,false,-1,2', 'V 0'];

  it('findText rejects a match that does not fit', () => {
    assert.equal(findText('abc', 'cd'), -1);
    assert.equal(findText('abcd', 'cd'), 2);
    assert.equal(findText('a,b,', ',b,', 0), 1);
  });

  it('rule lookups and policy validation give the right answers in the simulator', async () => {
    const b = await compileEntry('test/regression/fixtures/indexof-suffix.ts', loadBoard('esp32'), { root: ROOT, outDir: os.tmpdir(), file: 'indexof.js' });
    assert.deepEqual(texts(await runSnippet(b.code)), expected);
  });

  it('and on the real interpreter (ESPRUINO_BIN)', async function () {
    const bin = process.env.ESPRUINO_BIN;
    if (!bin) { process.stdout.write('      SKIPPED: ESPRUINO_BIN is not set\n'); this.skip(); }
    const b = await compileEntry('test/regression/fixtures/indexof-suffix.ts', loadBoard('espruino-linux'), { root: ROOT, outDir: os.tmpdir(), file: 'indexof-linux.js' });
    const r = await runOnEspruino({ bin: bin as string, bundle: b.code, seconds: 2 });
    assert.deepEqual(r.lines, expected);
  });
});
