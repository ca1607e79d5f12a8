import { createHash } from 'crypto';
import type { Policy, Report } from '../../../sdk/model';
import type { Clock, Hash } from '../../../sdk/platform';

/** The fridge policy's shape, frozen here so consent tests do not move with the firmware. */
export function testPolicy(): Policy {
  return {
    version: 1,
    channels: {
      cabinetTempC: { kind: 'numeric', unit: 'C', min: -10, max: 30, dataClass: 'diagnostic', periodMs: 30000 },
      doorOpen: { kind: 'event', unit: 'open', min: 0, max: 1, dataClass: 'usage', periodMs: 500 },
      openSecs: { kind: 'numeric', unit: 's', min: 0, max: 3600, dataClass: 'usage', periodMs: 1000 },
      compressorW: { kind: 'numeric', unit: 'W', min: 0, max: 500, dataClass: 'energy', periodMs: 10000 },
      sensorFaults: { kind: 'event', unit: 'fault', min: 0, max: 1, dataClass: 'diagnostic', periodMs: 1 },
      micLevel: { kind: 'numeric', unit: 'dB', min: 0, max: 140, dataClass: 'sensitive', periodMs: 1000 },
    },
    recipients: {
      maker: { endpoint: 'https://diag.fridge-maker.example/v1/reports', transport: 'https' },
      utility: { endpoint: 'https://meters.utility.example/v1/energy', transport: 'https' },
      partner: { endpoint: 'https://insights.partner.example/v1/usage', transport: 'https' },
    },
    purposes: {
      diagnostics: {
        recipient: 'maker', tier: '1d', essential: true,
        fields: [
          { channel: 'sensorFaults', aggregate: 'eventCount' },
          { channel: 'cabinetTempC', aggregate: 'min' },
          { channel: 'cabinetTempC', aggregate: 'mean' },
        ],
        redaction: { round: 0.1, kMin: 1, pseudonym: true },
      },
      energy: {
        recipient: 'utility', tier: '1d', optInTiers: ['30min'],
        fields: [{ channel: 'compressorW', aggregate: 'energy' }],
        redaction: { round: 1, kMin: 5 },
      },
      marketing: {
        recipient: 'partner', tier: '1d',
        fields: [
          { channel: 'doorOpen', aggregate: 'eventCount' },
          { channel: 'openSecs', aggregate: 'histogram', bounds: [10, 60] },
        ],
        redaction: { round: 5, kMin: 5, releaseDelayH: [24, 48] },
      },
    },
  };
}

export const DAY = 86400000;
/** 2025-03-01T00:00:00Z, the first of a month. */
export const MAR_1 = Date.UTC(2025, 2, 1);

/** A settable clock, synced from the start. */
export class FakeClock implements Clock {
  synced = true;
  constructor(public ms = MAR_1 + 3 * DAY) {}
  now(): number { return this.ms; }
  isSynced(): boolean { return this.synced; }
}

/** SHA-256 as the device computes it: binary string in, 32-char binary string out. */
export const nodeHash: Hash = {
  sha256: (data) => createHash('sha256').update(Buffer.from(data, 'latin1')).digest().toString('latin1'),
};

/** A report that passes the gate for `purpose` (given a live consent). */
export function goodReport(purpose: 'energy' | 'marketing' | 'diagnostics', overrides: Partial<Report> = {}): Report {
  const base: { [p: string]: Report } = {
    energy: {
      id: 'a1b2c3', recipient: 'utility', purpose: 'energy', tier: '1d', windowStart: MAR_1, windowMs: DAY,
      fields: { 'compressorW.energy': 412 }, coveragePermille: 990,
    },
    marketing: {
      id: 'a1b2c4', recipient: 'partner', purpose: 'marketing', tier: '1d', windowStart: MAR_1 + DAY, windowMs: DAY,
      fields: { 'doorOpen.eventCount': 35, 'openSecs.histogram': [10, 20, 5] }, coveragePermille: 1000,
    },
    diagnostics: {
      id: 'a1b2c5', recipient: 'maker', purpose: 'diagnostics', tier: '1d', windowStart: MAR_1, windowMs: DAY,
      fields: { 'sensorFaults.eventCount': 0, 'cabinetTempC.min': 3.1 }, coveragePermille: 1000, pseudonym: 'deadbeef',
    },
  };
  return { ...base[purpose], ...overrides };
}

/** Each recipient's declared endpoint. */
export const ENDPOINT: { [r: string]: string } = {
  maker: 'https://diag.fridge-maker.example/v1/reports',
  utility: 'https://meters.utility.example/v1/energy',
  partner: 'https://insights.partner.example/v1/usage',
};
