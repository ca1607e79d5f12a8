import { strict as assert } from 'assert';
import { createHash } from 'crypto';
import { createRandom } from '../../sdk/device/random';
import type { Hash } from '../../sdk/platform';
import { toHex } from '../../sdk/util';
import { bootRandom } from '../../simulator/device/host-bridge';
import { FlashStorage } from '../../simulator/storage';
import { createFlashStore, createTestFlash } from '../support/flash-store';

// Espruino 2v29's Math.random() and E.hwRand() restart the same sequence at
// every boot (ESPRUINO.md §5; the simulator reproduces it with bootRandom()).
// Report ids drawn from them repeat after a reboot, and the collector, which
// deduplicates by id, would silently drop a *different* report as a
// duplicate. The fix is sdk/device/random.ts: a hash chain whose advanced
// state is persisted before any output is used.
describe('regression: Espruino Math.random repeats after every boot', () => {
  const nodeHash: Hash = {
    sha256: (data) => createHash('sha256').update(Buffer.from(data, 'latin1')).digest().toString('latin1'),
  };
  /** A 128-bit report id from Math.random, four 32-bit draws, the obvious way. */
  const mathRandomId = (random: () => number): string => {
    let s = '';
    for (let i = 0; i < 4; i++) {
      const v = Math.floor(random() * 4294967296);
      s += String.fromCharCode((v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255);
    }
    return toHex(s);
  };
  /** Noise from the repeating hwRand, as a naive seed would take it: the same bytes every boot. */
  const hwRandNoise = (): string => {
    const r = bootRandom();
    let s = '';
    for (let i = 0; i < 32; i++) s += String.fromCharCode(r.hwRand() & 255);
    return s;
  };

  it('the problem: ids from Math.random repeat across reboots', () => {
    const boots: string[][] = [];
    for (let b = 0; b < 3; b++) {
      const { random } = bootRandom(); // a fresh boot
      boots.push([mathRandomId(random), mathRandomId(random), mathRandomId(random)]);
    }
    assert.deepEqual(boots[1], boots[0]);
    assert.deepEqual(boots[2], boots[0]);
    assert.equal(hwRandNoise(), hwRandNoise(), 'and the hardware RNG is no better');
  });

  it('the fix: ids from createRandom over one persisted Storage never repeat across 1000 reboots with the same noise', () => {
    const { flash } = createTestFlash();
    let image = flash.image;
    const seen = new Set<string>();
    let drawn = 0;
    for (let b = 0; b < 1000; b++) {
      // Each boot starts from the flash image alone: nothing survives in RAM.
      const booted = new FlashStorage({ bytes: 262144, pageBytes: 1024, image });
      const r = createRandom({ store: createFlashStore(booted), hash: nodeHash, noise: hwRandNoise });
      assert.equal(r.ok(), true);
      // 1..20 ids a boot: some boots cross reservation boundaries (64 draws = 16 ids).
      for (let i = 0; i <= b % 20; i++) {
        const id = r.hex(16);
        assert.ok(!seen.has(id), `boot ${b} repeats id ${id}`);
        seen.add(id);
        drawn++;
      }
      image = booted.image;
    }
    assert.equal(seen.size, drawn);
    assert.ok(drawn > 10000, `${drawn} ids`);
  });
});
