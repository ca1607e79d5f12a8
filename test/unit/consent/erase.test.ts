import { strict as assert } from 'assert';
import { Err } from '../../../sdk/model';
import { createConsentLedger, createTransparencyLog, eraseOwnerData } from '../../../sdk/consent';
import { FlashStorage } from '../../../simulator/storage';
import type { FaultDecision, StorageOp } from '../../../simulator/storage';
import { createFlashStore, createTestFlash } from '../../support/flash-store';
import { FakeClock, goodReport, nodeHash, testPolicy } from './fixtures';

function ownerDevice(hook?: (op: StorageOp) => FaultDecision) {
  const t = createTestFlash(hook);
  const { store } = t;
  const ledger = createConsentLedger({ policy: testPolicy(), store, hash: nodeHash, clock: new FakeClock() });
  ledger.grant('utility', 'energy');
  ledger.grant('partner', 'marketing');
  const log = createTransparencyLog({ store, capacity: 40, segmentEntries: 10 });
  for (let i = 0; i < 25; i++) log.uploaded({ ...goodReport('energy'), purpose: 'energy', id: 'c0ffee' }, i, 1741000000000);
  for (let i = 0; i < 3; i++) {
    store.write('hb.w.1.0', `{"sum":"CHECKPOINT-MARKER-${i}"}`);
    store.write('hb.q.0', `{"r":"OUTBOX-MARKER-${i}"}`);
  }
  store.write('hb.s.pseudo', 'PSEUDONYM-KEY-MARKER');
  store.write('hb.s.drbg', 'DRBG-STATE-MARKER');
  store.write('.wificfg', '{"ssid":"HOME-WIFI-MARKER","password":"hunter2-MARKER"}');
  store.write('hb.k.utility', 'PROVISIONED-CREDENTIAL');
  store.write('.bootcde', 'FIRMWARE-CODE');
  return t;
}

const OWNER_MARKERS = ['CHECKPOINT-MARKER', 'OUTBOX-MARKER', 'PSEUDONYM-KEY-MARKER', 'DRBG-STATE-MARKER', 'HOME-WIFI-MARKER', 'hunter2', 'compressorW.energy', 'marketing'];

describe('consent/erase', () => {
  it('req 14: one call wipes the owner\'s data and secrets, trash included, and keeps provisioned credentials', () => {
    const { flash, store } = ownerDevice();
    for (const m of OWNER_MARKERS) assert.ok(flash.rawScan(m).length > 0, `${m} is on flash before`);
    assert.equal(eraseOwnerData(store), Err.None);
    for (const m of OWNER_MARKERS) assert.deepEqual(flash.rawScan(m), [], `${m} is gone, trash included`);
    assert.equal(store.read('hb.k.utility'), 'PROVISIONED-CREDENTIAL');
    assert.equal(store.read('.bootcde'), 'FIRMWARE-CODE', 'the firmware is not owner data');
    assert.deepEqual(flash.list().sort(), ['.bootcde', 'hb.k.utility']);
    assert.equal(flash.getStats().trashCount, 0);
  });

  it('req 14: leaves the factory privacy state: no consent, an empty log', () => {
    const { store } = ownerDevice();
    eraseOwnerData(store);
    const ledger = createConsentLedger({ policy: testPolicy(), store, hash: nodeHash, clock: new FakeClock() });
    assert.deepEqual(ledger.list(), []);
    assert.equal(ledger.loadStatus(), Err.None);
    assert.equal(ledger.isLive('utility', 'energy', '1d'), false);
    assert.deepEqual(createTransparencyLog({ store }).read(), []);
  });

  it('keeps what a custom keep accepts', () => {
    const { store } = ownerDevice();
    assert.equal(eraseOwnerData(store, (n) => n === 'hb.s.drbg'), Err.None);
    assert.equal(store.read('hb.s.drbg'), 'DRBG-STATE-MARKER');
    assert.equal(store.read('hb.k.utility'), undefined, 'a custom keep replaces the default');
  });

  it('reports a store that cannot compact, after erasing what it can', () => {
    const { store } = ownerDevice();
    assert.equal(eraseOwnerData({ ...store, compact: undefined }), Err.StorageWriteFailed);
    assert.deepEqual(store.list('hb.').filter((n) => !n.startsWith('hb.k.')), []);
  });

  it('erases every chunk of the log on a store without eraseAppended', () => {
    const { flash, store } = ownerDevice();
    assert.equal(eraseOwnerData({ ...store, eraseAppended: undefined }), Err.None);
    for (const m of OWNER_MARKERS) assert.deepEqual(flash.rawScan(m), [], m);
    assert.equal(flash.getStats().fileCount, 2);
  });

  it('req 14: an erase cut by a power loss at any Storage call finishes when run again after reboot', () => {
    let armed = false;
    let calls = 0;
    const probe = ownerDevice((op) => { if (armed) calls++; return 'continue'; });
    armed = true;
    eraseOwnerData(probe.store);
    const total = calls;
    assert.ok(total > 10, `${total} calls`);
    const decisions: FaultDecision[] = ['cut', { tearAfterBytes: 4 }];
    for (let cutAt = 0; cutAt < total; cutAt++) {
      for (const decision of decisions) {
        let n = 0;
        armed = false;
        const { flash, store } = ownerDevice((op) => (armed && op.kind !== 'compact' && n++ === cutAt ? decision : 'continue'));
        armed = true;
        eraseOwnerData(store);
        const rebooted = new FlashStorage({ bytes: 262144, pageBytes: 1024, image: flash.image });
        const again = createFlashStore(rebooted);
        const what = `${JSON.stringify(decision)} at call ${cutAt}`;
        assert.equal(eraseOwnerData(again), Err.None, what);
        for (const m of OWNER_MARKERS) assert.deepEqual(rebooted.rawScan(m), [], `${m} after ${what}`);
        assert.equal(again.read('hb.k.utility'), 'PROVISIONED-CREDENTIAL');
      }
    }
  });
});
