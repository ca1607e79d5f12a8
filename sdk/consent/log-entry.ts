import { GateStage } from '../model/index';
import { civilFromDays } from './window';

/** One line of the transparency log (PRIVACY.md req 13). */
export interface LogEntry {
  /** When it was sent or refused, ms since the epoch. */
  timeMs: number;
  recipient: string;
  purpose: string;
  /** Field keys, `channel.aggregate` (at most 16 kept). */
  fields: string[];
  tier: string;
  /** Window start, ms since the epoch, and length in ms. */
  windowStart: number;
  windowMs: number;
  /** Payload size in bytes; for a refusal, the size it would have had if known, else 0. */
  bytes: number;
  /** Err.None for an upload, else the refusal code. */
  code: number;
  /** GateStage of a refusal (1 queue, 2 send); 0 for an upload. */
  stage: number;
}

/** Longest string kept per name, and most field names kept: a hostile report cannot bloat the log. */
const MAX_TEXT = 40;
const MAX_FIELDS = 16;

/** A log entry from a report as it reached the gate or the sender; survives any shape of input. */
export function entryFromReport(report: any, code: number, stage: number, bytes: number, nowMs: number): LogEntry {
  // Nested, not module-level: a module-level function stays in RAM for good (ESPRUINO.md §3).
  /** Printable ASCII only, clipped: a StorageFile cannot hold 0xFF, and the owner reads this on a console. */
  function text(v: unknown): string {
    if (typeof v !== 'string') return '?';
    let out = '';
    const n = v.length < MAX_TEXT ? v.length : MAX_TEXT;
    for (let i = 0; i < n; i++) {
      const c = v.charCodeAt(i);
      out += c >= 32 && c < 127 ? v.charAt(i) : '?';
    }
    return out;
  }

  function num(v: unknown): number {
    return typeof v === 'number' && isFinite(v) ? v : 0;
  }
  const r = report && typeof report === 'object' ? report : {};
  const fields: string[] = [];
  const f = r.fields;
  if (f && typeof f === 'object') {
    for (const k in f) {
      if (fields.length >= MAX_FIELDS) break;
      fields.push(text(k));
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
export function encodeEntry(e: LogEntry): string {
  return '\n' + JSON.stringify({
    t: e.timeMs, r: e.recipient, p: e.purpose, f: e.fields, i: e.tier,
    w: e.windowStart, m: e.windowMs, b: e.bytes, e: e.code, s: e.stage,
  });
}

/** The entry on one line (without its newline), or undefined for a torn or altered line. */
export function decodeEntry(line: string): LogEntry | undefined {
  // Nested, not module-level: a module-level function stays in RAM for good (ESPRUINO.md §3).
  function isNums(o: any): boolean {
    return typeof o.t === 'number' && typeof o.w === 'number' && typeof o.m === 'number' &&
      typeof o.b === 'number' && typeof o.e === 'number' && typeof o.s === 'number';
  }
  let o: any;
  try {
    o = JSON.parse(line);
  } catch (e) {
    return undefined;
  }
  if (!o || typeof o !== 'object' || !isNums(o) || typeof o.r !== 'string' || typeof o.p !== 'string' ||
    typeof o.i !== 'string' || !Array.isArray(o.f)) return undefined;
  for (let i = 0; i < o.f.length; i++) if (typeof o.f[i] !== 'string') return undefined;
  return {
    timeMs: o.t, recipient: o.r, purpose: o.p, fields: o.f, tier: o.i,
    windowStart: o.w, windowMs: o.m, bytes: o.b, code: o.e, stage: o.s,
  };
}

/** `YYYY-MM-DD HH:MM` UTC, by integer arithmetic (no Date.UTC or getUTC* on Espruino). */
export function formatUtc(ms: number): string {
  // Nested, not module-level: a module-level function stays in RAM for good (ESPRUINO.md §3).
  function two(n: number): string {
    return n < 10 ? '0' + n : '' + n;
  }
  const days = Math.floor(ms / 86400000);
  const ymd = civilFromDays(days);
  const min = Math.floor((ms - days * 86400000) / 60000);
  return ymd[0] + '-' + two(ymd[1]) + '-' + two(ymd[2]) + ' ' + two(Math.floor(min / 60)) + ':' + two(min % 60);
}

/**
 * One console line for the owner, e.g.
 * `2025-03-02 00:05 sent utility/energy 1d from 2025-03-01 00:00 [compressorW.energy] 96 B` or
 * `… BLOCKED e60 at send partner/marketing …`; the host expands codes into sentences.
 */
export function formatLogEntry(e: LogEntry): string {
  const what = e.code ? 'BLOCKED e' + e.code + (e.stage === GateStage.Send ? ' at send' : ' at queue') : 'sent';
  return formatUtc(e.timeMs) + ' ' + what + ' ' + e.recipient + '/' + e.purpose + ' ' + e.tier +
    ' from ' + formatUtc(e.windowStart) + ' [' + e.fields.join(',') + '] ' + e.bytes + ' B';
}
