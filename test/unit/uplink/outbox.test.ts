import { strict as assert } from 'assert';
import { Err } from '../../../sdk/model';
import type { Report } from '../../../sdk/model';
import { createOutbox, OUTBOX_PREFIX } from '../../../sdk/uplink/outbox';
import type { Outbox, OutboxOptions } from '../../../sdk/uplink/outbox-types';
import { isAlignedWindow } from '../../../sdk/consent/window';
import { FlashStorage } from '../../../simulator/storage';
import { createFlashStore, createTestFlash } from '../../support/flash-store';
import type { FullFileStore } from '../../support/flash-store';
import { DAY, HALF_HOUR, IdSource, MAR_1, drain, energyReport, marketingReport, sumField } from './outbox-fixtures';

function open(store: FullFileStore, extra: Partial<OutboxOptions> = {}): Outbox {
  return createOutbox({ store, newId: new IdSource().newId, ...extra });
}

/** The same flash after a power cycle: a new FlashStorage over a copy of the image. */
function reboot(flash: FlashStorage): { flash: FlashStorage; store: FullFileStore } {
  const next = new FlashStorage({ bytes: 262144, pageBytes: 1024, image: flash.image });
  return { flash: next, store: createFlashStore(next) };
}

describe('uplink/outbox', () => {
  it('round-trips put, next, markAttempted and remove, and ignores a duplicate acknowledgement', () => {
    const { store } = createTestFlash();
    const ob = open(store);
    assert.equal(ob.put(energyReport(0), 0), Err.None);
    assert.equal(ob.put(energyReport(1), 0), Err.None);
    const e = ob.next('utility', MAR_1);
    assert.ok(e);
    assert.deepEqual(e.report, energyReport(0));
    assert.equal(e.attempted, false);
    assert.equal(ob.markAttempted(e), true);
    assert.equal(ob.next('utility', MAR_1)?.attempted, true, 'the attempt is persisted on the record');
    assert.equal(ob.remove(e.report.id), true);
    assert.equal(ob.remove(e.report.id), false, 'a duplicate acknowledgement');
    assert.deepEqual(ob.next('utility', MAR_1)?.report, energyReport(1));
    assert.equal(ob.remove(energyReport(1).id, true), true);
    assert.equal(ob.next('utility', MAR_1), undefined);
    const c = ob.counters();
    assert.deepEqual([c.committed, c.acked, c.refused, c.live, c.segments, c.bytes], [2, 1, 1, 0, 1, 2048]);
  });

  it('hands out the oldest due report of the asked recipient, honouring releaseAt', () => {
    const { store } = createTestFlash();
    const ob = open(store);
    const later = MAR_1 + 2 * DAY + 1234;
    assert.equal(ob.put(marketingReport(0), later), Err.None);
    assert.equal(ob.put(energyReport(0), 0), Err.None);
    assert.equal(ob.put(marketingReport(1), 0), Err.None);
    assert.equal(ob.next('utility', 0)?.report.id, energyReport(0).id);
    assert.equal(ob.next('partner', MAR_1)?.report.id, marketingReport(1).id, 'the older one is not due yet');
    assert.equal(ob.next('partner', later)?.report.id, marketingReport(1).id, 'stored in whole seconds, rounded up: never early');
    const e = ob.next('partner', later + 999);
    assert.equal(e?.report.id, marketingReport(0).id);
    assert.ok(e.releaseAt >= later && e.releaseAt < later + 1000, 'releaseAt kept to the second, never earlier');
    assert.equal(ob.next('maker', 1e15), undefined);
  });

  it('sees the same live records and attempt flags after a reboot', () => {
    const { flash, store } = createTestFlash();
    const ob = open(store, { segmentBytes: 512, budgetBytes: 8192 });
    for (let i = 0; i < 10; i++) assert.equal(ob.put(energyReport(i), 0), Err.None);
    const first = ob.next('utility', 0)!;
    ob.markAttempted(first);
    ob.remove(energyReport(1).id);
    assert.ok(ob.counters().segments > 2, 'spans several segments');
    const again = open(reboot(flash).store, { segmentBytes: 512, budgetBytes: 8192 });
    assert.equal(again.counters().live, 9);
    assert.equal(again.counters().corrupt, 0);
    const all = drain(again);
    assert.deepEqual(all.map((e) => e.report.id), [0, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => energyReport(i).id));
    assert.deepEqual(all.map((e) => e.attempted), [true, false, false, false, false, false, false, false, false]);
  });

  it('appends after a reboot without rewriting: one new record, no new file', () => {
    const { flash, store } = createTestFlash();
    open(store).put(energyReport(0), 0);
    const r = reboot(flash);
    const ob = open(r.store);
    const before = { ...r.flash.counters };
    assert.equal(ob.put(energyReport(1), 0), Err.None);
    assert.deepEqual(r.store.list(OUTBOX_PREFIX), [OUTBOX_PREFIX + '0']);
    assert.equal(r.flash.counters.pageErases, before.pageErases);
    assert.ok(r.flash.counters.bytesProgrammed - before.bytesProgrammed < 200, 'only the record is programmed');
    assert.equal(drain(ob).length, 2);
  });

  it('counts and skips a record whose bytes were altered, and never returns it', () => {
    const { flash, store } = createTestFlash();
    const ob = open(store);
    for (let i = 0; i < 3; i++) ob.put(energyReport(i), 0);
    const at = flash.rawScan(energyReport(1).id);
    assert.equal(at.length, 1);
    const image = flash.image.slice();
    image[at[0] + 40] ^= 0x01; // a bit flip inside the record's JSON
    const rebooted = new FlashStorage({ bytes: 262144, pageBytes: 1024, image });
    const again = open(createFlashStore(rebooted));
    assert.equal(again.counters().corrupt, 1);
    assert.equal(again.counters().live, 2);
    assert.deepEqual(drain(again).map((e) => e.report.id), [energyReport(0).id, energyReport(2).id]);
    const third = open(createFlashStore(rebooted));
    assert.equal(third.counters().corrupt, 0, 'marked at the first boot: not counted again');
  });

  it('seals a segment whose record header is unreadable and appends in a fresh one', () => {
    const { flash, store } = createTestFlash();
    const ob = open(store);
    for (let i = 0; i < 3; i++) ob.put(energyReport(i), 0);
    const image = flash.image.slice();
    const at = flash.rawScan(energyReport(1).id)[0];
    // The length field of record 1 sits a fixed distance before its body; find "|" of its body start instead.
    let p = at;
    while (image[p] !== 0x7c) p--; // second '|'
    p--;
    while (image[p] !== 0x7c) p--; // first '|'
    while (image[p - 1] >= 0x30 && image[p - 1] <= 0x39) p--; // releaseAt digits
    image[p - 1] = 0x7a; // 'z' over the last hex digit of the length
    const again = open(createFlashStore(new FlashStorage({ bytes: 262144, pageBytes: 1024, image })));
    assert.equal(again.counters().corrupt, 1);
    assert.equal(again.put(energyReport(3), 0), Err.None);
    assert.equal(again.counters().segments, 2, 'the damaged segment is never appended to');
    assert.deepEqual(drain(again).map((e) => e.report.id), [energyReport(0).id, energyReport(3).id]);
  });

  it('refuses a report it cannot store, and counts the refusal', () => {
    const { store } = createTestFlash();
    const ob = open(store);
    assert.equal(ob.put({ ...energyReport(0), recipient: 'util\xffity' }, 0), Err.OutboxWriteFailed);
    assert.equal(ob.put({ ...energyReport(0), fields: { 'compressorW.energy': 1, pad: 'x'.repeat(3000) as never } }, 0), Err.OutboxWriteFailed);
    const full = open(createTestFlash().store, { store: { ...createTestFlash().store, writeAt: () => false } });
    assert.equal(full.put(energyReport(0), 0), Err.OutboxWriteFailed);
    assert.equal(full.counters().committed, 0);
    assert.ok((ob.counters() as unknown as { writeFailed: number }).writeFailed >= 2);
    assert.throws(() => open(store, { segmentBytes: 2048, budgetBytes: 2048 }), /budgetBytes/);
  });

  it('7-day outage: stays within its 16 KB budget by coarsening never-sent reports, never an attempted one, dropping nothing', () => {
    const { flash, store } = createTestFlash();
    const drops: Report[] = [];
    const ob = open(store, { onDrop: (r) => drops.push(r) });
    let energy = 0;
    let doors = 0;
    const attempted: string[] = [];
    for (let i = 0; i < 336; i++) {
      const r = energyReport(i);
      assert.equal(ob.put(r, 0), Err.None, `put ${i}`);
      energy += r.fields['compressorW.energy'] as number;
      if (i < 4) {
        // The first reports went out before the link died: attempted, never acknowledged.
        assert.equal(ob.markAttempted({ report: r, releaseAt: 0, attempted: false, loc: -1 }), true);
        attempted.push(r.id);
      }
      if (i % 48 === 47) {
        const m = marketingReport(Math.floor(i / 48));
        assert.equal(ob.put(m, m.windowStart + 2 * DAY), Err.None);
        doors += m.fields['doorOpen.eventCount'] as number;
      }
      const c = ob.counters();
      assert.ok(c.bytes <= 16384, `over budget after put ${i}: ${c.bytes}`);
    }
    const c = ob.counters();
    assert.ok(c.coarsened > 200, `coarsened ${c.coarsened}`);
    assert.equal(c.dropped, 0);
    assert.deepEqual(drops, []);
    const live = c.live;
    const all = drain(ob);
    assert.equal(all.length, live);
    assert.equal(sumField(all, 'compressorW.energy'), energy, 'merging keeps every counted watt-hour');
    assert.equal(sumField(all, 'doorOpen.eventCount'), doors);
    for (const id of attempted) {
      const e = all.find((x) => x.report.id === id);
      assert.ok(e && e.attempted && e.report.windowMs === HALF_HOUR, `attempted ${id} left as it was`);
    }
    const merged = all.filter((e) => e.report.purpose === 'energy' && e.report.windowMs > HALF_HOUR).map((e) => e.report.windowStart);
    assert.equal(new Set(merged).size, merged.length, 'one merged record per day: a later merge folds in the earlier one');
    const ids = new Set(all.map((e) => e.report.id));
    assert.equal(ids.size, all.length, 'no id twice');
    for (const e of all) {
      assert.ok(isAlignedWindow(e.report.tier, e.report.windowStart, e.report.windowMs, true), `gate accepts ${JSON.stringify(e.report)}`);
      if (e.report.windowMs !== HALF_HOUR && e.report.purpose === 'energy') {
        assert.ok(e.releaseAt >= e.report.windowStart + e.report.windowMs, 'a merged window is released once it has closed');
      }
    }
    // eslint-disable-next-line no-console
    console.log(`      7-day fill: ${flash.counters.bytesProgrammed} bytes programmed, ${flash.counters.pageErases} page erases, ` +
      `${c.coarsened} coarsened into ${all.filter((e) => e.report.windowMs > HALF_HOUR && e.report.purpose === 'energy').length} merged, ${c.live} live`);
  });

  it('drops the oldest as the last resort when nothing can be merged, counting it and telling onDrop', () => {
    const { store } = createTestFlash();
    const drops: Report[] = [];
    const ob = open(store, { onDrop: (r) => drops.push(r), budgetBytes: 4096, segmentBytes: 1024 });
    for (let i = 0; i < 60; i++) {
      assert.equal(ob.put(energyReport(i), 0), Err.None);
      // Everything attempted (the server took the bytes but never acknowledged): nothing may be merged.
      // A stale loc: markAttempted finds the record by id.
      assert.equal(ob.markAttempted({ report: energyReport(i), releaseAt: 0, attempted: false, loc: -1 }), true);
      assert.ok(ob.counters().bytes <= 4096);
    }
    const c = ob.counters();
    assert.equal(c.coarsened, 0);
    assert.ok(c.dropped > 0);
    assert.equal(drops.length, c.dropped);
    assert.deepEqual(drops.slice(0, 3).map((r) => r.id), [0, 1, 2].map((i) => energyReport(i).id), 'oldest first');
    const left = drain(ob);
    assert.equal(left.length + c.dropped, 60);
    assert.equal(left[left.length - 1].report.id, energyReport(59).id);
  });

  it('req 4: purge leaves no readable copy in flash after compaction and keeps other purposes', () => {
    const { flash, store } = createTestFlash();
    const ob = open(store, { budgetBytes: 8192, segmentBytes: 1024 });
    for (let i = 0; i < 100; i++) {
      assert.equal(ob.put(energyReport(i), 0), Err.None);
      if (i % 20 === 0) ob.put(marketingReport(i / 20), 0);
    }
    assert.ok(ob.counters().coarsened > 0, 'merged and superseded records hold the data too');
    ob.remove(energyReport(99).id);
    const n = ob.purge('utility', 'energy');
    assert.ok(n > 0);
    assert.equal(ob.counters().purged, n);
    assert.equal(ob.next('utility', 1e15), undefined);
    store.compact();
    assert.deepEqual(flash.rawScan('"p":"energy"'), []);
    assert.deepEqual(flash.rawScan(energyReport(5).id), []);
    assert.deepEqual(flash.rawScan(energyReport(99).id), [], 'acknowledged ones too');
    const kept = drain(open(reboot(flash).store, { budgetBytes: 8192, segmentBytes: 1024 }));
    assert.deepEqual(kept.map((e) => e.report.id).sort(), [0, 1, 2, 3, 4].map((d) => marketingReport(d).id), 'moved, not lost');
  });

  it('clear erases every segment', () => {
    const { flash, store } = createTestFlash();
    const ob = open(store);
    for (let i = 0; i < 20; i++) ob.put(energyReport(i), 0);
    ob.clear();
    assert.deepEqual(store.list(OUTBOX_PREFIX), []);
    assert.equal(ob.counters().live, 0);
    assert.equal(ob.counters().purged, 20);
    store.compact();
    assert.deepEqual(flash.rawScan(energyReport(3).id), []);
    assert.equal(ob.put(energyReport(0), 0), Err.None);
    assert.equal(drain(ob).length, 1);
  });

  it('returns a fresh counters object each time', () => {
    const ob = open(createTestFlash().store);
    const a = ob.counters();
    a.live = 99;
    assert.equal(ob.counters().live, 0);
  });
});
