import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { BoardDefinition, Policy } from '../../sdk/model/index';
import { loadBoard, ROOT } from '../boards';
import { bundleEntry } from './bundle';
import { composeMaps } from './compose';
import { downlevel } from './downlevel';
import { minifyForEspruino } from './minify';
import { withPrelude } from './prelude';
import { DeviceDiagnostic, typecheckDevice } from './typecheck';
import { checkDeviceSyntax } from '../dialect';
import { checkBundle, Violation } from '../check';
import { estimateFit, FitEstimate } from './fit';

export interface BuildOptions {
  /** Firmware name: a folder under `firmware/` with a `main.ts`. */
  firmware: string;
  /** Board id: a file under `boards/`. */
  board: string;
  /** Repository root. @default the Homebound checkout */
  root?: string;
  /** Output directory. @default `<root>/dist` */
  outDir?: string;
  /** Directory of board files. @default `<root>/boards` */
  boardsDir?: string;
  /** Skip the whole-tree device type-check (used when a caller already ran it). @default false */
  skipTypecheck?: boolean;
}

/** What `dist/<firmware>.<board>.json` holds. */
export interface BuildMetadata extends FitEstimate {
  firmware: string;
  board: string;
  espruino: string;
  bytes: number;
  sha256: string;
  helpers: string[];
  holesRewritten: number;
  inputs: string[];
  /** Hash over every input file (sources, boards, toolchain version), to know when a rebuild is needed. */
  inputsHash: string;
  /** The firmware's policy as the bundle declares it (the simulator's collector checks reports against it). */
  policy?: Policy;
}

export interface BuildResult {
  ok: boolean;
  metadata?: BuildMetadata;
  bundlePath?: string;
  /** Type errors and dialect errors in sdk/ and firmware/. */
  diagnostics: DeviceDiagnostic[];
  /** Dialect violations in the emitted bundle. */
  violations: Violation[];
  /** A sentence describing why the build failed. */
  error?: string;
}

/** Build `firmware/<name>/main.ts` for a board into one Espruino-ready file. */
export async function buildFirmware(options: BuildOptions): Promise<BuildResult> {
  const root = options.root || ROOT;
  const outDir = options.outDir || path.join(root, 'dist');
  const board = loadBoard(options.board, options.boardsDir);
  const entry = firmwareEntry(root, options.firmware);
  const diagnostics = options.skipTypecheck ? [] : deviceDiagnostics(root);
  if (diagnostics.length > 0) {
    return { ok: false, diagnostics, violations: [], error: `${diagnostics.length} type or dialect error(s) in sdk/ and firmware/` };
  }
  const base = `${options.firmware}.${board.id}`;
  const bundlePath = path.join(outDir, `${base}.js`);
  const compiled = await compileEntry(entry, board, { root, outDir, file: `${base}.js` });
  const violations = checkBundle(compiled.code, compiled.map, { bundlePath, mapPath: `${bundlePath}.map`, cwd: root });
  const policy = loadFirmwarePolicy(root, options.firmware);
  const fit = await estimateFit(compiled.code, board, policy, loadFirmwareManifest(root, options.firmware));
  const metadata: BuildMetadata = {
    firmware: options.firmware,
    board: board.id,
    espruino: board.espruino,
    bytes: Buffer.byteLength(compiled.code, 'utf8'),
    sha256: crypto.createHash('sha256').update(compiled.code).digest('hex'),
    ...fit,
    helpers: compiled.helpers,
    holesRewritten: compiled.holesRewritten,
    inputs: compiled.inputs,
    inputsHash: inputsHash(root, options.firmware, board.id),
    policy,
  };
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(bundlePath, compiled.code);
  fs.writeFileSync(`${bundlePath}.map`, compiled.map);
  fs.writeFileSync(path.join(outDir, `${base}.json`), JSON.stringify(metadata, null, 2) + '\n');
  if (violations.length > 0) return { ok: false, metadata, bundlePath, diagnostics, violations, error: `${violations.length} Espruino dialect violation(s) in the emitted bundle` };
  if (!fit.fits) {
    return { ok: false, metadata, bundlePath, diagnostics, violations, error: fitError(metadata, board) };
  }
  return { ok: true, metadata, bundlePath, diagnostics, violations };
}

export interface CompiledBundle {
  /** Minified ES5, ready for Espruino. */
  code: string;
  /** Composed source map back to the TypeScript sources, relative to `outDir`. */
  map: string;
  helpers: string[];
  holesRewritten: number;
  inputs: string[];
}

/**
 * The bundle pipeline for one entry file: esbuild (resolve imports) →
 * TypeScript (ES5, holes rewritten) → Homebound helpers → terser (hoisted,
 * mangled) with the stage maps composed. No type-check and no fit check.
 */
export async function compileEntry(entry: string, board: BoardDefinition, o: { root: string; outDir: string; file: string }): Promise<CompiledBundle> {
  const bundle = await bundleEntry(entry, o.root, board);
  const es5 = downlevel(bundle.code, 'bundle.js');
  const pre = withPrelude(es5.code, es5.map, es5.helpersUsed, 'es5.js');
  const min = await minifyForEspruino(pre.code, pre.map, 'prelude.js');
  const map = composeMaps(min.map, { 'prelude.js': pre.map, 'es5.js': es5.map, 'bundle.js': bundle.map }, o.root, o.outDir, o.file);
  return { code: min.code, map, helpers: pre.helpers, holesRewritten: es5.holesRewritten, inputs: bundle.inputs };
}

/**
 * The firmware's policy (`firmware/<name>/policy.ts`, export `policy`), loaded
 * on the host so the build can record it, its digests and grant it in the
 * fit check. Undefined for a firmware without one.
 */
export function loadFirmwarePolicy(root: string, firmware: string): Policy | undefined {
  const file = path.join(root, 'firmware', firmware, 'policy.ts');
  if (!fs.existsSync(file)) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const mod = require(file) as { policy?: Policy };
  return mod.policy;
}

function fitError(m: BuildMetadata, board: BoardDefinition): string {
  return `${m.firmware} does not fit ${board.id}: about ${m.jsVarsEstimate} JsVars needed, ${m.jsVarsBudget} available at boot ` +
    `(${m.usedPct}% of boards/${board.id}.json jsvars.${m.jsVarsBudgetField})`;
}

/**
 * `firmware/<name>/firmware.json`: what the firmware asks of the board
 * beyond its modules. `ble: false` means the firmware runs with Bluetooth
 * switched off (`ESP32.enableBLE(false)` before flashing: it restarts the
 * board and frees ~1,800 JsVars), so its budget is `jsvars.atBootBleOff`.
 */
export interface FirmwareManifest {
  /** Bluetooth stays on (the default) or is switched off before flashing. @default true */
  ble?: boolean;
  /** Why, in a sentence, for the build log and README. */
  bleWhy?: string;
}

/** The firmware's manifest; `{}` when it has none. Throws with the file named when it is not valid JSON. */
export function loadFirmwareManifest(root: string, firmware: string): FirmwareManifest {
  const file = path.join(root, 'firmware', firmware, 'firmware.json');
  if (!fs.existsSync(file)) return {};
  try {
    const m = JSON.parse(fs.readFileSync(file, 'utf8')) as FirmwareManifest;
    if (m.ble !== undefined && typeof m.ble !== 'boolean') throw new Error('ble must be true or false');
    return m;
  } catch (e) {
    throw new Error(`firmware/${firmware}/firmware.json: ${(e as Error).message}`);
  }
}

/** Type errors plus dialect-syntax errors over all of sdk/ and firmware/. */
export function deviceDiagnostics(root: string): DeviceDiagnostic[] {
  const { program, diagnostics } = typecheckDevice(root);
  const files = program.getSourceFiles().filter((sf) => isDeviceSource(root, sf.fileName));
  return diagnostics.concat(checkDeviceSyntax(files, { cwd: root }));
}

function isDeviceSource(root: string, file: string): boolean {
  const rel = path.relative(root, file).split(path.sep).join('/');
  return rel.startsWith('sdk/') || rel.startsWith('firmware/');
}

/** Every firmware under `firmware/`, sorted. */
export function listFirmwares(root = ROOT): string[] {
  const dir = path.join(root, 'firmware');
  return fs.readdirSync(dir).filter((f) => fs.existsSync(path.join(dir, f, 'main.ts'))).sort();
}

function firmwareEntry(root: string, name: string): string {
  const entry = path.join('firmware', name, 'main.ts');
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name) || !fs.existsSync(path.join(root, entry))) {
    throw new Error(`unknown firmware '${name}': no file ${entry} (firmwares: ${listFirmwares(root).join(', ')})`);
  }
  return entry;
}

/** Hash of everything a bundle depends on; changes whenever a rebuild could change the output. */
export function inputsHash(root: string, firmware: string, boardId: string): string {
  const h = crypto.createHash('sha256');
  const dirs = ['sdk', path.join('firmware', firmware), 'toolchain', 'types'];
  const files: string[] = [path.join('boards', `${boardId}.json`), 'tsconfig.device.json', 'package-lock.json'];
  for (const d of dirs) collect(path.join(root, d), root, files);
  for (const f of files.sort()) {
    const abs = path.join(root, f);
    if (!fs.existsSync(abs)) continue;
    h.update(f).update('\0').update(fs.readFileSync(abs)).update('\0');
  }
  return h.digest('hex');
}

function collect(dir: string, root: string, out: string[]): void {
  if (!fs.existsSync(dir)) return;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) collect(abs, root, out);
    else if (/\.(ts|json)$/.test(e.name)) out.push(path.relative(root, abs));
  }
}
