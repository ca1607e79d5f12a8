import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runSnippet, texts } from '../../support/sim';

/** Counts up once a second and persists the count, printing what each boot found. */
const COUNTER = `
  var s = require("Storage");
  var n = s.readJSON("count", true) || 0;
  print("boot count=" + n);
  setInterval(function () {
    n++;
    try { s.write("count", JSON.stringify(n)); } catch (e) { print("write failed: " + e.message); }
    print("wrote " + n);
  }, 1000);
`;

describe('power cuts', () => {
  it('cuts at the chosen Storage call, goes inert, and boots again on the frozen image', async () => {
    // Storage calls: 1 = boot readJSON, then one write per second.
    const r = await runSnippet(COUNTER, 20, { powerCuts: { atStorageOps: [6] }, rebootDelayMs: 3000 });
    const t = texts(r);
    assert.equal(r.counters.powerCuts, 1);
    assert.equal(r.counters.boots, 2);
    // Writes 1..4 succeeded (ops 2..5); op 6 (writing 5) was cut before touching flash,
    // and the same callback could not print afterwards: the device was inert.
    assert.deepEqual(t.slice(0, 5), ['boot count=0', 'wrote 1', 'wrote 2', 'wrote 3', 'wrote 4']);
    assert.equal(t[5], 'boot count=4');
    assert.ok(!t.includes('wrote 5') || t.indexOf('wrote 5') > 5, 'nothing printed between the cut and the reboot');
    assert.equal(t.filter((l) => l.startsWith('write failed')).length, 0);
  });

  it('reboots only after the reboot delay, with no timers of the dead device left', async () => {
    const r = await runSnippet(COUNTER, 20, { powerCuts: { atStorageOps: [3] }, rebootDelayMs: 5000 });
    const boots = r.printed.filter((l) => l.text.startsWith('boot'));
    assert.equal(boots.length, 2);
    const cutAt = r.printed.find((l) => l.text === 'wrote 1')!.t;
    assert.ok(boots[1].t - cutAt >= 5000, `rebooted ${boots[1].t - cutAt} ms after the last print`);
    assert.equal(r.printed.filter((l) => l.boot === 1 && l.t > cutAt).length, 0);
  });

  it('tears a write mid-way when asked and the next boot survives the torn file', async () => {
    const r = await runSnippet(COUNTER, 30, { powerCuts: { atStorageOps: [4, 12], tornFraction: 1, seed: 7 } });
    assert.equal(r.counters.powerCuts, 2);
    assert.equal(r.counters.tornWrites, 2);
    assert.equal(r.counters.uncaught, 0);
    assert.equal(r.counters.boots, 3);
    const boots = texts(r).filter((l) => l.startsWith('boot count='));
    assert.equal(boots.length, 3);
  });

  it('keeps the flash image in --state between runs', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hb-state-'));
    const first = await runSnippet(COUNTER, 5.5, { stateDir: dir });
    assert.equal(texts(first)[0], 'boot count=0');
    const second = await runSnippet(COUNTER, 1.5, { stateDir: dir });
    assert.equal(texts(second)[0], 'boot count=5');
  });
});
