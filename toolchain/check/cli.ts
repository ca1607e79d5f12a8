/**
 * `homebound check <bundle.js> [--json]`: reads a bundle and its
 * `<bundle>.map`, prints the violations, and returns the exit code.
 */
import * as fs from 'fs';
import * as path from 'path';
import { checkBundle } from './check';
import { formatViolations } from './format';
import type { CheckOptions, Violation } from './types';

/** Where the command writes; `process.stdout`/`process.stderr` fit. */
export interface CheckCommandIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

const USAGE = 'usage: homebound check <bundle.js> [--json]\n';

/**
 * Checks the bundle at `bundlePath`, reading `bundlePath + '.map'` when it
 * exists. Paths in the result are relative to `options.cwd`.
 *
 * @throws Error (from fs) when the bundle cannot be read, or when the map
 *   exists but is not a valid source map.
 */
export function checkBundleFile(bundlePath: string, options: Omit<CheckOptions, 'bundlePath' | 'mapPath'> = {}): Violation[] {
  const cwd = options.cwd ?? process.cwd();
  const absolute = path.resolve(cwd, bundlePath);
  const code = fs.readFileSync(absolute, 'utf8');
  const mapPath = absolute + '.map';
  const map = fs.existsSync(mapPath) ? fs.readFileSync(mapPath, 'utf8') : undefined;
  const shown = path.relative(cwd, absolute).split(path.sep).join('/');
  return checkBundle(code, map, { ...options, cwd, bundlePath: shown, mapPath });
}

function parseArgs(argv: readonly string[]): { bundle: string; json: boolean } | string {
  const files = argv.filter((a) => !a.startsWith('-'));
  const unknown = argv.filter((a) => a.startsWith('-') && a !== '--json');
  if (unknown.length > 0) return `unknown option ${unknown[0]}`;
  if (files.length !== 1) return files.length === 0 ? 'missing <bundle.js>' : 'expected one bundle';
  return { bundle: files[0], json: argv.indexOf('--json') >= 0 };
}

/**
 * Runs `homebound check` with the arguments after `check`. Returns 0 when the
 * bundle is clean (printing `<bundle>: ok, 0 violations`), 1 when it has
 * violations (one line each, or a JSON array with `--json`), and 2 for a
 * usage error, an unreadable bundle or an invalid source map.
 */
export function runCheckCommand(argv: readonly string[], io: CheckCommandIo, cwd: string = process.cwd()): number {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    io.stderr.write(`homebound check: ${args}\n${USAGE}`);
    return 2;
  }
  if (!fs.existsSync(path.resolve(cwd, args.bundle))) {
    io.stderr.write(`homebound check: cannot read ${args.bundle}: no such file\n`);
    return 2;
  }
  let violations: Violation[];
  try {
    violations = checkBundleFile(args.bundle, { cwd });
  } catch (e) {
    io.stderr.write(`homebound check: ${args.bundle}: ${(e as Error).message}\n`);
    return 2;
  }
  if (!fs.existsSync(path.resolve(cwd, args.bundle) + '.map')) {
    io.stderr.write(`homebound check: no ${args.bundle}.map; positions are in the bundle\n`);
  }
  if (args.json) io.stdout.write(formatViolations(violations, { json: true }));
  else if (violations.length === 0) io.stdout.write(`${args.bundle}: ok, 0 violations\n`);
  else io.stdout.write(formatViolations(violations));
  if (violations.length > 0 && !args.json) {
    io.stderr.write(`${args.bundle}: ${violations.length} violation${violations.length === 1 ? '' : 's'}\n`);
  }
  return violations.length === 0 ? 0 : 1;
}
