/**
 * StorageFile (Storage.open) against Espruino 2v29: chunk files, 0xFF as end
 * of file, append after reopening, mode errors and name truncation. The golden
 * image was produced by the 2v29 Linux build (1 KiB pages, 992-byte chunks).
 */
import * as assert from 'assert';
import { createHash } from 'crypto';
import { FlashStorage, StorageFile } from '../../../../simulator/storage';

const LINUX = { bytes: 262144, pageBytes: 1024 };
const SMALL = { bytes: 16384, pageBytes: 1024 };
const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

function open(s: FlashStorage, name: string, mode: 'r' | 'w' | 'a'): StorageFile {
  const f = s.open(name, mode);
  if (!f) throw new Error('storage unexpectedly frozen');
  return f;
}

function readAll(f: StorageFile, block: number): string {
  let all = '';
  for (let c = f.read(block); c !== undefined; c = f.read(block)) all += c;
  return all;
}

describe('StorageFile (Storage.open)', () => {
  it('produces the same chunks and image as Espruino 2v29 for writes, appends and a 0xFF', () => {
    const s = new FlashStorage(LINUX);
    let rows = '';
    for (let i = 0; i < 40; i++) rows += `row ${i} abcdefgh\n`;
    let f = open(s, 'log', 'w');
    f.write('line one\nline two\n');
    f.write(rows);
    f.write(rows);
    f = open(s, 'log', 'a');
    f.write('tail\xffmore');
    f.write('X');
    open(s, 'log', 'a').write('cd');
    open(s, 'abcdefghijklmnopqrstuvwxyz0123', 'a').write('hello');
    assert.strictEqual(open(s, 'log', 'r').getLength(), 1288);
    assert.deepStrictEqual(s.list(), ['log\x01', 'abcdefghijklmnopqrstuvwxyz0\x01']);
    assert.deepStrictEqual(s.getStats(), { totalBytes: 262144, freeBytes: 259072, fileBytes: 3072, fileCount: 3, trashBytes: 0, trashCount: 0 });
    const all = readAll(open(s, 'log', 'r'), 100);
    assert.strictEqual(all.length, 1288);
    assert.strictEqual(all.slice(-30), 'fgh\nrow 39 abcdefgh\ntailcdoreX'); // "cd" ANDed over "\xffm"
    assert.strictEqual(sha256(s.image), 'bc0a238d2b2c6111c1584fe40bd2c068fd555ce0dfe95bd445834f2f85cc69b6');
  });

  it('stores chunks as name + chunk byte, flagged StorageFile, each reserving STORAGEFILE_CHUNKSIZE', () => {
    const s = new FlashStorage(SMALL);
    assert.strictEqual(s.chunkBytes, 992);
    assert.strictEqual(new FlashStorage({ bytes: 917504, pageBytes: 4096 }).chunkBytes, 4064);
    open(s, 'log', 'w').write('abc');
    assert.deepStrictEqual(Array.from(s.image.subarray(0, 9)), [0xe0, 0x03, 0x00, 0x40, 0x6c, 0x6f, 0x67, 0x01, 0x00]);
    assert.strictEqual(s.read('log\x01'), 'abc' + '\xff'.repeat(989));
    assert.deepStrictEqual(s.list(undefined, { sf: true }), ['log']);
  });

  it('reads lines and blocks across chunk boundaries', () => {
    const s = new FlashStorage(SMALL);
    const w = open(s, 'lines', 'w');
    for (let i = 0; i < 100; i++) w.write(`line number ${i}\n`);
    assert.strictEqual(s.list(/lines/).length, 1);
    assert.strictEqual(s.getStats().fileCount, 2);
    const r = open(s, 'lines', 'r');
    const lines: string[] = [];
    for (let l = r.readLine(); l !== undefined; l = r.readLine()) lines.push(l);
    assert.strictEqual(lines.length, 100);
    assert.strictEqual(lines[99], 'line number 99\n');
    assert.strictEqual(readAll(open(s, 'lines', 'r'), 7).length, open(s, 'lines', 'r').getLength());
    assert.strictEqual(r.read(10), undefined);
    assert.strictEqual(open(s, 'lines', 'r').read(0), undefined);
  });

  it('treats a written 0xFF as end of file, and a reopened append writes over it', () => {
    const s = new FlashStorage(SMALL);
    open(s, 'f', 'w').write('ab\xffcd');
    assert.strictEqual(open(s, 'f', 'r').read(10), 'ab');
    assert.strictEqual(open(s, 'f', 'r').getLength(), 2);
    open(s, 'f', 'a').write('XY');
    // 'X' lands on 0xFF; 'Y' (0x59) is ANDed into 'c' (0x63) giving 'A' (0x41).
    assert.strictEqual(open(s, 'f', 'r').read(10), 'abXAd');
  });

  it('creates an empty next chunk when an append exactly fills the current one', () => {
    const s = new FlashStorage(SMALL);
    const f = open(s, 'exact', 'w');
    f.write('a');
    assert.strictEqual(s.getStats().fileCount, 1);
    f.write('z'.repeat(991));
    assert.deepStrictEqual(s.list(undefined, { sf: true }), ['exact']);
    assert.strictEqual(s.getStats().fileCount, 2);
    assert.strictEqual(s.read('exact\x02'), '\xff'.repeat(992));
    f.write('next');
    assert.strictEqual(open(s, 'exact', 'r').getLength(), 996);
  });

  it('refuses a first write longer than a chunk, leaving its header, and stops writing', () => {
    const s = new FlashStorage(SMALL);
    const f = open(s, 'toolong', 'w');
    assert.throws(() => f.write('y'.repeat(2000)), { message: 'Too much data for file size' });
    assert.throws(() => f.write('x'), { message: "Can't write in this mode" });
    assert.deepStrictEqual(s.list(), ['toolong\x01']);
    assert.strictEqual(open(s, 'toolong', 'r').read(5), undefined);
  });

  it("throws Espruino's mode errors", () => {
    const s = new FlashStorage(SMALL);
    assert.throws(() => s.open('q', 'x' as 'r'), { message: 'Invalid mode "x"' });
    assert.throws(() => s.open('q', '\x01' as 'r'), { message: 'Invalid mode "\\1"' });
    assert.throws(() => s.open('q', undefined as unknown as 'r'), { message: 'Invalid mode undefined' });
    assert.throws(() => open(s, 'q', 'r').write('x'), { message: "Can't write in this mode" });
    assert.throws(() => open(s, 'q', 'w').read(1), { message: "Can't read in this mode" });
    open(s, 'q', 'w').write('data');
    const r = open(s, 'q', 'r');
    r.erase();
    assert.throws(() => r.read(1), { message: "Can't read in this mode" });
    assert.deepStrictEqual(s.list(), []);
    assert.strictEqual(s.getStats().trashCount, 1);
  });

  it('truncates a StorageFile name to 27 bytes, the 28th holding the chunk number', () => {
    const warnings: string[] = [];
    const s = new FlashStorage({ ...SMALL, onWarning: (m) => warnings.push(m) });
    const f = open(s, 'abcdefghijklmnopqrstuvwxyz01', 'a');
    assert.strictEqual(f.name, 'abcdefghijklmnopqrstuvwxyz01');
    f.write('hello');
    assert.deepStrictEqual(s.list(), ['abcdefghijklmnopqrstuvwxyz0\x01']);
    assert.strictEqual(open(s, 'abcdefghijklmnopqrstuvwxyz0', 'r').read(10), 'hello');
    assert.strictEqual(s.counters.truncatedNames, 1);
    assert.match(warnings[0], /longer than 27 bytes; Espruino silently truncates it to "abcdefghijklmnopqrstuvwxyz0"$/);
  });

  it("throws 'File too big!' once chunk 255 is full", () => {
    const s = new FlashStorage({ bytes: 32768, pageBytes: 64 }); // 32-byte chunks
    const f = open(s, 'huge', 'w');
    for (let i = 0; i < 255; i++) f.write('0123456789abcdef0123456789abcde'); // 31 bytes: never fills a chunk exactly
    assert.throws(() => { for (let i = 0; i < 10; i++) f.write('0123456789abcdef0123456789abcde'); }, { message: 'File too big!' });
    assert.strictEqual(open(s, 'huge', 'r').getLength(), 255 * 32);
  });
});
