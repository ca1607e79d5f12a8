import type { Policy } from '../../sdk/model/index';

/**
 * The fridge's privacy policy: every channel it samples, everyone who may
 * receive data, and exactly what each purpose takes. Version it on every
 * change; a wider purpose makes existing consents stale.
 */
export const policy: Policy = {
  version: 1,
  channels: {
    cabinetTempC: { kind: 'numeric', unit: 'C', min: -10, max: 30, dataClass: 'diagnostic', periodMs: 30000 },
    freezerTempC: { kind: 'numeric', unit: 'C', min: -40, max: 10, dataClass: 'diagnostic', periodMs: 30000 },
    doorOpen: { kind: 'event', unit: 'open', min: 0, max: 1, dataClass: 'usage', periodMs: 500 },
    compressorW: { kind: 'numeric', unit: 'W', min: 0, max: 500, dataClass: 'energy', periodMs: 10000 },
    sensorFaults: { kind: 'event', unit: 'fault', min: 0, max: 1, dataClass: 'diagnostic', periodMs: 1 },
  },
  recipients: {
    maker: { endpoint: 'https://diag.fridge-maker.example/v1/reports', transport: 'https' },
    utility: { endpoint: 'https://meters.utility.example/v1/energy', transport: 'https' },
    partner: { endpoint: 'https://insights.partner.example/v1/usage', transport: 'https' },
  },
  purposes: {
    // Essential: the maker's diagnostics carry no usage or energy data.
    diagnostics: {
      recipient: 'maker',
      tier: '1d',
      essential: true,
      fields: [
        { channel: 'sensorFaults', aggregate: 'eventCount' },
        { channel: 'cabinetTempC', aggregate: 'min' },
        { channel: 'cabinetTempC', aggregate: 'max' },
        { channel: 'cabinetTempC', aggregate: 'mean' },
      ],
      redaction: { round: 0.1, kMin: 1, pseudonym: true },
    },
    // UK smart-meter tiers: daily once granted, half-hourly only with its own grant.
    energy: {
      recipient: 'utility',
      tier: '1d',
      optInTiers: ['30min'],
      fields: [{ channel: 'compressorW', aggregate: 'energy' }],
      redaction: { round: 1, kMin: 5 },
    },
    // Usage for marketing: daily door openings, rounded, released 24–48 h later.
    marketing: {
      recipient: 'partner',
      tier: '1d',
      fields: [{ channel: 'doorOpen', aggregate: 'eventCount' }],
      redaction: { round: 5, kMin: 5, releaseDelayH: [24, 48] },
    },
  },
};
