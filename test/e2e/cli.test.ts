import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'homebound.js');

function hb(...args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120000 });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

describe('homebound CLI', function () {
  this.timeout(180000);

  it('lists exactly the commands that exist: build, check, sim, log', () => {
    const r = hb('--help');
    assert.equal(r.code, 0);
    const cmds = r.out.split('\n').filter((l) => /^ {2}\w/.test(l)).map((l) => l.trim().split(/\s+/)[0]);
    assert.deepEqual(cmds, ['build', 'check', 'sim', 'log']);
  });

  it('grants from the command line and reads the transparency log back from the saved device', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hb-cli-state-'));
    const json = path.join(dir, 'run.json');
    const s = hb('sim', 'fridge', '--board', 'esp32', '--days', '2', '--quiet', '--state', dir, '--grant', 'utility/energy', '--json', json);
    assert.equal(s.code, 0, s.err);
    const j = JSON.parse(fs.readFileSync(json, 'utf8'));
    const utility = j.uploads.filter((u: { recipient: string }) => u.recipient === 'utility');
    assert.equal(utility.length, 2);
    for (const k of ['id', 'recipient', 'purpose', 'tier', 'windowStart', 'windowMs', 'fields', 'bytes']) assert.ok(k in utility[0], k);
    assert.ok(Array.isArray(j.blocked));
    const l = hb('log', '--state', dir);
    assert.equal(l.code, 0, l.err);
    assert.equal(l.out.split('\n').filter((x) => x.includes('utility/energy')).length, 2, l.out);
    assert.match(l.out, /\d+ entries/);
  });

  it('refuses a malformed --grant', () => {
    const r = hb('sim', 'fridge', '--board', 'esp32', '--days', '1', '--grant', 'utility');
    assert.equal(r.code, 2);
    assert.match(r.err, /--grant: a grant looks like recipient\/purpose\[:tier\]/);
  });

  it('rejects an unknown command with exit code 2', () => {
    const r = hb('flash');
    assert.equal(r.code, 2);
    assert.match(r.err, /unknown command 'flash'/);
  });

  it('names the board files for an unknown board', () => {
    const r = hb('build', 'fridge', '--board', 'esp8266');
    assert.equal(r.code, 2);
    assert.match(r.err, /unknown board 'esp8266': no file boards\/esp8266\.json \(boards: esp32, esp32c3, esp32s3, espruino-linux\)/);
  });

  it('builds and checks the fridge bundle from the command line', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'hb-cli-'));
    const b = hb('build', 'fridge', '--board', 'esp32', '--out', out);
    assert.equal(b.code, 0, b.err);
    assert.match(b.out, /fridge\.esp32\.js: \d+ bytes, sha256 [0-9a-f]{16}…, ~\d+ JsVars of \d+ at boot \([\d.]+%, [a-z-]+\) fits/);
    const c = hb('check', path.join(out, 'fridge.esp32.js'));
    assert.equal(c.code, 0, c.err);
    assert.match(c.out, /ok, 0 violations/);
  });

  it('runs the simulator and writes --json with printed, counters, simSeconds and wallMs', () => {
    const json = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hb-cli-')), 'run.json');
    const r = hb('sim', 'fridge', '--board', 'esp32', '--days', '1', '--seed', '9', '--quiet', '--json', json);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /fridge on esp32: 1\.00 simulated days in [\d.]+ s/);
    const j = JSON.parse(fs.readFileSync(json, 'utf8'));
    assert.equal(j.simSeconds, 86400);
    assert.equal(typeof j.wallMs, 'number');
    assert.equal(j.printed.filter((p: { text: string }) => p.text.startsWith('hb:status')).length, 24);
    assert.equal(j.counters.uncaught, 0);
    assert.equal(j.counters.boots, 1);
  });

  it('explains a bad --days value', () => {
    const r = hb('sim', 'fridge', '--board', 'esp32', '--days', 'seven');
    assert.equal(r.code, 2);
    assert.match(r.err, /--days must be a positive number \(got "seven"\)/);
  });
});
