import * as path from 'path';
import * as ts from 'typescript';

export interface DeviceDiagnostic {
  file: string;
  line: number;
  column: number;
  rule: string;
  message: string;
}

/** Parse `tsconfig.device.json` under `root` into compiler options and its file list. */
export function deviceConfig(root: string): ts.ParsedCommandLine {
  const configPath = path.join(root, 'tsconfig.device.json');
  const read = ts.readConfigFile(configPath, ts.sys.readFile);
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
  return ts.parseJsonConfigFileContent(read.config, ts.sys, root, undefined, configPath);
}

/**
 * Type-check every file of `sdk/` and `firmware/` under the device
 * configuration, not only what one bundle imports, so a `new Map()` in a file
 * no firmware uses yet still fails the build.
 */
export function typecheckDevice(root: string): { program: ts.Program; diagnostics: DeviceDiagnostic[] } {
  const config = deviceConfig(root);
  const program = ts.createProgram({ rootNames: config.fileNames, options: config.options });
  const diags = ts.getPreEmitDiagnostics(program).concat(config.errors);
  return { program, diagnostics: diags.map((d) => toDeviceDiagnostic(d, root)) };
}

function toDeviceDiagnostic(d: ts.Diagnostic, root: string): DeviceDiagnostic {
  const message = ts.flattenDiagnosticMessageText(d.messageText, ' ');
  if (!d.file || d.start === undefined) return { file: 'tsconfig.device.json', line: 0, column: 0, rule: `TS${d.code}`, message };
  const pos = d.file.getLineAndCharacterOfPosition(d.start);
  return { file: path.relative(root, d.file.fileName), line: pos.line + 1, column: pos.character + 1, rule: `TS${d.code}`, message };
}

/** One line per diagnostic: `path.ts:line:col RULE message`. */
export function formatDeviceDiagnostic(d: DeviceDiagnostic): string {
  return `${d.file}:${d.line}:${d.column} ${d.rule} ${d.message}`;
}
