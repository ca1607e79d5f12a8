/**
 * Storage.write/read/erase/list/getStats against Espruino 2v29's behaviour.
 * Golden values (hashes, stats, texts) were taken from the 2v29 Linux build
 * (256 KiB in 1 KiB pages) running the same calls.
 */
import * as assert from 'assert';
import { createHash } from 'crypto';
import { FlashStorage, StorageMessage } from '../../../../simulator/storage';

const LINUX = { bytes: 262144, pageBytes: 1024 };
const SMALL = { bytes: 8192, pageBytes: 1024 };
const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const bytesAt = (s: FlashStorage, at: number, n: number): number[] => Array.from(s.image.subarray(at, at + n));

describe('FlashStorage (Espruino 2v29 Storage)', () => {
  it('lays a file out as a 32-byte header (size word, 28-byte name) and 4-byte aligned data', () => {
    const s = new FlashStorage(SMALL);
    s.write('a', 'hello');
    s.write('b', 'x');
    assert.deepStrictEqual(bytesAt(s, 0, 8), [5, 0, 0, 0, 0x61, 0, 0, 0]);
    assert.deepStrictEqual(bytesAt(s, 32, 8), [0x68, 0x65, 0x6c, 0x6c, 0x6f, 0xff, 0xff, 0xff]);
    assert.deepStrictEqual(bytesAt(s, 40, 5), [1, 0, 0, 0, 0x62]);
    assert.strictEqual(s.image[72], 0x78);
    assert.deepStrictEqual(s.getStats(), { totalBytes: 8192, freeBytes: 8116, fileBytes: 76, fileCount: 2, trashBytes: 0, trashCount: 0 });
  });

  it('produces the same flash image as Espruino 2v29 for a mixed write/erase sequence', () => {
    const s = new FlashStorage(LINUX);
    s.write('config.json', '{"a":1}');
    s.writeJSON('state', { n: 3, list: [1, 2.5, 'x\x01'], on: true });
    s.write('blob', 'AB', 0, 10);
    s.write('blob', 'CD', 2);
    s.write('blob', 'EFGHIJ', 4);
    s.write('config.json', '{"a":2}');
    s.erase('state');
    s.write('abcdefghijklmnopqrstuvwxyz0123456789', 'long');
    assert.deepStrictEqual(s.list(), ['blob', 'config.json', 'abcdefghijklmnopqrstuvwxyz01']);
    assert.deepStrictEqual(s.getStats(), { totalBytes: 262144, freeBytes: 261920, fileBytes: 120, fileCount: 3, trashBytes: 104, trashCount: 2 });
    assert.strictEqual(s.read('blob'), 'ABCDEFGHIJ');
    assert.strictEqual(sha256(s.image), '303d4c68d100239f337607769a10e0fc87b314b02d832925818594181f0f7d2c');
  });

  it('clips read offsets and lengths like jsfReadFile and returns undefined for a missing file', () => {
    const s = new FlashStorage(SMALL);
    s.write('r', 'Hi there');
    assert.strictEqual(s.read('r', 3, 2), 'th');
    assert.strictEqual(s.read('r', 3), 'there');
    assert.strictEqual(s.read('r', 20), '');
    assert.strictEqual(s.read('r', -5, 2), 'Hi');
    assert.strictEqual(s.read('nope'), undefined);
    assert.deepStrictEqual(Array.from(s.readArrayBuffer('r') ?? []), [72, 105, 32, 116, 104, 101, 114, 101]);
  });

  it('reads the unwritten part of a reserved file as 0xFF until later writes fill it', () => {
    const s = new FlashStorage(SMALL);
    assert.strictEqual(s.write('a', 'Hello', 0, 14), true);
    assert.strictEqual(s.read('a'), 'Hello' + '\xff'.repeat(9));
    s.write('a', ' ', 5);
    s.write('a', 'World!!!', 6);
    assert.strictEqual(s.read('a'), 'Hello World!!!');
    s.write('a', ' ', 0);
    assert.strictEqual(s.read('a'), ' ');
  });

  it("throws Espruino's exact messages for the write error paths", () => {
    const s = new FlashStorage(SMALL);
    s.write('r', 'Hi', 0, 10);
    const cases: Array<[() => unknown, string]> = [
      [() => s.write('z', ''), "Can't create zero length file"],
      [() => s.write('y', 'abc', 3), 'Unable to find or create file'],
      [() => s.write('r', 'abcdefghijk', 2), 'Too much data for file size'],
      [() => s.write('r', 'X', 1), 'File already written with different data'],
      [() => s.write('big', 'x'.repeat(9000)), 'Unable to find or create file'],
    ];
    for (const [call, message] of cases) assert.throws(call, (e: Error) => e.constructor === Error && e.message === message);
    assert.strictEqual(StorageMessage.ZeroLength, "Can't create zero length file");
    assert.strictEqual(s.write('neg', 'x', -1), false);
    assert.deepStrictEqual(s.list(), ['r']);
  });

  it('leaves flash untouched when a file is rewritten with identical contents', () => {
    const s = new FlashStorage(SMALL);
    s.write('same', 'abc');
    const programmed = s.counters.bytesProgrammed;
    assert.strictEqual(s.write('same', 'abc'), true);
    assert.strictEqual(s.counters.bytesProgrammed, programmed);
    assert.strictEqual(s.getStats().trashCount, 0);
  });

  it('turns a replaced file into trash by zeroing the first four name bytes only', () => {
    const s = new FlashStorage(SMALL);
    s.write('settings', 'v1');
    s.write('settings', 'v2!');
    assert.deepStrictEqual(bytesAt(s, 0, 12), [2, 0, 0, 0, 0, 0, 0, 0, 0x69, 0x6e, 0x67, 0x73]);
    assert.strictEqual(s.read('settings'), 'v2!');
    assert.deepStrictEqual(s.rawScan('v1'), [32]);
    assert.deepStrictEqual(s.getStats(), { totalBytes: 8192, freeBytes: 8120, fileBytes: 36, fileCount: 1, trashBytes: 36, trashCount: 1 });
  });

  it('truncates a 30-character name to 28 and counts a warning', () => {
    const warnings: string[] = [];
    const s = new FlashStorage({ ...SMALL, onWarning: (m) => warnings.push(m) });
    s.write('abcdefghijklmnopqrstuvwxyz0123', 'hello');
    assert.deepStrictEqual(s.list(), ['abcdefghijklmnopqrstuvwxyz01']);
    assert.strictEqual(s.read('abcdefghijklmnopqrstuvwxyz01XYZ'), 'hello');
    assert.strictEqual(s.counters.truncatedNames, 2);
    assert.strictEqual(warnings[0], 'Storage name "abcdefghijklmnopqrstuvwxyz0123" is longer than 28 bytes; ' +
      'Espruino silently truncates it to "abcdefghijklmnopqrstuvwxyz01"');
    s.write('abcdefghijklmnopqrstuvwxyz01', 'exact');
    assert.strictEqual(s.counters.truncatedNames, 2);
  });

  it('lets the empty name read an erased short-named file, as jsfFindFile matches trash', () => {
    const s = new FlashStorage(SMALL);
    s.write('r', 'secret');
    assert.strictEqual(s.read(''), undefined);
    s.erase('r');
    assert.strictEqual(s.read('r'), undefined);
    assert.strictEqual(s.read(''), 'secret');
  });

  it('accepts an empty name, whose all-zero header makes the file trash from birth', () => {
    const out: string[] = [];
    const s = new FlashStorage({ ...SMALL, onConsole: (t) => out.push(t) });
    assert.strictEqual(s.write('', 'x'), true);
    assert.deepStrictEqual([s.list(), s.read('')], [[], 'x']);
    assert.deepStrictEqual(s.getStats(), { totalBytes: 8192, freeBytes: 8156, fileBytes: 0, fileCount: 0, trashBytes: 36, trashCount: 1 });
    s.write('k', '1');
    s.compact();
    assert.deepStrictEqual([s.list(), s.read(''), out.join('')], [['k'], undefined, 'Compacting... \n']);
  });

  it('writes writeJSON in Espruino\'s compact dialect and reads it back', () => {
    const s = new FlashStorage(SMALL);
    s.writeJSON('j', { a: 0.1 + 0.2, b: 1 / 3, 'b c': '\x01\xe9', $: [undefined, NaN, -0, 1e21, 2.5e-7], f: () => 1, u: undefined });
    assert.strictEqual(s.read('j'), '{a:0.3,b:0.33333333333,"b c":"\\1\\xE9","$":[null,null,0,10e+20,2.5e-7]}');
    // stringToFloat adds digit * 0.1^n, so "0.3" reads back as 0.1*3 (bit-checked on the 2v29 build).
    assert.deepStrictEqual(s.readJSON('j'), {
      a: 0.30000000000000004, b: 0.3333333333300001, 'b c': '\x01\xe9', $: [null, null, 0, 1e21, 2.5000000000000004e-7],
    });
  });

  it('writes an object given to write() as standard JSON and an array as bytes', () => {
    const s = new FlashStorage(SMALL);
    s.write('o', { a: 1, 'b c': '\x01\xe9' });
    s.write('arr', [1, 2, 300, -1]);
    assert.strictEqual(s.read('o'), '{"a":1,"b c":"\\u0001\\u00E9"}');
    assert.strictEqual(s.read('arr'), '\x01\x02\x2c\xff');
  });

  it("throws Espruino's SyntaxError texts from readJSON unless noExceptions is set", () => {
    const s = new FlashStorage(SMALL);
    const texts: Record<string, string> = {
      a: '{a:1,', b: '[1,2 3]', c: '[undefined]', d: '{"x":12345\xff\xff', e: "{'k':[1,2,],}trailing",
    };
    for (const [name, text] of Object.entries(texts)) s.write(name, text);
    const message = (name: string): string => {
      try { s.readJSON(name); } catch (e) { return `${(e as Error).name}: ${(e as Error).message}`; }
      return 'no error';
    };
    assert.strictEqual(message('a'), "SyntaxError: Got EOF expected '}'");
    assert.strictEqual(message('b'), "SyntaxError: Got INT expected ','");
    assert.strictEqual(message('c'), 'SyntaxError: Expecting valid value, got undefined');
    assert.strictEqual(message('d'), "SyntaxError: Got [ERASED] expected ','");
    assert.deepStrictEqual(s.readJSON('e'), { k: [1, 2] });
    assert.strictEqual(s.readJSON('a', true), undefined);
    assert.strictEqual(s.readJSON('missing'), undefined);
  });

  it('lists with a RegExp, a pattern string, and the sf filter', () => {
    const s = new FlashStorage(SMALL);
    s.write('k', '1');
    s.write('k2', '2');
    s.write('app.js', '3');
    s.open('klog', 'w')?.write('x');
    assert.deepStrictEqual(s.list(), ['k', 'k2', 'app.js', 'klog\x01']);
    assert.deepStrictEqual(s.list(/k[0-9]/), ['k2']);
    assert.deepStrictEqual(s.list('\\.js$'), ['app.js']);
    assert.deepStrictEqual(s.list(undefined, { sf: true }), ['klog']);
    assert.deepStrictEqual(s.list(undefined, { sf: false }), ['k', 'k2', 'app.js']);
  });

  it('erases every page on eraseAll and counts each one', () => {
    const s = new FlashStorage(SMALL);
    s.write('a', 'x');
    s.eraseAll();
    assert.strictEqual(s.counters.pageErases, 8);
    assert.ok(s.image.every((b) => b === 0xff));
    assert.strictEqual(s.getFree(), 8192);
  });

  it('names the option when the geometry is invalid', () => {
    assert.throws(() => new FlashStorage({ bytes: 10000, pageBytes: 4096 }), { message: 'pageBytes must divide bytes (got bytes=10000, pageBytes=4096)' });
    assert.throws(() => new FlashStorage({ bytes: 8192, pageBytes: 1000 }), { message: 'pageBytes must be a power of two of at least 64 (got 1000)' });
    assert.throws(() => new FlashStorage({ ...SMALL, image: new Uint8Array(10) }), { message: 'image must be exactly bytes long (got 10, expected 8192)' });
  });
});
