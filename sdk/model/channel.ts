import type { Err } from './errors';

/** What a channel carries: a numeric series, an edge event, or a state. */
export type ChannelKind = 'numeric' | 'event' | 'state';

/** One declared sensor stream. Firmware may read only declared channels. */
export interface ChannelSpec {
  /** Short identifier, e.g. `cabinetTempC`. */
  id: string;
  kind: ChannelKind;
  /** Unit of the values, e.g. `C`, `W`, `open`. */
  unit: string;
  /** Smallest valid value, inclusive. */
  min: number;
  /** Largest valid value, inclusive. */
  max: number;
  /**
   * Sampling period in ms for polled channels; for event channels the
   * shortest plausible interval between events (faster is rejected as a burst).
   */
  periodMs: number;
}

/** Per-channel counts of accepted and rejected samples, by reason. */
export interface ChannelCounters {
  accepted: number;
  notFinite: number;
  outOfRange: number;
  wrongType: number;
  tooFast: number;
}

/** Result of offering one sample to a channel: `Err.None` or the rejection reason. */
export type SampleResult = Err;
