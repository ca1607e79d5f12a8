import type { Report } from '../../../sdk/model';
import type { Outbox, OutboxEntry } from '../../../sdk/uplink/outbox-types';

export const DAY = 86400000;
export const HALF_HOUR = 1800000;
/** 2025-03-01T00:00:00Z. */
export const MAR_1 = Date.UTC(2025, 2, 1);

function hexId(prefix: string, n: number): string {
  return prefix + n.toString(16).padStart(31, '0');
}

/** The i-th half-hourly energy report from MAR_1 (tier 30min), `compressorW.energy` = 10 + i % 7. */
export function energyReport(i: number): Report {
  return {
    id: hexId('e', i), recipient: 'utility', purpose: 'energy', tier: '30min', windowStart: MAR_1 + i * HALF_HOUR,
    windowMs: HALF_HOUR, fields: { 'compressorW.energy': 10 + (i % 7) }, coveragePermille: 1000 - (i % 3) * 100,
  };
}

/** The daily marketing report of day `d` from MAR_1 (tier 1d), `doorOpen.eventCount` = 30 + d. */
export function marketingReport(d: number): Report {
  return {
    id: hexId('a', d), recipient: 'partner', purpose: 'marketing', tier: '1d', windowStart: MAR_1 + d * DAY, windowMs: DAY,
    fields: { 'doorOpen.eventCount': 30 + d, 'openSecs.histogram': [d, 2, 1] }, coveragePermille: 1000,
  };
}

/** Fresh 32-hex ids for merged reports, as the persisted generator would give. */
export class IdSource {
  n = 0;
  newId = (): string => hexId('f', ++this.n);
}

/** Every live entry of `recipients`, oldest first, by next() + remove(): consumes the outbox. */
export function drain(ob: Outbox, recipients: string[] = ['utility', 'partner', 'maker']): OutboxEntry[] {
  const out: OutboxEntry[] = [];
  for (const r of recipients) {
    for (let guard = 0; guard < 5000; guard++) {
      const e = ob.next(r, 1e15);
      if (!e) break;
      out.push(e);
      if (!ob.remove(e.report.id)) throw new Error(`next() returned ${e.report.id} but remove() did not find it`);
    }
  }
  return out;
}

/** Sum of a numeric field over entries. */
export function sumField(entries: OutboxEntry[], key: string): number {
  let s = 0;
  for (const e of entries) {
    const v = e.report.fields[key];
    if (typeof v === 'number') s += v;
  }
  return Math.round(s * 1e6) / 1e6;
}
