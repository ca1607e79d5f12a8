/**
 * Power-cut injection: the fault hook, cuts, torn writes and the frozen state.
 * The torn images were also loaded into the 2v29 Linux build, which listed,
 * read and wrote them exactly as asserted here.
 */
import * as assert from 'assert';
import { FlashStorage, PowerCutSignal, type FaultDecision, type StorageOp } from '../../../../simulator/storage';

const LINUX = { bytes: 262144, pageBytes: 1024 };
const SMALL = { bytes: 8192, pageBytes: 1024 };

/** A storage whose hook answers `decision` for calls matching `kind` and `name`. */
function faulty(kind: string, name: string | undefined, decision: FaultDecision, geometry = LINUX): FlashStorage {
  return new FlashStorage({ ...geometry, faultHook: (op) => (op.kind === kind && op.name === name ? decision : 'continue') });
}

function expectCut(call: () => unknown, op: string, bytesProgrammed: number): void {
  assert.throws(call, (e: unknown) => e instanceof PowerCutSignal && e.op === op && e.bytesProgrammed === bytesProgrammed);
}

describe('Storage power cuts', () => {
  it('asks the fault hook before every call, with the kind, name and data length', () => {
    const ops: StorageOp[] = [];
    const s = new FlashStorage({ ...SMALL, faultHook: (op) => { ops.push(op); return 'continue'; } });
    s.write('a', 'hello');
    s.read('a');
    s.list();
    const f = s.open('log', 'a');
    f?.write('line\n');
    s.erase('a');
    s.compact();
    assert.deepStrictEqual(ops, [
      { kind: 'write', name: 'a', bytes: 5 }, { kind: 'read', name: 'a' }, { kind: 'list' },
      { kind: 'open-append', name: 'log' }, { kind: 'file-write', name: 'log', bytes: 5 },
      { kind: 'erase', name: 'a' }, { kind: 'compact' },
    ]);
  });

  it("'cut' freezes the image before the call touches flash, and every later call is inert", () => {
    const s = faulty('write', 'b', 'cut', SMALL);
    s.write('a', 'first');
    const before = s.image.slice();
    expectCut(() => s.write('b', 'second'), 'write', 0);
    assert.deepStrictEqual(s.image, before);
    assert.strictEqual(s.frozen, true);
    assert.strictEqual(s.write('c', 'x'), false);
    assert.strictEqual(s.read('a'), undefined);
    assert.deepStrictEqual(s.list(), []);
    assert.strictEqual(s.open('log', 'w'), undefined);
    s.eraseAll();
    assert.deepStrictEqual(s.image, before);
    assert.deepStrictEqual(s.getStats(), { totalBytes: 0, freeBytes: 0, fileBytes: 0, fileCount: 0, trashBytes: 0, trashCount: 0 });
  });

  it('a tear inside the data leaves a listed file that reads back partly 0xFF, and readJSON fails as on the device', () => {
    const s = faulty('write', 'torn', { tearAfterBytes: 32 + 10 });
    s.write('a', 'first file');
    expectCut(() => s.write('torn', '{"x":12345678901234567890}'), 'write', 42);
    const after = new FlashStorage({ ...LINUX, image: s.image });
    assert.deepStrictEqual(after.list(), ['a', 'torn']);
    assert.strictEqual(after.read('torn'), '{"x":12345' + '\xff'.repeat(16));
    assert.throws(() => after.readJSON('torn'), { name: 'SyntaxError', message: "Got [ERASED] expected ','" });
    assert.strictEqual(after.readJSON('torn', true), undefined);
  });

  it('a tear inside the header lists the file under its complete name but cannot read it', () => {
    const s = faulty('write', 'torn-file', { tearAfterBytes: 20 });
    s.write('a', 'first file');
    expectCut(() => s.write('torn-file', 'payload payload payload'), 'write', 20);
    const after = new FlashStorage({ ...LINUX, image: s.image });
    assert.deepStrictEqual(after.list(), ['a', 'torn-file']); // name bytes 20..31 are still 0xFF
    assert.strictEqual(after.read('torn-file'), undefined);
    after.write('b', 'second');
    after.write('a', 'first file v2');
    assert.deepStrictEqual(after.list(), ['torn-file', 'b', 'a']);
    assert.deepStrictEqual(after.getStats(), { totalBytes: 262144, freeBytes: 261956, fileBytes: 144, fileCount: 3, trashBytes: 44, trashCount: 1 });
  });

  it('a tear in the size word hides the file, and the next header is programmed over its remains', () => {
    const s = faulty('write', 'torn-file', { tearAfterBytes: 2 });
    s.write('a', 'first file');
    expectCut(() => s.write('torn-file', 'payload payload payload'), 'write', 2);
    const after = new FlashStorage({ ...LINUX, image: s.image });
    assert.deepStrictEqual(after.list(), ['a']);
    assert.deepStrictEqual(Array.from(after.image.subarray(44, 48)), [23, 0, 0xff, 0xff]);
    after.write('b', 'second');
    assert.deepStrictEqual(after.list(), ['a', 'b']);
    assert.strictEqual(after.read('b'), 'second');
    assert.strictEqual(after.getFree(), 262060);
  });

  it('a tear early in a compaction can hide every file behind a torn first header', () => {
    const s = faulty('compact', undefined, { tearAfterBytes: 1 }, SMALL);
    s.write('a', 'A'.repeat(1500));
    s.write('b', 'B'.repeat(1500));
    s.write('c', 'C'.repeat(1500));
    s.erase('a');
    expectCut(() => s.compact(), 'compact', 1);
    assert.strictEqual(s.counters.pageErases, 1);
    const after = new FlashStorage({ ...SMALL, image: s.image });
    assert.deepStrictEqual(after.list(), []); // size word 0xFFFFFFDC: too big to be a file
    assert.deepStrictEqual(after.rawScan('C'.repeat(1500)), [3096]);
    assert.strictEqual(after.getFree(), 8192);
  });

  it('cuts at the end of a call that programs fewer bytes than the tear allows', () => {
    const s = faulty('write', 'a', { tearAfterBytes: 1000 }, SMALL);
    expectCut(() => s.write('a', 'complete'), 'write', 40);
    assert.strictEqual(new FlashStorage({ ...SMALL, image: s.image }).read('a'), 'complete');
  });

  it('freeze() stops all later changes without asking the hook', () => {
    let asked = 0;
    const s = new FlashStorage({ ...SMALL, faultHook: () => { asked++; return 'continue'; } });
    const f = s.open('log', 'w');
    s.freeze();
    f?.write('lost');
    assert.strictEqual(s.write('a', 'lost'), false);
    assert.strictEqual(asked, 1);
    assert.ok(s.image.every((b) => b === 0xff));
  });
});
