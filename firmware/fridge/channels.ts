import type { ChannelSpec } from '../../sdk/model/index';
import { policy } from './policy';

/**
 * The fridge's sampled channels, derived from the policy so there is one
 * declaration of each. Sample rates (see policy.ts):
 * - cabinet and freezer temperature every 30 s: air temperature changes over
 *   minutes, and 30 s resolves a door opening's spike;
 * - compressor power every 10 s: integrates energy over 10–40 min compressor
 *   cycles to within a percent;
 * - the door on every debounced reed-switch edge; edges closer than 250 ms
 *   are a bouncing contact, not a person;
 * - sensor faults: one event per rejected sample.
 */
function spec(id: string): ChannelSpec {
  const c = policy.channels[id];
  return { id, kind: c.kind, unit: c.unit, min: c.min, max: c.max, periodMs: c.periodMs };
}

export const CABINET = spec('cabinetTempC');
export const FREEZER = spec('freezerTempC');
export const DOOR = spec('doorOpen');
export const POWER = spec('compressorW');
export const FAULTS = spec('sensorFaults');

/** Channel order used by the sampler, the privacy buffer and the status line. */
export const CHANNELS: ChannelSpec[] = [CABINET, FREEZER, DOOR, POWER, FAULTS];
