import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { DEVICE_SYNTAX_RULES, checkDeviceSyntax, formatDiagnostic } from '../../toolchain/dialect';
import { expectedLines } from './fixtures/fixture-map';

const SYNTAX_DIR = path.join(__dirname, 'fixtures', 'syntax');
const REPO = path.resolve(__dirname, '..', '..');

function parseFixture(file: string): ts.SourceFile {
  const full = path.join(SYNTAX_DIR, file);
  return ts.createSourceFile(full, fs.readFileSync(full, 'utf8'), ts.ScriptTarget.Latest);
}

describe('checkDeviceSyntax', () => {
  const fixtures = fs.readdirSync(SYNTAX_DIR).filter((f) => f.endsWith('.ts')).sort();

  it('has a fixture for every rule id', () => {
    const ruleFixtures = fixtures.filter((f) => f !== 'clean.ts').map((f) => f.slice(0, -3));
    assert.deepEqual(ruleFixtures, Object.keys(DEVICE_SYNTAX_RULES).sort());
  });

  for (const file of fixtures) {
    it(`reports exactly the expected diagnostics for ${file}`, () => {
      const expected = expectedLines(fs.readFileSync(path.join(SYNTAX_DIR, file), 'utf8'));
      const actual = checkDeviceSyntax([parseFixture(file)], { cwd: SYNTAX_DIR }).map(formatDiagnostic);
      assert.deepEqual(actual, expected);
      if (file !== 'clean.ts') assert.ok(actual.length > 0 && actual.every((l) => l.split(' ')[1] === file.slice(0, -3)));
    });
  }

  it('checks only non-declaration files under sdk/ and firmware/ of a program', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hb-syntax-'));
    const files: { [rel: string]: string } = {
      'sdk/a.ts': 'export async function a(): Promise<void> {}\n',
      'firmware/b.ts': 'x: for (;;) break x;\n',
      'tools/c.ts': 'export function* c(): Generator<number> { yield 1; }\n',
      'sdk/d.d.ts': 'declare const re: RegExp;\n',
    };
    for (const rel of Object.keys(files)) {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), files[rel]);
    }
    const program = ts.createProgram(Object.keys(files).map((f) => path.join(root, f)), { noLib: true, noResolve: true });
    const found = checkDeviceSyntax(program, { cwd: root }).map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}`);
    assert.deepEqual(found.sort(), ['firmware/b.ts:1:1 label', 'sdk/a.ts:1:8 async']);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('passes the device sources in sdk/ and firmware/', () => {
    const config = ts.getParsedCommandLineOfConfigFile(path.join(REPO, 'tsconfig.device.json'), {}, {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => assert.fail(ts.flattenDiagnosticMessageText(d.messageText, '\n')),
    });
    assert.ok(config);
    const program = ts.createProgram(config.fileNames, config.options);
    assert.deepEqual(checkDeviceSyntax(program, { cwd: REPO }).map(formatDiagnostic), []);
  });
});
