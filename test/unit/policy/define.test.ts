/**
 * Compile-time policy checks (PRIVACY.md requirement 9): `definePolicy`
 * rejects a policy that breaks a rule, under the DEVICE compiler options.
 *
 * Fixtures live in test/dialect/fixtures/policy/:
 * - `good.ts` must compile with no diagnostics;
 * - each `bad-*.ts` breaks ONE rule and marks it with a line
 *   `// @expect-error <message>`: the file must produce exactly one
 *   diagnostic, on the next line, whose text contains <message>.
 *
 * Every fixture is compiled in one ts.Program with tsconfig.device.json's
 * options and the declaration files under types/espruino, as
 * test/dialect/device-types.test.ts does.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const DEVICE_TSCONFIG = path.join(ROOT, 'tsconfig.device.json');
const TYPES_DIR = path.join(ROOT, 'types', 'espruino');
const FIXTURES = path.join(ROOT, 'test', 'dialect', 'fixtures', 'policy');
const EXPECT_ERROR = '// @expect-error ';

function deviceOptions(): { options: ts.CompilerOptions; typeFiles: string[] } {
  const read = ts.readConfigFile(DEVICE_TSCONFIG, ts.sys.readFile);
  if (read.error) throw new Error(flatten(read.error));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, ROOT, undefined, DEVICE_TSCONFIG);
  assert.deepEqual(parsed.errors.map(flatten), []);
  const prefix = path.resolve(TYPES_DIR).split(path.sep).join('/') + '/';
  const typeFiles = parsed.fileNames.filter((f) => path.resolve(f).split(path.sep).join('/').startsWith(prefix));
  return { options: parsed.options, typeFiles };
}

function flatten(d: ts.Diagnostic): string {
  return ts.flattenDiagnosticMessageText(d.messageText, '\n');
}

function lineOf(d: ts.Diagnostic): number {
  return d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
}

function describeDiagnostic(d: ts.Diagnostic): string {
  const where = d.file ? `${path.relative(ROOT, d.file.fileName)}:${lineOf(d)} ` : '';
  return `${where}TS${d.code}: ${flatten(d)}`;
}

/** The `@expect-error` directives of a fixture: the 1-based line the diagnostic must be on, and its text. */
function expectations(file: string): { line: number; message: string }[] {
  const out: { line: number; message: string }[] = [];
  fs.readFileSync(file, 'utf8').split('\n').forEach((text, i) => {
    const at = text.indexOf(EXPECT_ERROR);
    if (at >= 0) out.push({ line: i + 2, message: text.slice(at + EXPECT_ERROR.length).trim() });
  });
  return out;
}

const fixture = (name: string): string => path.join(FIXTURES, name);
const bad = fs.readdirSync(FIXTURES).filter((n) => n.startsWith('bad-') && n.endsWith('.ts')).sort();

describe('definePolicy (compile-time policy checks under the device compiler)', function () {
  this.timeout(60000);
  const config = deviceOptions();
  let program: ts.Program;

  before(function () {
    program = ts.createProgram({ rootNames: [...config.typeFiles, fixture('good.ts'), ...bad.map(fixture)], options: config.options });
  });

  const diagnosticsOf = (file: string): readonly ts.Diagnostic[] => {
    const sf = program.getSourceFile(file);
    assert.ok(sf, `${file} is not in the program`);
    return [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)];
  };

  it('uses the device options: noLib and only the Espruino declarations', function () {
    assert.equal(config.options.noLib, true);
    const libs = program.getSourceFiles().filter((sf) => /[\\/]lib\.[^\\/]*\.d\.ts$/.test(sf.fileName));
    assert.deepEqual(libs.map((sf) => sf.fileName), []);
  });

  it('accepts a policy that follows every rule, and returns it as a model Policy', function () {
    assert.deepEqual(diagnosticsOf(fixture('good.ts')).map(describeDiagnostic), []);
  });

  it('has one bad fixture per rule', function () {
    assert.deepEqual(bad, [
      'bad-aggregate-kind.ts', 'bad-class-aggregate.ts', 'bad-energy-plain-tier.ts', 'bad-essential.ts', 'bad-opt-in-tier.ts',
      'bad-order-statistic.ts', 'bad-sensitive.ts', 'bad-tier-floor.ts', 'bad-unknown-channel.ts', 'bad-unknown-recipient.ts',
    ]);
  });

  for (const name of bad) {
    const file = fixture(name);
    const expected = expectations(file);
    it(`rejects ${name}: ${fs.readFileSync(file, 'utf8').split('\n')[0].replace(/^\/\/\s*/, '')}`, function () {
      assert.equal(expected.length, 1, `${name} must hold exactly one ${EXPECT_ERROR.trim()}`);
      const diagnostics = diagnosticsOf(file);
      assert.equal(diagnostics.length, 1, `expected one diagnostic, got:\n${diagnostics.map(describeDiagnostic).join('\n')}`);
      const [actual] = diagnostics;
      assert.ok(flatten(actual).includes(expected[0].message), `expected "${expected[0].message}", got ${describeDiagnostic(actual)}`);
      assert.equal(lineOf(actual), expected[0].line, `wrong line: ${describeDiagnostic(actual)}`);
    });
  }
});
