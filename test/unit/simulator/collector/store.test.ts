import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { startCollector } from '../../../../simulator/collector/index';
import { createReportStore } from '../../../../simulator/collector/store';
import { DAY, MARCH_1, diagReport, energyReport, postReport, testPolicy } from './fixtures';

describe('collector store', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hb-collector-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes one JSON line per stored report, per recipient, exactly as accepted plus receivedAt', async () => {
    const col = await startCollector({ policy: testPolicy(), dir, now: () => MARCH_1 + DAY });
    const e = energyReport();
    const d = diagReport();
    const body = JSON.stringify(d);
    await postReport(col.httpPort, e);
    await postReport(col.httpPort, d);
    await postReport(col.httpPort, d);
    await postReport(col.httpPort, energyReport({ f: { 'x.y': 1 } })); // refused: not stored
    await col.close();
    const utility = fs.readFileSync(path.join(dir, 'utility.jsonl'), 'utf8');
    const maker = fs.readFileSync(path.join(dir, 'maker.jsonl'), 'utf8');
    assert.equal(utility, JSON.stringify({ ...e, receivedAt: MARCH_1 + DAY }) + '\n');
    assert.equal(maker, body.substring(0, body.length - 1) + ',"receivedAt":' + (MARCH_1 + DAY) + '}\n');
    assert.equal(fs.existsSync(path.join(dir, 'partner.jsonl')), false);
  });

  it('reloads stored ids after a restart, so a retry is acknowledged and not stored twice', async () => {
    const r = energyReport();
    const first = await startCollector({ policy: testPolicy(), dir });
    await postReport(first.httpPort, r);
    await first.close();
    const second = await startCollector({ policy: testPolicy(), dir });
    try {
      assert.equal(second.stored().length, 1, 'the earlier report is listed');
      const res = await postReport(second.httpPort, r);
      assert.deepEqual(JSON.parse(res.body), { ack: [r.i] });
      assert.equal(second.stats().duplicatesDropped, 1);
      assert.equal(second.stats().stored, 0);
      assert.equal(fs.readFileSync(path.join(dir, 'utility.jsonl'), 'utf8').split('\n').filter(Boolean).length, 1);
    } finally {
      await second.close();
    }
  });

  it('skips a torn last line on reload and starts the next report on a line of its own', () => {
    const a = energyReport();
    fs.writeFileSync(path.join(dir, 'utility.jsonl'), JSON.stringify({ ...a, receivedAt: 1 }) + '\n{"i":"torn","r":"util');
    const store = createReportStore(['utility'], dir);
    assert.equal(store.unreadableLines, 1);
    assert.equal(store.list().length, 1);
    const b = energyReport();
    store.put(b, 2);
    const lines = fs.readFileSync(path.join(dir, 'utility.jsonl'), 'utf8').split('\n');
    assert.deepEqual(JSON.parse(lines[2]), { ...b, receivedAt: 2 });
    assert.equal(createReportStore(['utility'], dir).list().length, 2);
  });

  it('hands out copies, so a caller cannot change what is stored', () => {
    const store = createReportStore(['utility']);
    store.put(energyReport(), 5);
    store.list()[0].c = 0;
    assert.equal(store.list()[0].c, 980);
  });
});
