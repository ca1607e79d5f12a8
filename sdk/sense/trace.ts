import type { Clock, FileStore, Timers } from '../platform/index';
import type { EdgeSensor, NumericSensor } from './drivers';
import { noop } from '../util/index';

/**
 * Sensor readings replayed from a trace file in Storage, for boards without
 * GPIO or ADC (Espruino's Linux build). Each line is
 * `<secondsSinceStart>,<v1>,<v2>,...` with integer or decimal values; lines
 * are sorted by time. The simulator writes the same file it feeds to the pins
 * of other boards, so both see the same input. At the end the trace loops.
 */
export interface TraceReader {
  /** Value of `column` (1-based) at `nowMs`, or NaN when the trace is unusable. */
  valueAt(column: number, nowMs: number): number;
  /** Lines that could not be parsed (counted, skipped). */
  malformed(): number;
}

const CHUNK = 256;

export function createTraceReader(store: FileStore, file: string, startMs: number): TraceReader {
  let offset = 0;
  let buf = '';
  let row: number[] = [];
  let next: number[] | undefined;
  let loopMs = 0;
  let bad = 0;
  let usable = true;

  function readLine(): string | undefined {
    for (;;) {
      const nl = buf.indexOf('\n');
      if (nl >= 0) {
        const line = buf.substr(0, nl);
        buf = buf.substr(nl + 1);
        return line;
      }
      const more = store.readRange(file, offset, CHUNK);
      if (!more) {
        if (buf.length === 0) return undefined;
        const last = buf;
        buf = '';
        return last;
      }
      offset += more.length;
      buf += more;
    }
  }

  function nextRow(): number[] | undefined {
    for (;;) {
      const line = readLine();
      if (line === undefined) return undefined;
      if (line.length === 0 || line.charAt(0) === '#') continue;
      const parts = line.split(',');
      const vals: number[] = [];
      for (let i = 0; i < parts.length; i++) vals.push(parseFloat(parts[i]));
      if (!isFinite(vals[0])) { bad++; continue; }
      return vals;
    }
  }

  function advanceTo(nowMs: number): void {
    if (!usable) return;
    if (!next) next = nextRow();
    for (;;) {
      if (!next) {
        if (row.length === 0) { usable = false; return; }
        // End of trace: loop from the start, shifted by the trace's length.
        loopMs += row[0] * 1000 + 1000;
        offset = 0;
        buf = '';
        next = nextRow();
        if (!next) { usable = false; return; }
      }
      if (startMs + loopMs + next[0] * 1000 > nowMs) return;
      row = next;
      next = nextRow();
    }
  }

  return {
    valueAt: (column, nowMs) => {
      advanceTo(nowMs);
      const v = row[column];
      return v === undefined ? NaN : v;
    },
    malformed: () => bad,
  };
}

/** A numeric channel read from one trace column. */
export function createTraceSensor(trace: TraceReader, column: number): NumericSensor {
  return { sample: (nowMs) => trace.valueAt(column, nowMs), close: noop };
}

/**
 * A two-state channel read from one trace column (non-zero = active). Edges
 * are found by polling every `pollMs`, the trace's resolution.
 */
export function createTraceEdge(trace: TraceReader, column: number, timers: Timers, clock: Clock, pollMs: number): EdgeSensor {
  let last = false;
  let timer = 0;
  return {
    state: (nowMs) => trace.valueAt(column, nowMs) > 0,
    watch: (cb) => {
      timer = timers.every(() => {
        const t = clock.now();
        const s = trace.valueAt(column, t) > 0;
        if (s !== last) { last = s; cb(s, t); }
      }, pollMs);
    },
    close: () => {
      timers.cancel(timer);
      timer = 0;
    },
  };
}
