import type { ChannelSpec } from '../../sdk/model/index';

/**
 * The fridge's channels and their fixed sample rates.
 * - Cabinet and freezer temperature: every 30 s. A cabinet's air temperature
 *   changes on a scale of minutes; 30 s resolves a door opening's spike.
 * - Compressor power: every 10 s, enough to integrate energy over compressor
 *   cycles of 10 to 40 minutes to within a percent.
 * - Door: on every debounced edge of the reed switch; two edges closer than
 *   250 ms are a burst (a bouncing contact or a fault), not a person.
 */
export const CABINET: ChannelSpec = { id: 'cabinetTempC', kind: 'numeric', unit: 'C', min: -10, max: 30, periodMs: 30000 };
export const FREEZER: ChannelSpec = { id: 'freezerTempC', kind: 'numeric', unit: 'C', min: -40, max: 10, periodMs: 30000 };
export const DOOR: ChannelSpec = { id: 'doorOpen', kind: 'event', unit: 'open', min: 0, max: 1, periodMs: 500 };
export const POWER: ChannelSpec = { id: 'compressorW', kind: 'numeric', unit: 'W', min: 0, max: 500, periodMs: 10000 };

/** Channel order used by the sampler and the status line. */
export const CHANNELS: ChannelSpec[] = [CABINET, FREEZER, DOOR, POWER];
