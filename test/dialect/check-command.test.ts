import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCheckCommand } from '../../toolchain/check';
import { EMITTED_DIR } from './fixtures/fixture-map';

/** Records what the command writes. */
class FakeIo {
  out = '';
  err = '';
  stdout = { write: (s: string): void => void (this.out += s) };
  stderr = { write: (s: string): void => void (this.err += s) };
}

function run(argv: string[], cwd = EMITTED_DIR): { code: number; io: FakeIo } {
  const io = new FakeIo();
  return { code: runCheckCommand(argv, io, cwd), io };
}

describe('homebound check (runCheckCommand)', () => {
  it('exits 0 and prints ok for a clean bundle', () => {
    const { code, io } = run(['clean.js']);
    assert.equal(code, 0);
    assert.equal(io.out, 'clean.js: ok, 0 violations\n');
    assert.equal(io.err, '');
  });

  it('exits 1 and prints one file:line:col RULE message line per violation', () => {
    const { code, io } = run(['many.js']);
    assert.equal(code, 1);
    const lines = io.out.trim().split('\n');
    assert.equal(lines.length, 6);
    assert.match(lines[0], /^src\/many\.ts:11:18 unknown-global Map /);
    assert.equal(io.err, 'many.js: 6 violations\n');
  });

  it('prints paths relative to the working directory', () => {
    const { io } = run([path.join('fixtures', 'emitted', 'unknown-global.js')], path.resolve(EMITTED_DIR, '..', '..'));
    assert.match(io.out, /^fixtures\/emitted\/src\/unknown-global\.ts:11:18 unknown-global /);
  });

  it('prints a JSON array with --json', () => {
    const { code, io } = run(['--json', 'many.js']);
    assert.equal(code, 1);
    const parsed = JSON.parse(io.out);
    assert.equal(parsed.length, 6);
    assert.deepEqual(Object.keys(parsed[0]).sort(), ['column', 'file', 'generated', 'line', 'message', 'rule']);
    assert.deepEqual(JSON.parse(run(['clean.js', '--json']).io.out), []);
  });

  it('exits 2 with a usage message for bad arguments', () => {
    for (const argv of [[], ['a.js', 'b.js'], ['clean.js', '--fix']]) {
      const { code, io } = run(argv);
      assert.equal(code, 2);
      assert.match(io.err, /usage: homebound check <bundle\.js> \[--json\]/);
    }
  });

  it('exits 2 naming a missing bundle', () => {
    const { code, io } = run(['nope.js']);
    assert.equal(code, 2);
    assert.equal(io.err, 'homebound check: cannot read nope.js: no such file\n');
  });

  it('exits 2 on an unreadable source map, and checks unmapped bundles in bundle positions', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hb-check-'));
    fs.writeFileSync(path.join(dir, 'x.js'), 'var m = new Map();\n');
    const unmapped = run(['x.js'], dir);
    assert.equal(unmapped.code, 1);
    assert.match(unmapped.io.out, /^x\.js:1:13 unknown-global Map /);
    assert.match(unmapped.io.err, /no x\.js\.map; positions are in the bundle/);
    fs.writeFileSync(path.join(dir, 'x.js.map'), '{not json');
    const broken = run(['x.js'], dir);
    assert.equal(broken.code, 2);
    assert.match(broken.io.err, /^homebound check: x\.js: invalid source map/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
