import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** Output that means a run on the real interpreter failed. */
export const FAILURE_MARKERS = ['Uncaught', 'ERROR', 'MEMORY', 'SyntaxError', 'ReferenceError'];

export interface EspruinoRunOptions {
  /** Path to an Espruino Linux binary. */
  bin: string;
  /** The bundle, written to Storage as `.bootcde` and started with `load()`, as a flashed board runs it. */
  bundle: string;
  /** Other Storage files to write first (e.g. the sensor trace, `hb.cfg`). */
  files?: { [name: string]: string };
  /** Seconds to let the bundle run after `load()`. */
  seconds: number;
  /** Commands typed at the console after the run, e.g. to read `process.memory()`. */
  after?: string[];
}

export interface EspruinoRunResult {
  /** Console output after `load()`, ANSI escapes and carriage returns stripped. */
  lines: string[];
  /** Failure markers found in `lines`. */
  failures: string[];
  /** `process.memory()` read right after the run, when requested via `readMemory`. */
  memory?: { free: number; usage: number; total: number; blocksize?: number };
  /** Everything printed, for diagnosis. */
  raw: string;
  dir: string;
}

// Small lines, paced: the 32-bit layout builds assert (jsdevices.c
// `len <= 64`) when stdin delivers long lines faster than they are parsed.
const CHUNK = 160;
const MEM_TAG = 'HB_MEMORY ';
const START_TAG = 'HB_LOADING';

/**
 * Run a bundle on Espruino's Linux interpreter in a fresh temporary
 * directory (it keeps Storage in ./espruino.flash) with stdin held open. Files
 * are written to Storage in chunks with the multi-part write, echo off, then
 * `load()` boots `.bootcde` from Storage so code runs memory-mapped from flash.
 * The interpreter ignores SIGTERM; it is stopped with a Ctrl-D byte, then SIGKILL.
 */
export async function runOnEspruino(o: EspruinoRunOptions): Promise<EspruinoRunResult> {
  // The 32-bit layout builds sometimes drop or garble console input under
  // load (an `ASSERT(len <= 64)` crash, or a multi-part Storage write that no
  // longer matches). That is the upload, not the bundle: try again, twice.
  let r = await runOnce(o);
  for (let i = 0; i < 2 && uploadFailed(r); i++) r = await runOnce(o);
  return r;
}

function uploadFailed(r: EspruinoRunResult): boolean {
  return r.raw.indexOf('ASSERT(') >= 0 || r.failures.some((f) => f.startsWith('before load()')) || r.raw.indexOf('HB_LOADING') < 0;
}

async function runOnce(o: EspruinoRunOptions): Promise<EspruinoRunResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hb-espruino-'));
  const child = spawn(o.bin, [], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
  let raw = '';
  child.stdout.on('data', (d: Buffer) => { raw += d.toString('latin1'); });
  child.stderr.on('data', () => undefined);
  // A crashed interpreter closes stdin: report it through the output, not as an uncaught EPIPE.
  child.stdin.on('error', () => undefined);
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  const send = (s: string): void => { child.stdin.write(s); };
  const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
  try {
    send('echo(0);\n');
    await sleep(200);
    const files: { [n: string]: string } = { ...(o.files || {}), '.bootcde': o.bundle };
    for (const name of Object.keys(files)) {
      const data = files[name];
      for (let off = 0; off < data.length; off += CHUNK) {
        const part = data.slice(off, off + CHUNK);
        send(`require("Storage").write(${JSON.stringify(name)},${JSON.stringify(part)},${off},${data.length});\n`);
        await sleep(4);
      }
    }
    send(`print(${JSON.stringify(START_TAG)});load();\n`);
    await sleep(o.seconds * 1000);
    send(`print(${JSON.stringify(MEM_TAG)}+JSON.stringify(process.memory()));\n`);
    for (const c of o.after || []) send(c + '\n');
    await sleep(500);
    send('\x04');
    await Promise.race([exited, sleep(1000)]);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    await Promise.race([exited, sleep(1000)]);
  }
  return parseOutput(raw, dir);
}

function parseOutput(raw: string, dir: string): EspruinoRunResult {
  // eslint-disable-next-line no-control-regex
  const clean = raw.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');
  const start = clean.indexOf(START_TAG);
  const after = start >= 0 ? clean.slice(start + START_TAG.length) : clean;
  const lines = after.split('\n').map((l) => l.replace(/^>+/, '').trim()).filter((l) => l.length > 0 && l !== '=undefined');
  let memory: EspruinoRunResult['memory'];
  const kept: string[] = [];
  for (const l of lines) {
    if (l.startsWith(MEM_TAG)) { try { memory = JSON.parse(l.slice(MEM_TAG.length)); } catch { /* reported below as missing */ } continue; }
    kept.push(l);
  }
  const failures = kept.filter((l) => FAILURE_MARKERS.some((m) => l.indexOf(m) >= 0));
  // Anything before load() that failed (a Storage write) also counts.
  const before = start >= 0 ? clean.slice(0, start) : '';
  for (const l of before.split('\n')) if (FAILURE_MARKERS.some((m) => l.indexOf(m) >= 0)) failures.push(`before load(): ${l.trim()}`);
  return { lines: kept, failures, memory, raw: clean, dir };
}

/** Interpreter tiers: which environment variable names which binary. */
export const INTERPRETER_TIERS = [
  { env: 'ESPRUINO_BIN', board: 'espruino-linux', what: "Espruino's stock Linux build" },
  { env: 'ESPRUINO_ESP32_BIN', board: 'esp32', what: 'a Linux build with the ESP32 JsVar layout (16383 x 14 B)' },
  { env: 'ESPRUINO_C3_BIN', board: 'esp32c3', what: 'a Linux build with the ESP32-C3 JsVar layout (4095 x 13 B)' },
];
