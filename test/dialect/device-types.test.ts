/**
 * Dialect test for types/espruino: device code must type-check only against what
 * Espruino 2v29 really has.
 *
 * Fixtures live in test/dialect/fixtures/types/:
 * - `allowed/*.ts` must produce no diagnostics at all;
 * - `forbidden/*.ts` each hold ONE construct Espruino lacks, preceded by a line
 *   `// @expect-error <message>`: the file must produce exactly one diagnostic, on
 *   the next line, whose text contains <message>;
 * - `forbidden-global/*.ts` hold constructs that TypeScript reports as a global
 *   (location-less) diagnostic, declared with `// @expect-global-error <message>`;
 *   each is compiled in its own program (reusing the main program's files), since
 *   TypeScript reports a missing global type only once per program.
 *
 * Every fixture is compiled with the compiler options of tsconfig.device.json plus
 * the declaration files under types/espruino, in one ts.Program.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '..', '..');
const DEVICE_TSCONFIG = path.join(ROOT, 'tsconfig.device.json');
const TYPES_DIR = path.join(ROOT, 'types', 'espruino');
const FIXTURES_DIR = path.join(__dirname, 'fixtures', 'types');

const EXPECT_ERROR = '// @expect-error ';
const EXPECT_GLOBAL_ERROR = '// @expect-global-error ';

interface DeviceConfig {
  options: ts.CompilerOptions;
  typeFiles: string[];
}

interface Expectation {
  /** 0-based line the diagnostic must start on. */
  line: number;
  message: string;
}

function loadDeviceConfig(): DeviceConfig {
  const read = ts.readConfigFile(DEVICE_TSCONFIG, ts.sys.readFile);
  if (read.error) throw new Error(`tsconfig.device.json: ${flatten(read.error)}`);
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, ROOT, undefined, DEVICE_TSCONFIG);
  if (parsed.errors.length > 0) {
    throw new Error(`tsconfig.device.json: ${parsed.errors.map(flatten).join('; ')}`);
  }
  const typesPrefix = normalize(TYPES_DIR) + '/';
  const typeFiles = parsed.fileNames.filter((f) => normalize(f).startsWith(typesPrefix));
  return { options: parsed.options, typeFiles };
}

function normalize(file: string): string {
  return path.resolve(file).split(path.sep).join('/');
}

function flatten(diagnostic: ts.Diagnostic): string {
  return ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
}

function listFixtures(subdir: string): string[] {
  const dir = path.join(FIXTURES_DIR, subdir);
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.ts'))
    .sort()
    .map((name) => path.join(dir, name));
}

function readDirectives(file: string, prefix: string): Expectation[] {
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
  const found: Expectation[] = [];
  lines.forEach((text, index) => {
    const at = text.indexOf(prefix);
    if (at >= 0) found.push({ line: index + 1, message: text.slice(at + prefix.length).trim() });
  });
  return found;
}

function diagnosticsOf(program: ts.Program, file: string): readonly ts.Diagnostic[] {
  const sourceFile = program.getSourceFile(file);
  if (!sourceFile) throw new Error(`${file} is not in the program`);
  return [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)];
}

function describeDiagnostic(diagnostic: ts.Diagnostic): string {
  const where =
    diagnostic.file && diagnostic.start !== undefined
      ? `${path.relative(ROOT, diagnostic.file.fileName)}:${
          diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1
        } `
      : '';
  return `${where}TS${diagnostic.code}: ${flatten(diagnostic)}`;
}

function lineOf(diagnostic: ts.Diagnostic): number {
  if (!diagnostic.file || diagnostic.start === undefined) return -1;
  return diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line;
}

describe('device types (types/espruino)', function () {
  const config = loadDeviceConfig();
  const allowed = listFixtures('allowed');
  const forbidden = listFixtures('forbidden');
  const forbiddenGlobal = listFixtures('forbidden-global');
  const host = ts.createCompilerHost(config.options, true);
  let program: ts.Program;

  before(function () {
    program = ts.createProgram({
      rootNames: [...config.typeFiles, ...allowed, ...forbidden],
      options: config.options,
      host,
    });
  });

  it('finds the Espruino declaration files through tsconfig.device.json', function () {
    assert.ok(config.typeFiles.length > 0, `no .d.ts files under ${TYPES_DIR}`);
    assert.strictEqual(config.options.noLib, true, 'tsconfig.device.json must keep noLib');
  });

  it('compiles the declaration files themselves without diagnostics', function () {
    const problems = [
      ...program.getOptionsDiagnostics(),
      ...program.getGlobalDiagnostics(),
      ...config.typeFiles.flatMap((file) => diagnosticsOf(program, file)),
    ].map(describeDiagnostic);
    assert.deepStrictEqual(problems, []);
  });

  it('loads no TypeScript lib file', function () {
    const libs = program.getSourceFiles().filter((sf) => /[\\/]lib\.[^\\/]*\.d\.ts$/.test(sf.fileName));
    assert.deepStrictEqual(
      libs.map((sf) => sf.fileName),
      []
    );
  });

  for (const file of allowed) {
    it(`accepts every API used in allowed/${path.basename(file)}`, function () {
      assert.deepStrictEqual(diagnosticsOf(program, file).map(describeDiagnostic), []);
    });
  }

  for (const file of forbidden) {
    const expectations = readDirectives(file, EXPECT_ERROR);
    const title = expectations.length === 1 ? expectations[0].message : 'one @expect-error';
    it(`rejects forbidden/${path.basename(file)} with "${title}"`, function () {
      assert.strictEqual(expectations.length, 1, `${file} must hold exactly one ${EXPECT_ERROR.trim()}`);
      const sourceFile = program.getSourceFile(file);
      assert.ok(sourceFile && ts.isExternalModule(sourceFile), `${file} must be a module (add "export {};")`);
      const [expected] = expectations;
      const diagnostics = diagnosticsOf(program, file);
      assert.strictEqual(
        diagnostics.length,
        1,
        `expected one diagnostic, got:\n${diagnostics.map(describeDiagnostic).join('\n')}`
      );
      const [actual] = diagnostics;
      assert.ok(
        flatten(actual).includes(expected.message),
        `expected "${expected.message}", got ${describeDiagnostic(actual)}`
      );
      assert.strictEqual(lineOf(actual) + 1, expected.line + 1, `wrong line: ${describeDiagnostic(actual)}`);
    });
  }

  for (const file of forbiddenGlobal) {
    const expectations = readDirectives(file, EXPECT_GLOBAL_ERROR);
    const title = expectations.length === 1 ? expectations[0].message : 'one @expect-global-error';
    it(`rejects forbidden-global/${path.basename(file)} with "${title}"`, function () {
      assert.strictEqual(expectations.length, 1, `${file} must hold exactly one ${EXPECT_GLOBAL_ERROR.trim()}`);
      const single = ts.createProgram({
        rootNames: [...config.typeFiles, file],
        options: config.options,
        host,
        oldProgram: program,
      });
      // TypeScript attaches a missing global type to the file whose check needed it,
      // but without a position.
      const diagnostics = diagnosticsOf(single, file);
      assert.strictEqual(
        diagnostics.length,
        1,
        `expected one diagnostic, got:\n${diagnostics.map(describeDiagnostic).join('\n')}`
      );
      const [actual] = diagnostics;
      assert.strictEqual(actual.start, undefined, `expected a global diagnostic, got ${describeDiagnostic(actual)}`);
      assert.ok(
        flatten(actual).includes(expectations[0].message),
        `expected "${expectations[0].message}", got ${describeDiagnostic(actual)}`
      );
    });
  }
});
