import { strict as assert } from 'assert';
import { Err } from '../../../sdk/model';
import type { Report } from '../../../sdk/model';
import { createOutbox } from '../../../sdk/uplink/outbox';
import type { Outbox } from '../../../sdk/uplink/outbox-types';
import { FlashStorage, PowerCutSignal } from '../../../simulator/storage';
import type { FaultDecision, StorageOp } from '../../../simulator/storage';
import { createFlashStore, createTestFlash } from '../../support/flash-store';
import { IdSource, drain, energyReport, marketingReport, sumField } from './outbox-fixtures';

const OPTS = { budgetBytes: 4096, segmentBytes: 1024 };
const E = 'compressorW.energy';
const D = 'doorOpen.eventCount';

/** What the device was told, and what the step in flight would change if it completes. */
interface Trace {
  /** Sums of the committed, not yet removed or purged, reports. */
  sums: [number, number];
  /** The in-flight step's effect on `sums` if it completes. */
  pending: [number, number];
  /** The in-flight step is a purge (partly done is allowed). */
  purging: boolean;
  /** Committed reports whose attempt was persisted (never merged) and not removed. */
  attempted: Set<string>;
}

function fieldsOf(r: Report): [number, number] {
  return [typeof r.fields[E] === 'number' ? (r.fields[E] as number) : 0, typeof r.fields[D] === 'number' ? (r.fields[D] as number) : 0];
}

/**
 * The scripted sequence: a day and a half of half-hourly energy reports and
 * daily usage reports into a 4 KB outbox (coarsening, moves and reclaiming
 * happen), sends with attempts and acknowledgements, and a purge.
 */
function script(ob: Outbox, tr: Trace): void {
  const put = (r: Report): void => {
    tr.pending = fieldsOf(r);
    const code = ob.put(r, 0);
    assert.equal(code, Err.None);
    tr.sums = [tr.sums[0] + tr.pending[0], tr.sums[1] + tr.pending[1]];
    tr.pending = [0, 0];
  };
  const send = (recipient: string, ack: boolean): void => {
    const e = ob.next(recipient, 1e15);
    if (!e) return;
    assert.equal(ob.markAttempted(e), true);
    tr.attempted.add(e.report.id);
    if (!ack) return;
    const f = fieldsOf(e.report);
    tr.pending = [-f[0], -f[1]];
    tr.attempted.delete(e.report.id); // in flight: either outcome is right, the sums check which
    assert.equal(ob.remove(e.report.id), true);
    tr.sums = [tr.sums[0] - f[0], tr.sums[1] - f[1]];
    tr.pending = [0, 0];
  };
  for (let i = 0; i < 72; i++) {
    put(energyReport(i));
    if (i % 24 === 23) put(marketingReport(Math.floor(i / 24)));
    if (i === 3) send('utility', false);
    if (i === 5) send('utility', true);
    if (i === 40) send('partner', false);
  }
  tr.pending = [0, -tr.sums[1]];
  tr.purging = true;
  for (const id of [...tr.attempted]) if (id[0] === 'a') tr.attempted.delete(id); // marketing ids: purged now
  ob.purge('partner', 'marketing');
  tr.sums = [tr.sums[0], 0];
  tr.pending = [0, 0];
  tr.purging = false;
  for (let i = 72; i < 80; i++) put(energyReport(i));
}

function run(hook?: (op: StorageOp) => FaultDecision): { flash: FlashStorage; tr: Trace } {
  const { flash, store } = createTestFlash(hook);
  const tr: Trace = { sums: [0, 0], pending: [0, 0], purging: false, attempted: new Set() };
  try {
    script(createOutbox({ store, newId: new IdSource().newId, ...OPTS }), tr);
  } catch (e) {
    if (!(e instanceof PowerCutSignal) && !flash.frozen) throw e;
  }
  return { flash, tr };
}

function between(x: number, a: number, b: number): boolean {
  return x >= Math.min(a, b) - 1e-6 && x <= Math.max(a, b) + 1e-6;
}

describe('uplink/outbox under power cuts', () => {
  const recorded: StorageOp[] = [];
  const ref = run((op) => { recorded.push(op); return 'continue'; });
  const ops = recorded.slice(); // the script's calls only (later reads of ref.flash are recorded too)

  it('runs the scripted sequence through coarsening, moves and a purge', () => {
    assert.ok(!ref.flash.frozen);
    const ob = createOutbox({ store: createFlashStore(ref.flash), newId: new IdSource().newId, ...OPTS });
    const all = drain(ob);
    assert.equal(sumField(all, E), ref.tr.sums[0]);
    assert.equal(sumField(all, D), 0);
    assert.ok(all.some((e) => e.report.windowMs > 1800000), 'something was coarsened');
    assert.ok(ops.length > 300, `${ops.length} Storage calls`);
  });

  it('req 16: at a cut on every Storage call, torn or not, loses no committed report, revives none twice and returns nothing corrupt', function () {
    this.timeout(600000);
    const decisions: Array<(op: StorageOp) => FaultDecision> = [() => 'cut'];
    for (const n of [0, 1, 3, 7, 20, 90]) decisions.push((op) => (op.kind === 'write' ? { tearAfterBytes: n } : 'cut'));
    let cases = 0;
    for (let at = 0; at < ops.length; at++) {
      for (const decide of ops[at].kind === 'write' ? decisions : decisions.slice(0, 1)) {
        let calls = 0;
        const { flash, tr } = run((op) => (calls++ === at ? decide(op) : 'continue'));
        assert.ok(flash.frozen, `call ${at} cut the power`);
        const where = `cut at call ${at} (${ops[at].kind} ${ops[at].name ?? ''}${ops[at].bytes ? ' ' + ops[at].bytes + ' B' : ''})`;
        const image = new FlashStorage({ bytes: 262144, pageBytes: 1024, image: flash.image });
        const ob = createOutbox({ store: createFlashStore(image), newId: new IdSource().newId, ...OPTS });
        const live = ob.counters().live;
        // A second boot on the repaired image sees the same thing (the repair is idempotent).
        const twice = createOutbox({ store: createFlashStore(new FlashStorage({ bytes: 262144, pageBytes: 1024, image: image.image })), newId: new IdSource().newId, ...OPTS });
        assert.equal(twice.counters().live, live, `${where}: live after a second boot`);
        const all = drain(ob);
        assert.equal(all.length, live, `${where}: live count`);
        const ids = all.map((e) => e.report.id);
        assert.equal(new Set(ids).size, ids.length, `${where}: an id live twice`);
        for (const e of all) assert.ok(typeof e.report.fields === 'object' && e.report.recipient && e.report.windowMs > 0, `${where}: corrupt entry`);
        for (const id of tr.attempted) assert.ok(ids.indexOf(id) >= 0, `${where}: attempted ${id} lost`);
        const se = sumField(all, E);
        const sd = sumField(all, D);
        const ok = tr.purging
          ? between(se, tr.sums[0], tr.sums[0] + tr.pending[0]) && between(sd, tr.sums[1], tr.sums[1] + tr.pending[1])
          : (se === tr.sums[0] && sd === tr.sums[1]) || (se === tr.sums[0] + tr.pending[0] && sd === tr.sums[1] + tr.pending[1]);
        assert.ok(ok, `${where}: sums ${se}/${sd}, committed ${tr.sums}, in flight ${tr.pending}`);
        cases++;
      }
    }
    assert.ok(cases > ops.length);
    // eslint-disable-next-line no-console
    console.log(`      ${cases} power cuts over ${ops.length} Storage calls, every one rebooted twice and checked`);
  });
});
