import { strict as assert } from 'assert';
import {
  CHECKPOINT_PREFIX, CHECKPOINT_VERSION, checkpointName, decodeCheckpoint, encodeCheckpoint, Restore,
} from '../../../sdk/privacy/checkpoint';
import { crc32, isSafeStorageName } from '../../../sdk/util/index';

const START = Date.UTC(2024, 2, 10);
const SIG = 0xdeadbeef;

function slab(): Float64Array {
  return new Float64Array([86400000, 43200000.5, -Infinity, Infinity, 0.1, -273.15, 1e300, 5e-324, 0]);
}

function withCrc(body: string): string {
  const c = crc32(body);
  return body + String.fromCharCode(c & 255, (c >>> 8) & 255, (c >>> 16) & 255, c >>> 24);
}

describe('checkpoints', () => {
  it('computes the standard CRC-32 (check value of "123456789" is 0xCBF43926)', () => {
    assert.equal(crc32('123456789'), 0xcbf43926);
    assert.equal(crc32(''), 0);
    assert.equal(crc32('xx123456789yy', 2, 11), 0xcbf43926);
    assert.equal(crc32('\u00ff\u0000\u0080'), 0xac616edf); // python: zlib.crc32(bytes([255, 0, 128]))
    assert.equal(crc32('The quick brown fox jumps over the lazy dog'), 0x414fa339);
  });

  it('names files hb.w.<purposeIdx>.<tierIdx>, always short enough for Storage', () => {
    assert.equal(checkpointName(2, 3), 'hb.w.2.3');
    assert.ok(checkpointName(2, 3).startsWith(CHECKPOINT_PREFIX));
    assert.ok(isSafeStorageName(checkpointName(4294967295, 3)));
  });

  it('round-trips a slab bit for bit, in 20 + 8n bytes', () => {
    const data = encodeCheckpoint(2, SIG, START, slab());
    assert.equal(data.length, 20 + 8 * 9);
    assert.equal(data.charCodeAt(0), CHECKPOINT_VERSION);
    for (let i = 0; i < data.length; i++) assert.ok(data.charCodeAt(i) < 256);
    const into = new Float64Array(9);
    assert.equal(decodeCheckpoint(data, 2, SIG, START, into), Restore.Ok);
    assert.deepEqual(Array.from(into), Array.from(slab()));
  });

  it('reports an absent file as Absent', () => {
    assert.equal(decodeCheckpoint(undefined, 2, SIG, START, new Float64Array(9)), Restore.Absent);
  });

  it('detects a torn write (truncated file) and leaves the slab untouched', () => {
    const data = encodeCheckpoint(2, SIG, START, slab());
    const into = new Float64Array(9).fill(7);
    for (const cut of [0, 3, 19, 20, 50, data.length - 1]) {
      assert.equal(decodeCheckpoint(data.substr(0, cut), 2, SIG, START, into), Restore.Corrupt, `cut at ${cut}`);
    }
    assert.deepEqual(Array.from(into), new Array(9).fill(7));
  });

  it('detects every single flipped bit', () => {
    const data = encodeCheckpoint(2, SIG, START, slab());
    for (let i = 0; i < data.length; i++) {
      for (let b = 0; b < 8; b++) {
        const bad = data.substr(0, i) + String.fromCharCode(data.charCodeAt(i) ^ (1 << b)) + data.substr(i + 1);
        assert.equal(decodeCheckpoint(bad, 2, SIG, START, new Float64Array(9)), Restore.Corrupt, `byte ${i} bit ${b}`);
      }
    }
  });

  it('treats an intact file of another window, tier, layout or size as stale', () => {
    const data = encodeCheckpoint(2, SIG, START, slab());
    assert.equal(decodeCheckpoint(data, 2, SIG, START + 86400000, new Float64Array(9)), Restore.Stale);
    assert.equal(decodeCheckpoint(data, 1, SIG, START, new Float64Array(9)), Restore.Stale);
    assert.equal(decodeCheckpoint(data, 2, SIG ^ 1, START, new Float64Array(9)), Restore.Stale);
    assert.equal(decodeCheckpoint(data, 2, SIG, START, new Float64Array(8)), Restore.Stale);
  });

  it('treats an unknown version (with a valid CRC) as corrupt', () => {
    const data = encodeCheckpoint(2, SIG, START, slab());
    const body = String.fromCharCode(CHECKPOINT_VERSION + 1) + data.substr(1, data.length - 5);
    assert.equal(decodeCheckpoint(withCrc(body), 2, SIG, START, new Float64Array(9)), Restore.Corrupt);
    assert.equal(decodeCheckpoint(withCrc(data.substr(0, data.length - 4)), 2, SIG, START, new Float64Array(9)), Restore.Ok);
  });
});
