import { Err } from '../model/index';
import type { GateStage, Report } from '../model/index';
import type { FileStore } from '../platform/index';
import { decodeEntry, encodeEntry, entryFromReport, formatLogEntry } from './log-entry';
import type { LogEntry } from './log-entry';
import { LOG_PREFIX } from './names';

export interface TransparencyLogOptions {
  store: FileStore;
  /** Most entries kept; older ones go a whole segment at a time. @default 200 */
  capacity?: number;
  /** Entries per segment file; one segment is erased when the ring is full. @default 20 */
  segmentEntries?: number;
}

/**
 * The owner-readable record of every upload and every refused one (PRIVACY.md
 * req 13), readable locally without any network. A bounded ring of segment
 * files `hb.l.<n>`; an entry is one appended line, so logging never rewrites
 * the log. No method throws.
 */
export interface TransparencyLog {
  /** Log a sent report of `bytes` bytes. @returns Err.None or Err.StorageWriteFailed */
  uploaded(report: Report, bytes: number, nowMs: number): number;
  /** Log a refused report with the gate's code and stage. @returns Err.None or Err.StorageWriteFailed */
  blocked(report: Report, code: number, stage: GateStage, nowMs: number): number;
  /** Log a prepared entry. @returns Err.None or Err.StorageWriteFailed */
  record(entry: LogEntry): number;
  /** Visit every readable entry, oldest first, one segment in RAM at a time (use this on the device). */
  forEach(cb: (entry: LogEntry) => void): void;
  /** Every readable entry, oldest first, at most `capacity`. Costs RAM: prefer forEach on the device. */
  read(): LogEntry[];
  /** One console line for an entry. */
  format(entry: LogEntry): string;
  /** Torn or altered lines skipped by the last forEach/read. */
  corruptLines(): number;
  /** Entries that could not be written. */
  writeFailures(): number;
}

interface LogState {
  store: FileStore;
  per: number;
  maxSegments: number;
  /** Segment numbers present, ascending. */
  segments: number[];
  /** Entries in the newest segment. */
  count: number;
  corrupt: number;
  failures: number;
}

function positive(name: string, v: number | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  if (typeof v !== 'number' || v < 1 || Math.floor(v) !== v) throw new Error(name + ' must be a positive integer (got ' + v + ')');
  return v;
}

/** Segment numbers from Storage names; a StorageFile lists as `hb.l.<n>` plus a chunk byte. */
function segmentsIn(store: FileStore): number[] {
  const found: number[] = [];
  store.list(LOG_PREFIX).forEach((name) => {
    let i = LOG_PREFIX.length;
    let n = 0;
    while (i < name.length && name.charCodeAt(i) >= 48 && name.charCodeAt(i) <= 57) n = n * 10 + name.charCodeAt(i++) - 48;
    if (i > LOG_PREFIX.length && found.indexOf(n) < 0) found.push(n);
  });
  return found.sort((a, b) => a - b);
}

function readSegment(store: FileStore, n: number): string {
  const name = LOG_PREFIX + n;
  const t = store.readAppended ? store.readAppended(name) : store.read(name);
  return t || '';
}

function countLines(t: string): number {
  let n = 0;
  for (let i = t.indexOf('\n'); i >= 0; i = t.indexOf('\n', i + 1)) n++;
  return n;
}

/** Erase the oldest segments beyond the ring's size (also after a power cut mid-rotation). */
function trim(s: LogState): void {
  while (s.segments.length > s.maxSegments) {
    const name = LOG_PREFIX + s.segments.shift();
    if (s.store.eraseAppended) s.store.eraseAppended(name);
    else s.store.erase(name);
  }
}

function append(s: LogState, entry: LogEntry): number {
  if (!s.segments.length || s.count >= s.per) {
    s.segments.push(s.segments.length ? s.segments[s.segments.length - 1] + 1 : 0);
    s.count = 0;
  }
  const name = LOG_PREFIX + s.segments[s.segments.length - 1];
  const line = encodeEntry(entry);
  let ok: boolean;
  try {
    // Without append the segment is rewritten; segments are small, so that stays cheap.
    ok = s.store.append ? s.store.append(name, line) : s.store.write(name, (s.store.read(name) || '') + line);
  } catch (e) {
    ok = false;
  }
  trim(s);
  if (!ok) { s.failures++; return Err.StorageWriteFailed; }
  s.count++;
  return Err.None;
}

function visit(s: LogState, cb: (entry: LogEntry) => void): void {
  s.corrupt = 0;
  for (let i = 0; i < s.segments.length; i++) {
    const lines = readSegment(s.store, s.segments[i]).split('\n');
    for (let j = 0; j < lines.length; j++) {
      if (!lines[j].length) continue;
      const e = decodeEntry(lines[j]);
      if (e) cb(e);
      else s.corrupt++;
    }
  }
}

/**
 * Open (or start) the log in `store`. Holds between capacity - segmentEntries
 * + 1 and about capacity entries once full.
 * @throws Error naming the option, at construction only
 */
export function createTransparencyLog(options: TransparencyLogOptions): TransparencyLog {
  const per = positive('segmentEntries', options.segmentEntries, 20);
  const capacity = positive('capacity', options.capacity, 200);
  if (capacity < per) throw new Error('capacity must be at least segmentEntries (got ' + capacity + ' < ' + per + ')');
  const s: LogState = {
    store: options.store, per: per, maxSegments: Math.ceil(capacity / per),
    segments: segmentsIn(options.store), count: 0, corrupt: 0, failures: 0,
  };
  trim(s);
  if (s.segments.length) s.count = countLines(readSegment(s.store, s.segments[s.segments.length - 1]));
  const read = (): LogEntry[] => {
    const out: LogEntry[] = [];
    visit(s, (e) => { out.push(e); });
    return out.length > capacity ? out.slice(out.length - capacity) : out;
  };
  return {
    uploaded: (report, bytes, nowMs) => append(s, entryFromReport(report, Err.None, 0, bytes, nowMs)),
    blocked: (report, code, stage, nowMs) => append(s, entryFromReport(report, code, stage, 0, nowMs)),
    record: (entry) => append(s, entry),
    forEach: (cb) => visit(s, cb),
    read: read,
    format: formatLogEntry,
    corruptLines: () => s.corrupt,
    writeFailures: () => s.failures,
  };
}
