import type { Policy } from '../../sdk/model/index';
import { CHANNEL_DECLS } from './channels';

/**
 * The fridge's privacy policy: every channel it samples, everyone who may
 * receive data, and exactly what each purpose takes. Version it on every
 * change; a wider purpose makes existing consents stale.
 */
export const policy: Policy = {
  // 2: the maker's diagnostics moved to MQTT (one connection, QoS 1, the collector's acknowledgement).
  version: 2,
  // Declared in channels.ts, with their sample rates.
  channels: CHANNEL_DECLS,
  recipients: {
    maker: { endpoint: 'mqtts://mqtt.fridge-maker.example:8883/hb/maker', transport: 'mqtts' },
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
