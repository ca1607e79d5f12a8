import { strict as assert } from 'assert';
import { Err, GateStage } from '../../../sdk/model';
import type { FileStore } from '../../../sdk/platform';
import { ConsentState, createEgressGate, createTransparencyLog, formatLogEntry } from '../../../sdk/consent';
import { FlashStorage } from '../../../simulator/storage';
import { createFlashStore, createTestFlash } from '../../support/flash-store';
import { DAY, ENDPOINT, MAR_1, goodReport, testPolicy } from './fixtures';

/** A FileStore without the optional methods: whole-file writes only. */
class MemoryStore implements FileStore {
  files: { [name: string]: string } = {};
  writes = 0;
  read(name: string): string | undefined { return this.files[name]; }
  readRange(name: string, offset: number, length: number): string | undefined {
    const f = this.files[name];
    return f === undefined || offset >= f.length ? undefined : f.substr(offset, length);
  }
  write(name: string, data: string): boolean {
    if (!data.length || name.length > 28) return false;
    this.writes++;
    this.files[name] = data;
    return true;
  }
  erase(name: string): void { delete this.files[name]; }
  list(prefix: string): string[] { return Object.keys(this.files).filter((n) => n.startsWith(prefix)); }
  free(): number { return 1e6; }
}

const T = MAR_1 + 2 * DAY + 300000;

describe('consent/transparency-log', () => {
  it('req 13: logs every upload with time, recipient, purpose, fields, tier, window and bytes', () => {
    const { store } = createTestFlash();
    const log = createTransparencyLog({ store });
    assert.equal(log.uploaded(goodReport('marketing'), 96, T), Err.None);
    assert.deepEqual(log.read(), [{
      timeMs: T, recipient: 'partner', purpose: 'marketing', fields: ['doorOpen.eventCount', 'openSecs.histogram'],
      tier: '1d', windowStart: MAR_1 + DAY, windowMs: DAY, bytes: 96, code: Err.None, stage: 0,
    }]);
  });

  it('req 13: logs every blocked upload with its code, readable without any network', () => {
    const { store } = createTestFlash();
    const log = createTransparencyLog({ store });
    const gate = createEgressGate({
      policy: testPolicy(), ledger: { state: () => ConsentState.None },
      onBlocked: (r, code, stage) => { log.blocked(r, code, stage, T); },
    });
    gate.check(goodReport('energy'), ENDPOINT.utility, GateStage.Queue);
    gate.check(goodReport('energy'), 'https://elsewhere.example', GateStage.Send);
    const entries = log.read();
    assert.deepEqual(entries.map((e) => [e.code, e.stage]), [[Err.GateNoConsent, GateStage.Queue], [Err.GateEndpointMismatch, GateStage.Send]]);
    assert.equal(formatLogEntry(entries[0]), '2025-03-03 00:05 BLOCKED e60 at queue utility/energy 1d from 2025-03-01 00:00 [compressorW.energy] 0 B');
    assert.equal(log.format(entries[1]).indexOf('BLOCKED e63 at send'), 17);
  });

  it('formats an upload for the console', () => {
    const line = formatLogEntry({
      timeMs: T, recipient: 'utility', purpose: 'energy', fields: ['compressorW.energy'], tier: '30min',
      windowStart: MAR_1 + 1800000, windowMs: 1800000, bytes: 88, code: 0, stage: 0,
    });
    assert.equal(line, '2025-03-03 00:05 sent utility/energy 30min from 2025-03-01 00:30 [compressorW.energy] 88 B');
  });

  it('appends one line per entry without rewriting the log', () => {
    const { flash, store } = createTestFlash();
    const log = createTransparencyLog({ store, capacity: 40, segmentEntries: 10 });
    for (let i = 0; i < 9; i++) log.uploaded(goodReport('energy'), i, T + i);
    assert.equal(flash.getStats().trashCount, 0, 'appends leave no trash');
    assert.equal(log.read().length, 9);
  });

  it('is bounded: keeps at most capacity entries, dropping a whole oldest segment at a time', () => {
    const { flash, store } = createTestFlash();
    const log = createTransparencyLog({ store, capacity: 40, segmentEntries: 10 });
    for (let i = 0; i < 125; i++) assert.equal(log.uploaded(goodReport('energy'), i, T + i), Err.None);
    const bytes = log.read().map((e) => e.bytes);
    assert.equal(bytes.length, 35, '3 full segments and the 5 newest');
    assert.deepEqual(bytes.slice(0, 2), [90, 91]);
    assert.equal(bytes[bytes.length - 1], 124);
    assert.equal(flash.list(undefined, { sf: true }).filter((n) => n.startsWith('hb.l.')).length, 4);
    for (const name of flash.list()) assert.ok(name.length <= 28, name);
    store.compact();
    assert.deepEqual(flash.rawScan(`"t":${T + 89},`), [], 'a dropped segment leaves no orphan chunk');
    assert.ok(flash.rawScan(`"t":${T + 90},`).length > 0);
  });

  it('carries on after a restart in the same ring', () => {
    const { store } = createTestFlash();
    const first = createTransparencyLog({ store, capacity: 20, segmentEntries: 10 });
    for (let i = 0; i < 15; i++) first.uploaded(goodReport('energy'), i, T);
    const second = createTransparencyLog({ store, capacity: 20, segmentEntries: 10 });
    for (let i = 15; i < 25; i++) second.uploaded(goodReport('energy'), i, T);
    assert.deepEqual(second.read().map((e) => e.bytes), [10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24]);
  });

  it('skips and counts corrupt lines, losing only the torn entry', () => {
    const { flash, store } = createTestFlash();
    const log = createTransparencyLog({ store });
    log.uploaded(goodReport('energy'), 1, T);
    store.append('hb.l.0', '\n{"t":1,"r":"utility","p":"ene'); // an entry torn by a power cut
    log.uploaded(goodReport('energy'), 2, T);
    store.append('hb.l.0', '\n{"t":"x","r":1}');
    log.uploaded(goodReport('energy'), 3, T);
    assert.deepEqual(log.read().map((e) => e.bytes), [1, 2, 3]);
    assert.equal(log.corruptLines(), 2);
    assert.deepEqual(flash.rawScan('\xff\xff\xff"t"'), [], 'no 0xFF inside the data');
  });

  it('survives a power cut in the middle of an append', () => {
    let tear = false;
    const { flash, store } = createTestFlash((op) => (tear && op.kind === 'file-write' ? { tearAfterBytes: 60 } : 'continue'));
    const log = createTransparencyLog({ store });
    log.uploaded(goodReport('energy'), 1, T);
    tear = true;
    log.uploaded(goodReport('energy'), 2, T);
    assert.ok(flash.frozen, 'the power died mid-append');
    const rebooted = new FlashStorage({ bytes: 262144, pageBytes: 1024, image: flash.image });
    const after = createTransparencyLog({ store: createFlashStore(rebooted) });
    after.uploaded(goodReport('energy'), 3, T);
    assert.deepEqual(after.read().map((e) => e.bytes), [1, 3]);
    assert.equal(after.corruptLines(), 1);
  });

  it('keeps hostile names printable and short', () => {
    const { store } = createTestFlash();
    const log = createTransparencyLog({ store });
    const fields: { [k: string]: number } = {};
    for (let i = 0; i < 40; i++) fields[`f${i}\xff`] = i;
    const r = { ...goodReport('energy'), recipient: 'evil\xff\n\u2603' + 'x'.repeat(100), fields };
    assert.equal(log.blocked(r, Err.GateUnknownRecipient, GateStage.Queue, T), Err.None);
    const [e] = log.read();
    assert.equal(e.recipient, 'evil???' + 'x'.repeat(33));
    assert.equal(e.fields.length, 16);
    assert.equal(e.fields[0], 'f0?');
    assert.equal(log.blocked(null as never, Err.GateBadValue, GateStage.Send, T), Err.None);
    assert.equal(log.read()[1].recipient, '?');
  });

  it('works on a store without append by rewriting only the newest segment', () => {
    const store = new MemoryStore();
    const log = createTransparencyLog({ store, capacity: 20, segmentEntries: 5 });
    for (let i = 0; i < 30; i++) log.uploaded(goodReport('energy'), i, T);
    assert.deepEqual(log.read().map((e) => e.bytes), [10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29]);
    assert.deepEqual(Object.keys(store.files).sort(), ['hb.l.2', 'hb.l.3', 'hb.l.4', 'hb.l.5']);
  });

  it('counts entries the store refused', () => {
    const store = new MemoryStore();
    store.write = () => false;
    const log = createTransparencyLog({ store });
    assert.equal(log.uploaded(goodReport('energy'), 1, T), Err.StorageWriteFailed);
    assert.equal(log.writeFailures(), 1);
  });

  it('validates its options once, naming the option', () => {
    const store = new MemoryStore();
    assert.throws(() => createTransparencyLog({ store, capacity: 0 }), /capacity must be a positive integer \(got 0\)/);
    assert.throws(() => createTransparencyLog({ store, segmentEntries: 2.5 }), /segmentEntries/);
    assert.throws(() => createTransparencyLog({ store, capacity: 10, segmentEntries: 20 }), /capacity must be at least segmentEntries/);
  });
});
