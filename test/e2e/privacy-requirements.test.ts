import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { privacyFridgeBundle } from '../support/privacy-fridge';
import {
  fieldsWithinPolicy, noRawValues, nothingAfterWithdrawal, nothingWithoutConsent, runScenario, windowsAtLeast,
} from '../../testing/kit';
import type { ScenarioOptions, ScenarioRun } from '../../testing/kit';

const ROOT = path.resolve(__dirname, '..', '..');
const DAY = 86400000;
const texts = (run: ScenarioRun): string[] => run.result.printed.map((l) => l.text);
const of = (run: ScenarioRun, recipient: string): ScenarioRun['uploads'] => run.uploads.filter((u) => u.recipient === recipient);

/** The compiled fridge firmware for an ESP32, run against a scenario. */
async function run(o: Omit<ScenarioOptions, 'bundle' | 'board'>, variant: 'main' | 'main-v2' = 'main'): Promise<ScenarioRun> {
  return runScenario({ ...o, bundle: await privacyFridgeBundle('esp32', variant), board: 'esp32' });
}

describe('PRIVACY.md requirements on the compiled fridge bundle', function () {
  this.timeout(120000);

  it('req 1: with no consent a simulated week sends 0 bytes to any non-essential recipient', async () => {
    const r = await run({ days: 7 });
    assert.equal(of(r, 'utility').length + of(r, 'partner').length, 0);
    assert.equal(of(r, 'maker').length, 7, 'the essential diagnostics still go daily');
    nothingWithoutConsent(r);
  });

  it('req 2: a report is built only for the granted tier (daily energy, no half-hourly without its own grant)', async () => {
    const daily = await run({ days: 2, grants: ['utility/energy'] });
    assert.deepEqual([...new Set(of(daily, 'utility').map((u) => u.tier))], ['1d']);
    const half = await run({ days: 1, grants: ['utility/energy:30min'] });
    assert.equal(of(half, 'utility').filter((u) => u.tier === '30min').length, 48);
    assert.equal(of(half, 'utility').filter((u) => u.tier === '1d').length, 0);
  });

  it('req 3 and req 5: withdrawing is one call like granting and takes effect before the next upload', async () => {
    const r = await run({ days: 4, grants: ['utility/energy'], steps: [{ atDays: 2.5, withdraw: 'utility/energy' }] });
    assert.ok(texts(r).includes('hb:consent grant utility/energy:1d ok'));
    assert.ok(texts(r).includes('hb:consent withdraw utility/energy:1d ok'));
    assert.equal(of(r, 'utility').length, 2, 'the days before the withdrawal only');
    nothingAfterWithdrawal(r);
  });

  it('req 4: a withdrawal purges that purpose from Storage, trash included, and leaves other purposes alone', async () => {
    const r = await run({ days: 1.5, grants: ['utility/energy'], steps: [{ atDays: 1.2, withdraw: 'utility/energy' }] });
    const flash = r.result.storage;
    // Checkpoints are hb.w.<purposeIndex>.<tierIndex>; energy is purpose 1.
    assert.deepEqual(flash.rawScan('hb.w.1.'), [], 'no energy window, live or trash');
    assert.ok(flash.rawScan('hb.w.0.').length > 0, 'the diagnostics window is untouched');
  });

  it('req 6: a policy that widens a purpose makes the consent stale and its uploads stop', async () => {
    const dir = fs.mkdtempSync(path.join(require('os').tmpdir(), 'hb-req6-'));
    const v1 = await runScenario({ bundle: await privacyFridgeBundle('esp32', 'main'), board: 'esp32', days: 1.5, grants: ['utility/energy'], stateDir: dir });
    assert.equal(of(v1, 'utility').length, 1);
    const v2 = await runScenario({ bundle: await privacyFridgeBundle('esp32', 'main-v2'), board: 'esp32', days: 2, stateDir: dir, steps: [{ atDays: 0.01, console: 'hb.consents()' }] });
    assert.ok(texts(v2).some((t) => /^hb:consent utility\/energy:1d stale/.test(t)), texts(v2).filter((t) => t.startsWith('hb:consent')).join('\n'));
    assert.equal(of(v2, 'utility').length, 0);
  });

  it('req 7: a purpose never granted is not aggregated at all (no window state in RAM or Storage)', async () => {
    const r = await run({ days: 1 });
    const names = r.result.storage.list();
    assert.ok(names.some((n) => n.startsWith('hb.w.0.')), 'diagnostics (essential) keeps a window');
    assert.deepEqual(names.filter((n) => n.startsWith('hb.w.1.') || n.startsWith('hb.w.2.')), []);
  });

  it('req 8 and req 10: every upload matches the policy, with window-aligned timestamps', async () => {
    const r = await run({ days: 3, grants: ['utility/energy', 'utility/energy:30min', 'partner/marketing'] });
    assert.ok(r.uploads.length > 48);
    fieldsWithinPolicy(r);
    for (const u of r.uploads) assert.equal(u.windowStart % Math.min(u.windowMs, DAY), 0, `${u.purpose} ${u.windowStart}`);
  });

  it('req 9: no upload is finer than its data class allows', async () => {
    const r = await run({ days: 3, grants: ['utility/energy:30min', 'partner/marketing'] });
    windowsAtLeast(r, 'marketing', '1d');
    windowsAtLeast(r, 'diagnostics', '1h');
    windowsAtLeast(r, 'energy', '30min');
  });

  it('req 11: no raw samples leave, checked against the raw input', async () => {
    const r = await run({ days: 3, grants: ['utility/energy', 'partner/marketing'] });
    for (const ch of ['cabinetTempC', 'doorOpen', 'compressorW']) noRawValues(r, ch);
  });

  it('req 12: door counts below kMin are withheld, never sent', async () => {
    const r = await run({ days: 4, grants: ['partner/marketing'] });
    const counts = of(r, 'partner').map((u) => u.fields['doorOpen.eventCount'] as number);
    assert.ok(counts.length >= 2);
    for (const c of counts) assert.ok(c >= 5 && c % 5 === 0, `count ${c}: at least kMin and rounded to 5`);
  });

  it('req 13: the owner reads every upload in the transparency log on the device', async () => {
    const r = await run({ days: 2.2, grants: ['utility/energy'], steps: [{ atDays: 2.1, console: 'hb.log(50)' }] });
    const logLines = texts(r).filter((t) => /utility\/energy|maker\/diagnostics/.test(t) && !t.startsWith('hb:'));
    assert.ok(logLines.length >= r.uploads.length, `${logLines.length} log lines for ${r.uploads.length} uploads:\n${texts(r).slice(-8).join('\n')}`);
  });

  it('req 14: erase wipes consents, windows, the log and the secret, trash included, and keeps maker files', async () => {
    const r = await run({ days: 1.5, grants: ['utility/energy', 'partner/marketing'], steps: [{ atDays: 1.2, erase: true }] });
    assert.ok(texts(r).includes('hb:erase ok'));
    const flash = r.result.storage;
    for (const owner of ['hb.c.a', 'hb.c.b', 'hb.l.', 'hb.w.1.', 'hb.w.2.']) assert.deepEqual(flash.rawScan(owner), [], owner);
    assert.ok(flash.read('hb.cfg') !== undefined, 'maker configuration kept');
    assert.equal(of(r, 'utility').filter((u) => u.at > 1.2 * DAY + r.result.printed[0].t).length, 0);
  });

  it('never lets any code but the uplink sender call a transport', () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const f = path.join(dir, e.name);
        if (e.isDirectory()) walk(f);
        else if (f.endsWith('.ts') && /\b(transport|\w+Transport|transports\[[^\]]+\])\.send\(/.test(fs.readFileSync(f, 'utf8'))) offenders.push(path.relative(ROOT, f));
      }
    };
    walk(path.join(ROOT, 'sdk'));
    walk(path.join(ROOT, 'firmware'));
    assert.deepEqual(offenders, ['sdk/uplink/sender.ts']);
  });
});

describe('privacy fridge bundle', function () {
  this.timeout(60000);
  it('passes the Espruino dialect check', async () => {
    const { checkBundleFile } = await import('../../toolchain/check');
    const bundle = await privacyFridgeBundle('esp32');
    assert.deepEqual(checkBundleFile(bundle).map((v) => `${v.file}:${v.line} ${v.rule} ${v.message}`), []);
  });
});
