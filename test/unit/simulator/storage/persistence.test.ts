/**
 * saveTo / loadFrom: a simulated device keeps its flash across runs, and an
 * image from another board is refused with a message naming the file.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FlashStorage, GEOMETRY_FILE, IMAGE_FILE } from '../../../../simulator/storage';

const SMALL = { bytes: 8192, pageBytes: 1024 };

describe('Storage persistence', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hb-storage-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes flash.bin and flash.json, and loads the same files back', () => {
    const s = new FlashStorage(SMALL);
    s.writeJSON('state', { boots: 1 });
    s.open('log', 'a')?.write('boot 1\n');
    s.saveTo(dir);
    assert.deepStrictEqual(fs.readdirSync(dir).sort(), [IMAGE_FILE, GEOMETRY_FILE]);
    assert.deepStrictEqual(JSON.parse(fs.readFileSync(path.join(dir, GEOMETRY_FILE), 'utf8')), { bytes: 8192, pageBytes: 1024 });
    assert.strictEqual(fs.statSync(path.join(dir, IMAGE_FILE)).size, 8192);

    const next = FlashStorage.loadFrom(dir, SMALL);
    assert.deepStrictEqual(next.readJSON('state'), { boots: 1 });
    next.open('log', 'a')?.write('boot 2\n');
    assert.strictEqual(next.open('log', 'r')?.read(100), 'boot 1\nboot 2\n');
    // counters start afresh: 7 bytes at data offset 7 program three whole words (jshFlashWriteAligned)
    assert.deepStrictEqual(next.counters, { pageErases: 0, bytesProgrammed: 12, truncatedNames: 0, compactions: 0 });
  });

  it('starts erased when the directory holds no image yet', () => {
    const s = FlashStorage.loadFrom(path.join(dir, 'new-device'), SMALL);
    assert.deepStrictEqual(s.list(), []);
    assert.strictEqual(s.getFree(), 8192);
  });

  it('refuses an image whose size does not match the board, naming the file', () => {
    new FlashStorage(SMALL).saveTo(dir);
    fs.rmSync(path.join(dir, GEOMETRY_FILE));
    const file = path.join(dir, IMAGE_FILE);
    assert.throws(() => FlashStorage.loadFrom(dir, { bytes: 16384, pageBytes: 1024 }), {
      message: `${file} holds 8192 bytes, but the board's Storage is 16384 bytes; refusing to load a flash image from another board`,
    });
  });

  it('refuses an image recorded with another page size, naming flash.json', () => {
    new FlashStorage(SMALL).saveTo(dir);
    const file = path.join(dir, GEOMETRY_FILE);
    assert.throws(() => FlashStorage.loadFrom(dir, { bytes: 8192, pageBytes: 4096 }), {
      message: `${file} describes 8192 bytes in 1024-byte pages, but the board's Storage is 8192 bytes in 4096-byte pages`,
    });
  });
});
