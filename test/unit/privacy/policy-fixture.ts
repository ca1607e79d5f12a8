import type { Policy } from '../../../sdk/model/index';

/** Sampler order of the fridge-like load: 4 channels. */
export const FRIDGE_CHANNELS = ['cabinetTempC', 'freezerTempC', 'doorOpen', 'compressorW'];

/** A fridge-like policy: 3 purposes, 8 fields (the load the buffer's memory is sized for). */
export const FRIDGE_POLICY: Policy = {
  version: 1,
  channels: {
    cabinetTempC: { kind: 'numeric', unit: 'C', min: -10, max: 30, dataClass: 'diagnostic', periodMs: 30000 },
    freezerTempC: { kind: 'numeric', unit: 'C', min: -40, max: 10, dataClass: 'diagnostic', periodMs: 30000 },
    doorOpen: { kind: 'event', unit: 'open', min: 0, max: 1, dataClass: 'usage', periodMs: 500 },
    compressorW: { kind: 'numeric', unit: 'W', min: 0, max: 500, dataClass: 'energy', periodMs: 10000 },
  },
  recipients: {
    maker: { endpoint: 'https://diag.example/v1', transport: 'https' },
    utility: { endpoint: 'https://meters.example/v1', transport: 'https' },
    partner: { endpoint: 'https://insights.example/v1', transport: 'https' },
  },
  purposes: {
    diagnostics: {
      recipient: 'maker',
      tier: '1d',
      essential: true,
      fields: [
        { channel: 'cabinetTempC', aggregate: 'min' },
        { channel: 'cabinetTempC', aggregate: 'max' },
        { channel: 'cabinetTempC', aggregate: 'mean' },
        { channel: 'freezerTempC', aggregate: 'mean' },
      ],
    },
    energy: {
      recipient: 'utility',
      tier: '1d',
      optInTiers: ['30min'],
      fields: [{ channel: 'compressorW', aggregate: 'energy' }],
    },
    marketing: {
      recipient: 'partner',
      tier: '1d',
      fields: [
        { channel: 'doorOpen', aggregate: 'eventCount' },
        { channel: 'doorOpen', aggregate: 'dutyCycle' },
        { channel: 'cabinetTempC', aggregate: 'histogram', bounds: [0, 4, 8] },
      ],
    },
  },
};
