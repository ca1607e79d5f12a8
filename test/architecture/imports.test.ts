import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '..', '..');

interface Edge { from: string; to: string; spec: string }

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const abs = path.join(d, e.name);
      if (e.isDirectory()) { if (e.name !== 'node_modules' && e.name !== 'fixtures') walk(abs); }
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(path.relative(ROOT, abs).split(path.sep).join('/'));
    }
  };
  if (fs.existsSync(path.join(ROOT, dir))) walk(path.join(ROOT, dir));
  return out;
}

/** Every relative import in the tree, resolved to a repository path. */
function edges(dirs: string[]): Edge[] {
  const out: Edge[] = [];
  for (const file of dirs.flatMap(sourceFiles)) {
    const info = ts.preProcessFile(fs.readFileSync(path.join(ROOT, file), 'utf8'), true, true);
    for (const imp of info.importedFiles) {
      if (!imp.fileName.startsWith('.')) continue;
      const to = path.posix.normalize(path.posix.join(path.posix.dirname(file), imp.fileName));
      out.push({ from: file, to, spec: imp.fileName });
    }
  }
  return out;
}

const folderOf = (p: string): string => path.posix.dirname(p.endsWith('.ts') ? p : `${p}.ts`);
const isDoor = (to: string): boolean => /\/index(\.ts)?$/.test(to);
const LEAVES = ['sdk/model', 'sdk/platform', 'sdk/util', 'sdk/policy'];

function violations(): string[] {
  const bad: string[] = [];
  for (const e of edges(['sdk', 'firmware', 'simulator', 'toolchain', 'cli'])) {
    const fromDir = folderOf(e.from);
    const toDir = isDoor(e.to) ? path.posix.dirname(e.to) : folderOf(e.to);
    const say = (why: string): void => { bad.push(`${e.from} imports ${e.spec}: ${why}`); };
    if (e.from.startsWith('sdk/') && !e.to.startsWith('sdk/')) say('sdk/ must not import outside sdk/');
    if (e.from.startsWith('firmware/') && !(e.to.startsWith('sdk/') || e.to.startsWith(fromDir))) say('firmware may only import the SDK and its own files');
    if (e.from.startsWith('simulator/') && (e.to.startsWith('toolchain/') || e.to.startsWith('cli/') || e.to.startsWith('firmware/'))) say('the simulator must not import the toolchain, the CLI or firmware');
    // The device runtime (realm, device, storage, network) sees only the SDK's leaves. The collector is the
    // recipient's side and the run layer reads the device's flash afterwards: both use stage doors, so host
    // and device cannot disagree on the gate's rules or the outbox format.
    const hostSide = e.from.startsWith('simulator/collector/') || e.from.startsWith('simulator/run/');
    if (e.from.startsWith('simulator/') && e.to.startsWith('sdk/') && !/^sdk\/(model|platform\/index|util)/.test(e.to) && !(hostSide && isDoor(e.to))) say('the simulator may only use the SDK\'s leaves (model, platform interfaces, util); the collector and run layer may use stage doors');
    if (e.from.startsWith('toolchain/') && e.to.startsWith('cli/')) say('the toolchain must not import the CLI');
    if (fromDir !== toDir && e.to.startsWith('sdk/') && !isDoor(e.to) && !e.from.startsWith('simulator/') && !e.from.startsWith('toolchain/')) {
      say(`reaches into ${toDir} past its index.ts`);
    }
    const fromLeaf = LEAVES.find((l) => e.from.startsWith(`${l}/`) && !e.from.startsWith('sdk/platform/espruino/'));
    if (fromLeaf && !LEAVES.some((l) => e.to.startsWith(`${l}/`))) say('a leaf (model, platform, util, policy) imports only other leaves');
    const stage = /^sdk\/(sense|privacy|consent|uplink)\//.exec(e.from);
    const toStage = /^sdk\/(sense|privacy|consent|uplink|device)\//.exec(e.to);
    if (stage && toStage && toStage[1] !== stage[1]) say(`stage ${stage[1]} must not import ${toStage[1]}; only sdk/device wires stages together`);
  }
  return bad;
}

describe('architecture', () => {
  it('keeps every import arrow pointing the allowed way', () => {
    assert.deepEqual(violations(), []);
  });

  it('lists exports by name in every index.ts door (no export *)', () => {
    const doors = ['sdk', 'simulator', 'toolchain'].flatMap(sourceFiles).filter((f) => f.endsWith('/index.ts'));
    assert.ok(doors.length >= 8, `found only ${doors.length} doors`);
    const star = doors.filter((f) => /export\s+\*/.test(fs.readFileSync(path.join(ROOT, f), 'utf8')));
    assert.deepEqual(star, []);
  });

  it('touches Espruino globals only in the platform implementation and firmware entries', () => {
    const globals = /\b(getTime|setWatch|analogRead|digitalRead|pinMode|process\.memory|require\(|E\.[a-zA-Z]+\()/;
    const offenders = sourceFiles('sdk')
      .filter((f) => !f.startsWith('sdk/platform/espruino/'))
      .filter((f) => globals.test(fs.readFileSync(path.join(ROOT, f), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')));
    assert.deepEqual(offenders, []);
  });

  it('detects a wrong-way arrow when one is added', () => {
    const probe = path.join(ROOT, 'sdk', 'util', '__probe_arrow.ts');
    fs.writeFileSync(probe, "import { x } from '../../simulator/run';\nexport const y = x;\n");
    try {
      assert.ok(violations().some((v) => v.startsWith('sdk/util/__probe_arrow.ts imports ../../simulator/run: sdk/ must not import outside sdk/')));
    } finally {
      fs.unlinkSync(probe);
    }
  });
});
