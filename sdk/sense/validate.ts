import { Err } from '../model/index';
import type { ChannelSpec } from '../model/index';

/** Slack on the declared rate before a sample counts as a burst: timers jitter. */
const RATE_SLACK = 0.5;

/**
 * Check one sample against its channel: type, finiteness, range, and rate
 * (`lastMs` is the previous accepted sample's time, or -1 for none). Never
 * throws: garbage from a sensor is a counted rejection, not a crash.
 */
export function validateSample(spec: ChannelSpec, value: unknown, nowMs: number, lastMs: number): Err {
  if (spec.kind === 'event') {
    if (typeof value !== 'boolean' && typeof value !== 'number') return Err.SampleWrongType;
  } else if (typeof value !== 'number') {
    return Err.SampleWrongType;
  }
  const v = +(value as number);
  if (v !== v || !isFinite(v)) return Err.SampleNotFinite;
  if (v < spec.min || v > spec.max) return Err.SampleOutOfRange;
  if (lastMs >= 0 && nowMs - lastMs < spec.periodMs * RATE_SLACK) return Err.SampleTooFast;
  return Err.None;
}
