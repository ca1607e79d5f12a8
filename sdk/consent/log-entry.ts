import { GateStage } from '../model/index';
import { civilFromDays } from '../util/index';

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

/**
 * One console line for the owner, e.g.
 * `2025-03-02 00:05 sent utility/energy 1d from 2025-03-01 00:00 [compressorW.energy] 96 B` or
 * `… BLOCKED e60 at send partner/marketing …`; the host expands codes into sentences.
 */
export function formatLogEntry(e: LogEntry): string {
  // Nested, not module-level: a module-level function stays in RAM for good (ESPRUINO.md §3).
  function two(n: number): string {
    return n < 10 ? '0' + n : '' + n;
  }
  /** `YYYY-MM-DD HH:MM` UTC, by integer arithmetic (no Date.UTC or getUTC* on Espruino). */
  function formatUtc(ms: number): string {
    const days = Math.floor(ms / 86400000);
    const ymd = civilFromDays(days);
    const min = Math.floor((ms - days * 86400000) / 60000);
    return ymd[0] + '-' + two(ymd[1]) + '-' + two(ymd[2]) + ' ' + two(Math.floor(min / 60)) + ':' + two(min % 60);
  }
  const what = e.code ? 'BLOCKED e' + e.code + (e.stage === GateStage.Send ? ' at send' : ' at queue') : 'sent';
  return formatUtc(e.timeMs) + ' ' + what + ' ' + e.recipient + '/' + e.purpose + ' ' + e.tier +
    ' from ' + formatUtc(e.windowStart) + ' [' + e.fields.join(',') + '] ' + e.bytes + ' B';
}
