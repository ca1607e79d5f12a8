import { Err } from '../model/index';
import type { GateStage, Report } from '../model/index';
import type { FileStore } from '../platform/index';
import { formatLogEntry } from './log-entry';
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

/** Everything a log holds; logOp works on it. Short keys: one JsVar each. */
interface LogState {
  /** The store (not the options: only Open reads the rest, passed to it). */
  o: FileStore;
  /** entries per segment */
  n: number;
  /** most entries returned by read() */
  m: number;
  /** Segment numbers present, ascending. */
  g: number[];
  /** Entries in the newest segment. */
  c: number;
  /** corrupt lines seen by the last visit */
  x: number;
  /** write failures */
  f: number;
}

/** What logOp does. */
const enum LogOp { Open, Report, Append, Visit, Read }

/** Longest string kept per name, and most field names kept: a hostile report cannot bloat the log. */
const MAX_TEXT = 40;
const MAX_FIELDS = 16;

/**
 * Every log operation in one module-level function, its helpers nested: on
 * Espruino a module-level function stays in RAM for good, a nested one only
 * while a call runs (ESPRUINO.md §3).
 * @throws Error naming the option, on Open only
 */
function logOp(s: LogState, k: LogOp, a?: any, b?: any, c?: any, d?: any, e?: any): any {
  const store = s.o;

  function positive(name: string, v: number | undefined, dflt: number): number {
    if (v === undefined) return dflt;
    if (typeof v !== 'number' || v < 1 || Math.floor(v) !== v) throw new Error(name + ' must be a positive integer (got ' + v + ')');
    return v;
  }

  function readSegment(n: number): string {
    const name = LOG_PREFIX + n;
    const t = store.readAppended ? store.readAppended(name) : store.read(name);
    return t || '';
  }

  /** Erase the oldest segments beyond the ring's size (also after a power cut mid-rotation). */
  function trim(): void {
    while (s.g.length > Math.ceil(s.m / s.n)) {
      const name = LOG_PREFIX + s.g.shift();
      if (store.eraseAppended) store.eraseAppended(name);
      else store.erase(name);
    }
  }

  /** Printable ASCII only, clipped: a StorageFile cannot hold 0xFF, and the owner reads this on a console. */
  function text(v: unknown): string {
    if (typeof v !== 'string') return '?';
    let out = '';
    const n = v.length < MAX_TEXT ? v.length : MAX_TEXT;
    for (let i = 0; i < n; i++) {
      const ch = v.charCodeAt(i);
      out += ch >= 32 && ch < 127 ? v.charAt(i) : '?';
    }
    return out;
  }

  function num(v: unknown): number {
    return typeof v === 'number' && isFinite(v) ? v : 0;
  }

  /** A log entry from a report as it reached the gate or the sender; survives any shape of input. */
  function entryFromReport(report: any, code: number, stage: number, bytes: number, nowMs: number): LogEntry {
    const r = report && typeof report === 'object' ? report : {};
    const fields: string[] = [];
    const f = r.fields;
    if (f && typeof f === 'object') {
      for (const key in f) {
        if (fields.length >= MAX_FIELDS) break;
        fields.push(text(key));
      }
    }
    return {
      timeMs: num(nowMs), recipient: text(r.recipient), purpose: text(r.purpose), fields: fields,
      tier: text(r.tier), windowStart: num(r.windowStart), windowMs: num(r.windowMs),
      bytes: num(bytes), code: num(code), stage: num(stage),
    };
  }

  /**
   * One log line: a newline, then printable JSON with short keys. The newline
   * comes first so that a line torn by a power cut ends before the next one
   * starts: only the torn line is lost.
   */
  function append(entry: LogEntry): number {
    if (!s.g.length || s.c >= s.n) {
      s.g.push(s.g.length ? s.g[s.g.length - 1] + 1 : 0);
      s.c = 0;
    }
    const name = LOG_PREFIX + s.g[s.g.length - 1];
    const line = '\n' + JSON.stringify({
      t: entry.timeMs, r: entry.recipient, p: entry.purpose, f: entry.fields, i: entry.tier,
      w: entry.windowStart, m: entry.windowMs, b: entry.bytes, e: entry.code, s: entry.stage,
    });
    let ok: boolean;
    try {
      // Without append the segment is rewritten; segments are small, so that stays cheap.
      ok = store.append ? store.append(name, line) : store.write(name, (store.read(name) || '') + line);
    } catch (err) {
      ok = false;
    }
    trim();
    if (!ok) { s.f++; return Err.StorageWriteFailed; }
    s.c++;
    return Err.None;
  }

  /** The entry on one line (without its newline), or undefined for a torn or altered line. */
  function decode(line: string): LogEntry | undefined {
    let o: any;
    try {
      o = JSON.parse(line);
    } catch (err) {
      return undefined;
    }
    if (!o || typeof o !== 'object' || typeof o.t !== 'number' || typeof o.w !== 'number' || typeof o.m !== 'number' ||
      typeof o.b !== 'number' || typeof o.e !== 'number' || typeof o.s !== 'number' || typeof o.r !== 'string' ||
      typeof o.p !== 'string' || typeof o.i !== 'string' || !Array.isArray(o.f)) return undefined;
    for (let i = 0; i < o.f.length; i++) if (typeof o.f[i] !== 'string') return undefined;
    return {
      timeMs: o.t, recipient: o.r, purpose: o.p, fields: o.f, tier: o.i,
      windowStart: o.w, windowMs: o.m, bytes: o.b, code: o.e, stage: o.s,
    };
  }

  /** Visit every readable entry, oldest first, one segment in RAM at a time. */
  function visit(cb: (entry: LogEntry) => void): void {
    s.x = 0;
    for (let i = 0; i < s.g.length; i++) {
      const lines = readSegment(s.g[i]).split('\n');
      for (let j = 0; j < lines.length; j++) {
        if (!lines[j].length) continue;
        const entry = decode(lines[j]);
        if (entry) cb(entry);
        else s.x++;
      }
    }
  }

  if (k === LogOp.Open) {
    s.n = positive('segmentEntries', a.segmentEntries, 20);
    s.m = positive('capacity', a.capacity, 200);
    if (s.m < s.n) throw new Error('capacity must be at least segmentEntries (got ' + s.m + ' < ' + s.n + ')');
    s.c = s.x = s.f = 0;
    // Segment numbers from Storage names; a StorageFile lists as `hb.l.<n>` plus a chunk byte.
    s.g = [];
    store.list(LOG_PREFIX).forEach((name) => {
      let i = LOG_PREFIX.length;
      let n = 0;
      while (i < name.length && name.charCodeAt(i) >= 48 && name.charCodeAt(i) <= 57) n = n * 10 + name.charCodeAt(i++) - 48;
      if (i > LOG_PREFIX.length && s.g.indexOf(n) < 0) s.g.push(n);
    });
    s.g.sort((x, y) => x - y);
    trim();
    if (s.g.length) {
      const t = readSegment(s.g[s.g.length - 1]);
      for (let i = t.indexOf('\n'); i >= 0; i = t.indexOf('\n', i + 1)) s.c++;
    }
    return 0;
  }
  if (k === LogOp.Report) return append(entryFromReport(a, b, c, d, e));
  if (k === LogOp.Append) return append(a);
  if (k === LogOp.Visit) return visit(a);
  const out: LogEntry[] = [];
  visit((entry) => { out.push(entry); });
  return out.length > s.m ? out.slice(out.length - s.m) : out;
}

/**
 * Open (or start) the log in `store`. Holds between capacity - segmentEntries
 * + 1 and about capacity entries once full. Its methods ignore `this`.
 * @throws Error naming the option, at construction only
 */
export function createTransparencyLog(options: TransparencyLogOptions): TransparencyLog {
  // One local, so the methods' shared scope holds nothing else (the options
  // stay out of it: only the store is kept).
  const s = { o: options.store } as LogState;
  logOp(s, LogOp.Open, options);
  return {
    uploaded: (report, bytes, nowMs) => logOp(s, LogOp.Report, report, Err.None, 0, bytes, nowMs),
    blocked: (report, code, stage, nowMs) => logOp(s, LogOp.Report, report, code, stage, 0, nowMs),
    record: (entry) => logOp(s, LogOp.Append, entry),
    forEach: (cb) => logOp(s, LogOp.Visit, cb),
    read: () => logOp(s, LogOp.Read),
    format: formatLogEntry,
    corruptLines: () => s.x,
    writeFailures: () => s.f,
  };
}
