import { strict as assert } from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { privacyFridgeBundle } from '../support/privacy-fridge';

const ROOT = path.resolve(__dirname, '..', '..');

/** What a maker writes in their own repository (plain JS, mocha). */
const MAKER_TEST = `
const assert = require('assert');
const kit = require('homebound/testing');

describe('our fridge firmware keeps the owner in control', function () {
  this.timeout(120000);
  const bundle = process.env.HB_BUNDLE;

  it('sends nothing optional without consent', async () => {
    const run = await kit.runScenario({ bundle, board: 'espruino-linux', days: 2 });
    kit.nothingWithoutConsent(run);
    kit.fieldsWithinPolicy(run);
    assert.ok(run.uploads.every((u) => u.recipient === 'maker'));
  });

  it('stops the utility feed at withdrawal and never sends raw power', async () => {
    const run = await kit.runScenario({ bundle, board: 'espruino-linux', days: 3, grants: ['utility/energy'], steps: [{ atDays: 1.5, withdraw: 'utility/energy' }] });
    kit.nothingAfterWithdrawal(run);
    kit.noRawValues(run, 'compressorW');
    kit.windowsAtLeast(run, 'energy', '1d');
    assert.equal(run.uploads.filter((u) => u.recipient === 'utility').length, 1);
  });

  it('catches a leak', async () => {
    const run = await kit.runScenario({ bundle, board: 'espruino-linux', days: 1, grants: ['utility/energy'] });
    run.uploads.push(Object.assign({}, run.uploads[0], { recipient: 'utility', purpose: 'energy', tier: '1h', windowMs: 3600000 }));
    assert.throws(() => kit.windowsAtLeast(run, 'energy', '1d'), kit.PrivacyAssertionError);
  });
});
`;

describe('homebound/testing from the npm tarball', function () {
  this.timeout(600000);

  it('installs into a fresh project and runs a maker-style mocha test', async () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hb-maker-'));
    const packed = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').pop() as string;
    const tarball = path.join(work, packed);
    const project = path.join(work, 'maker');
    fs.mkdirSync(path.join(project, 'test'), { recursive: true });
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'maker-fridge', version: '1.0.0', private: true }));
    fs.writeFileSync(path.join(project, 'test', 'privacy.test.js'), MAKER_TEST);
    const mochaVersion = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'mocha', 'package.json'), 'utf8')).version;
    execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--silent', tarball, `mocha@${mochaVersion}`], { cwd: project, stdio: 'pipe' });
    const bundle = await privacyFridgeBundle('espruino-linux');
    const out = execFileSync(path.join(project, 'node_modules', '.bin', 'mocha'), ['test/privacy.test.js'], {
      cwd: project, encoding: 'utf8', env: { ...process.env, HB_BUNDLE: bundle },
    });
    assert.match(out, /3 passing/);
  });
});
