import type { SensorSource } from '../model/index';
import type { Platform } from '../platform/index';
import { createAnalogSensor, createReedSwitch, createTraceEdge, createTraceReader, createTraceSensor } from '../sense/index';
import type { EdgeSensor, NumericSensor, TraceReader } from '../sense/index';

export interface WiringOptions {
  platform: Platform;
  /** Contact-bounce filter for digital edge inputs, ms. @default 50 */
  debounceMs?: number;
  /** Poll period for two-state channels replayed from a trace, ms. @default 1000 */
  tracePollMs?: number;
}

/**
 * Turns the board's wiring (data) into HAL drivers. One trace reader is
 * shared by every channel that reads the same trace file.
 */
export interface Wiring {
  numeric(src: SensorSource): NumericSensor | undefined;
  edge(src: SensorSource): EdgeSensor | undefined;
}

export function createWiring(options: WiringOptions): Wiring {
  const p = options.platform;
  const traces: { [file: string]: TraceReader } = {};
  const startMs = p.clock.now();
  const trace = (file: string): TraceReader => {
    if (!traces[file]) traces[file] = createTraceReader(p.store, file, startMs);
    return traces[file];
  };
  return {
    numeric: (src) => {
      if (src.kind === 'analog') return createAnalogSensor(p.analog(src.pin), src.transfer);
      if (src.kind === 'trace') return createTraceSensor(trace(src.file), src.column);
      return undefined;
    },
    edge: (src) => {
      if (src.kind === 'digital') return createReedSwitch(p.edge(src.pin, !!src.pullup, options.debounceMs || 50));
      if (src.kind === 'trace') return createTraceEdge(trace(src.file), src.column, p.timers, p.clock, options.tracePollMs || 1000);
      return undefined;
    },
  };
}
