import { strict as assert } from 'assert';
import { createHash } from 'crypto';
import { createRandom } from '../../../sdk/device/random';
import type { DeviceRandom, RandomOptions } from '../../../sdk/device/random';
import type { FileStore, Hash } from '../../../sdk/platform';
import { FlashStorage, PowerCutSignal } from '../../../simulator/storage';
import type { FaultDecision, StorageOp } from '../../../simulator/storage';
import { createFlashStore, createTestFlash } from '../../support/flash-store';

const nodeHash: Hash = {
  sha256: (data) => createHash('sha256').update(Buffer.from(data, 'latin1')).digest().toString('latin1'),
};
/** The worst case: the same noise at every boot, as Espruino's repeating E.hwRand would give. */
const sameNoise = (): string => 'noise-that-never-changes';

function boot(store: FileStore, extra: Partial<RandomOptions> = {}): DeviceRandom {
  return createRandom({ store, hash: nodeHash, noise: sameNoise, ...extra });
}

/** Reboot from the flash image, as after a power cut. */
function rebootFlash(flash: FlashStorage): FlashStorage {
  return new FlashStorage({ bytes: 262144, pageBytes: 1024, image: flash.image });
}

describe('device/random', () => {
  it('draws uniform numbers in [0, 1) and hex of the asked length', () => {
    const r = boot(createTestFlash().store);
    let sum = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < 4000; i++) {
      const x = r.next();
      assert.ok(x >= 0 && x < 1, String(x));
      sum += x;
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    assert.ok(Math.abs(sum / 4000 - 0.5) < 0.02, `mean ${sum / 4000}`);
    assert.ok(min < 0.01 && max > 0.99);
    assert.match(r.hex(16), /^[0-9a-f]{32}$/);
    assert.equal(r.hex(3).length, 6);
    assert.equal(r.ok(), true);
  });

  it('persists one reservation per boot and one per `reserve` draws, never more', () => {
    let writes = 0;
    const { store } = createTestFlash((op) => { if (op.kind === 'write') writes++; return 'continue'; });
    const r = boot(store, { reserve: 64 });
    assert.equal(writes, 1, 'the boot reservation is written before the first draw');
    for (let i = 0; i < 64; i++) r.next();
    assert.equal(writes, 1);
    r.next();
    assert.equal(writes, 2);
    for (let i = 0; i < 1000; i++) r.next();
    assert.equal(writes, Math.ceil(1065 / 64));
    assert.equal(r.counters().reservations, writes);
    // hex draws count in bytes: 16 bytes are 4 draws.
    const before = writes;
    for (let i = 0; i < 16; i++) r.hex(16);
    assert.ok(writes - before <= 2, `${writes - before} writes for 64 draws' worth of hex`);
  });

  it('continues the chain across reboots: no output repeats with the same noise', () => {
    const { store } = createTestFlash();
    const seen = new Set<string>();
    for (let b = 0; b < 50; b++) {
      const r = boot(store, { reserve: 8 });
      for (let i = 0; i < 20; i++) {
        const id = r.hex(16);
        assert.ok(!seen.has(id), `boot ${b} repeats ${id}`);
        seen.add(id);
      }
    }
    assert.equal(seen.size, 1000);
  });

  it('seeds a first boot from its noise', () => {
    const a = boot(createTestFlash().store).hex(16);
    const b = boot(createTestFlash().store, { noise: () => 'other noise' }).hex(16);
    assert.notEqual(a, b);
  });

  describe('corrupt state', () => {
    it('counts corrupt slots, reseeds when none is valid, and recovers', () => {
      const { store } = createTestFlash();
      boot(store).hex(16);
      store.write('hb.r.a', 'garbage');
      store.write('hb.r.b', 'x'.repeat(40));
      const r = boot(store, { reserve: 4 });
      assert.deepEqual(r.counters(), { corrupt: 2, reseeds: 1, reservations: 1, writeFailures: 0 });
      assert.equal(r.ok(), true);
      const first = r.hex(16);
      r.hex(16); // crosses into a second reservation: both slots valid again
      const again = boot(store);
      assert.deepEqual(again.counters(), { corrupt: 0, reseeds: 0, reservations: 1, writeFailures: 0 });
      assert.notEqual(again.hex(16), first);
    });

    it('falls back to the other slot when the newest is torn, without reseeding', () => {
      const { store } = createTestFlash();
      const r = boot(store, { reserve: 4 });
      r.hex(16);
      r.hex(16);
      const newest = store.read('hb.r.a')!; // seq 2
      store.write('hb.r.a', newest.substring(0, 39) + String.fromCharCode(newest.charCodeAt(39) ^ 1));
      const after = boot(store);
      assert.deepEqual([after.counters().corrupt, after.counters().reseeds], [1, 0]);
    });

    it('refuses a valid-looking slot holding the other parity', () => {
      const { store } = createTestFlash();
      boot(store); // writes seq 1 into hb.r.b
      store.write('hb.r.a', store.read('hb.r.b')!);
      const r = boot(store);
      assert.equal(r.counters().corrupt, 1);
      assert.equal(r.counters().reseeds, 0);
    });
  });

  describe('when Storage refuses the reservation', () => {
    it('still draws, but reports ok() false until a reservation is persisted again', () => {
      const { store } = createTestFlash();
      let refuse = true;
      const flaky: FileStore = { ...store, write: (n, d) => (refuse ? false : store.write(n, d)) };
      const r = boot(flaky, { reserve: 4 });
      assert.equal(r.ok(), false);
      assert.equal(r.counters().writeFailures, 1);
      const x = r.next();
      assert.ok(x >= 0 && x < 1);
      refuse = false;
      for (let i = 0; i < 3; i++) r.next();
      assert.equal(r.ok(), false, 'retried only after `reserve` draws');
      r.next();
      assert.equal(r.ok(), true);
      assert.equal(r.counters().reservations, 1);
    });

    it('never serves the persisted stream from an unpersisted state', () => {
      // Boot 1 cannot write: whatever it draws is volatile. Boot 2 (same noise) persists and draws:
      // its ids must differ from boot 1's, which a caller would have refused as ids anyway (ok() false).
      const { store } = createTestFlash();
      boot(store).hex(16);
      const refused: FileStore = { ...store, write: () => false };
      const volatile = boot(refused).hex(16);
      const persisted = boot(store).hex(16);
      assert.notEqual(volatile, persisted);
    });
  });

  it('rejects bad options at construction', () => {
    const { store } = createTestFlash();
    assert.throws(() => createRandom({ store, hash: nodeHash, noise: undefined as unknown as () => string }), /noise/);
    assert.throws(() => boot(store, { file: 'x'.repeat(27) }), /file/);
    assert.throws(() => boot(store, { reserve: 0 }), /reserve/);
  });
});

describe('device/random under power cuts', () => {
  const RESERVE = 4;
  const IDS_PER_BOOT = 9; // 36 draws: the boot reservation and several more
  const BOOTS = 3;

  /** Boot BOOTS times drawing ids until the power dies; returns the ids handed out. */
  function runUntilCut(flash: FlashStorage): string[] {
    const handed: string[] = [];
    try {
      for (let b = 0; b < BOOTS; b++) {
        const r = boot(createFlashStore(flash), { reserve: RESERVE });
        for (let i = 0; i < IDS_PER_BOOT; i++) handed.push(r.hex(16));
      }
    } catch (e) {
      if (!(e instanceof PowerCutSignal)) throw e;
    }
    return handed;
  }

  it('never repeats an id handed out before a cut, at every Storage call, torn or not', () => {
    const ops: StorageOp[] = [];
    runUntilCut(createTestFlash((op) => { ops.push(op); return 'continue'; }).flash);
    assert.ok(ops.length >= BOOTS * 4, `${ops.length} Storage calls`);
    const decisions: Array<(op: StorageOp) => FaultDecision> = [() => 'cut'];
    for (const n of [0, 1, 20, 39, 60, 100]) decisions.push((op) => (op.kind === 'write' ? { tearAfterBytes: n } : 'cut'));
    let cases = 0;
    for (let at = 0; at < ops.length; at++) {
      for (const decide of decisions) {
        let calls = 0;
        const { flash } = createTestFlash((op) => (calls++ === at ? decide(op) : 'continue'));
        const handed = new Set(runUntilCut(flash));
        assert.ok(flash.frozen, `call ${at} cut the power`);
        // Two more boots after the cut, each drawing past several reservations.
        let rebooted = rebootFlash(flash);
        for (let b = 0; b < 2; b++) {
          const r = boot(createFlashStore(rebooted), { reserve: RESERVE });
          assert.equal(r.ok(), true);
          for (let i = 0; i < 12; i++) {
            const id = r.hex(16);
            assert.ok(!handed.has(id), `cut at call ${at} (${ops[at].kind} ${ops[at].name}): ${id} repeats after reboot ${b}`);
            handed.add(id);
          }
          rebooted = rebootFlash(rebooted);
        }
        cases++;
      }
    }
    assert.ok(cases > 50, `${cases} cases`);
  });
});
