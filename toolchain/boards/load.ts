import * as fs from 'fs';
import * as path from 'path';
import type { AnalogTransfer, BoardDefinition } from '../../sdk/model/board';
import { validateAgainstSchema } from './schema-validate';

/** Repository root (where `boards/`, `firmware/` and `sdk/` live). */
export const ROOT = path.resolve(__dirname, '..', '..');
export const BOARDS_DIR = path.join(ROOT, 'boards');
const SCHEMA_FILE = path.join(BOARDS_DIR, 'board.schema.json');

/** A board file that is missing, unparsable or invalid. The message names the file and field. */
export class BoardError extends Error {
  constructor(message: string, readonly file: string, readonly field?: string) {
    super(message);
    this.name = 'BoardError';
  }
}

/** Ids of every board in `dir` (files `*.json` except the schema), sorted. */
export function listBoards(dir = BOARDS_DIR): string[] {
  return fs.readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f !== 'board.schema.json')
    .map((f) => f.slice(0, -5))
    .sort();
}

/**
 * Load and validate `boards/<id>.json`. Unknown ids list the boards that exist;
 * invalid files name the file and the first offending field of every error.
 */
export function loadBoard(id: string, dir = BOARDS_DIR): BoardDefinition {
  const file = path.join(dir, `${id}.json`);
  const rel = path.relative(process.cwd(), file) || file;
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id) || !fs.existsSync(file)) {
    throw new BoardError(`unknown board '${id}': no file ${rel} (boards: ${listBoards(dir).join(', ')})`, file);
  }
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new BoardError(`${rel}: not valid JSON: ${(e as Error).message}`, file);
  }
  return validateBoard(data, file, id);
}

/** Validate a parsed board against the schema plus the rules a schema cannot say. */
export function validateBoard(data: unknown, file: string, expectedId?: string): BoardDefinition {
  const rel = path.relative(process.cwd(), file) || file;
  const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8'));
  const errors = validateAgainstSchema(data, schema);
  if (errors.length === 0) errors.push(...semanticErrors(data as BoardDefinition, expectedId));
  if (errors.length > 0) {
    const lines = errors.map((e) => `${rel}: ${e.field} ${e.message}`);
    throw new BoardError(lines.join('\n'), file, errors[0].field);
  }
  return data as BoardDefinition;
}

function semanticErrors(b: BoardDefinition, expectedId?: string): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  if (expectedId && b.id !== expectedId) out.push({ field: 'id', message: `must equal the file name '${expectedId}' (got '${b.id}')` });
  if (b.storage.bytes % b.storage.pageBytes !== 0) {
    out.push({ field: 'storage.bytes', message: `must be a whole number of pages of ${b.storage.pageBytes} bytes (got ${b.storage.bytes})` });
  }
  if (b.jsvars.atBoot > b.jsvars.cap) out.push({ field: 'jsvars.atBoot', message: `must not exceed jsvars.cap ${b.jsvars.cap} (got ${b.jsvars.atBoot})` });
  for (const role of Object.keys(b.wiring) as (keyof typeof b.wiring)[]) {
    const src = b.wiring[role];
    const field = `wiring.${role}`;
    if (src.kind === 'trace') {
      if (!src.file || !src.column) out.push({ field, message: 'a trace source needs file and column' });
      continue;
    }
    if (!src.pin) { out.push({ field: `${field}.pin`, message: 'is required for an analog or digital source' }); continue; }
    if (b.pins.digital.indexOf(src.pin) < 0) out.push({ field: `${field}.pin`, message: `${src.pin} is not a pin of this board` });
    else if (src.kind === 'analog' && b.pins.analog.indexOf(src.pin) < 0) out.push({ field: `${field}.pin`, message: `${src.pin} has no ADC channel (analog pins: ${b.pins.analog.join(', ')})` });
    if (src.kind === 'analog') out.push(...transferErrors(src.transfer, `${field}.transfer`));
  }
  return out;
}

function transferErrors(t: AnalogTransfer | undefined, field: string): { field: string; message: string }[] {
  if (!t) return [{ field, message: 'is required for an analog source' }];
  const need = t.kind === 'ntc' ? ['beta', 'r25Ohms', 'seriesOhms'] : ['min', 'max'];
  const missing = need.filter((k) => typeof (t as unknown as { [k: string]: unknown })[k] !== 'number');
  if (missing.length) return [{ field: `${field}.${missing[0]}`, message: `is required for a ${t.kind} transfer` }];
  if (t.kind === 'linear' && t.max <= t.min) return [{ field: `${field}.max`, message: `must be greater than min ${t.min} (got ${t.max})` }];
  return [];
}
