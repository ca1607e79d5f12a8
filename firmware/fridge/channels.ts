import type { ChannelDecl, ChannelSpec } from '../../sdk/model/index';

/**
 * The fridge's sampled channels: declared once here, and referenced by the
 * policy (policy.ts) so there is one declaration of each. Sample rates:
 * - cabinet and freezer temperature every 30 s: air temperature changes over
 *   minutes, and 30 s resolves a door opening's spike;
 * - compressor power every 10 s: integrates energy over 10–40 min compressor
 *   cycles to within a percent;
 * - the door on every debounced reed-switch edge; edges closer than 250 ms
 *   are a bouncing contact, not a person;
 * - sensor faults: one event per rejected sample.
 */
export const CHANNEL_DECLS: { [id: string]: ChannelDecl } = {
  cabinetTempC: { kind: 'numeric', unit: 'C', min: -10, max: 30, dataClass: 'diagnostic', periodMs: 30000 },
  freezerTempC: { kind: 'numeric', unit: 'C', min: -40, max: 10, dataClass: 'diagnostic', periodMs: 30000 },
  doorOpen: { kind: 'event', unit: 'open', min: 0, max: 1, dataClass: 'usage', periodMs: 500 },
  compressorW: { kind: 'numeric', unit: 'W', min: 0, max: 500, dataClass: 'energy', periodMs: 10000 },
  sensorFaults: { kind: 'event', unit: 'fault', min: 0, max: 1, dataClass: 'diagnostic', periodMs: 1 },
};

/**
 * Channel order used by the sampler, the privacy buffer and the status line.
 * Each spec inherits its declaration: `Object.create` adds only the id and a
 * prototype link (about 6 JsVars, against 13 for a copy of the six fields;
 * ESPRUINO.md §3). The callback is a temporary: no function stays alive.
 */
export const CHANNELS: ChannelSpec[] = ['cabinetTempC', 'freezerTempC', 'doorOpen', 'compressorW', 'sensorFaults'].map((id) => {
  const s = Object.create(CHANNEL_DECLS[id]) as ChannelSpec;
  s.id = id;
  return s;
});

export const CABINET = CHANNELS[0];
export const FREEZER = CHANNELS[1];
export const DOOR = CHANNELS[2];
export const POWER = CHANNELS[3];
export const FAULTS = CHANNELS[4];
