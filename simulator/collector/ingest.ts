import type { Policy } from '../../sdk/model/index';
import { decodeCompact, encodeReport } from '../../sdk/uplink/index';
import { createPolicyCheck } from './policy-check';
import { PutResult } from './store';
import type { ReportStore } from './store';
import type { CollectorStats, WireReport } from './types';

/** What became of one report payload. */
export type IngestOutcome =
  /** Not a JSON object with a string id: nothing to acknowledge or refuse. */
  | { kind: 'malformed' }
  /** Stored now or before: acknowledge `id`. */
  | { kind: 'ack'; id: string }
  /** Refused by the policy check for good, with the gate code. */
  | { kind: 'rej'; id: string; code: number };

/**
 * The path every report takes, whichever front end it came through: the
 * policy check, deduplication by id, the store, and the counters.
 */
export interface Ingest {
  /** Count a payload that passed authentication and routing, before anything else happens to it. */
  received(recipient: string, bytes: number): void;
  /** Check, deduplicate and store the payload `text` that arrived at `recipient`'s endpoint. Never throws. */
  ingest(recipient: string, text: string): IngestOutcome;
  /** Count a hostile answer. */
  hostile(mode: string): void;
  /** Count a refused credential, topic or subscription. */
  unauthorized(): void;
  /** Count a broker restart. */
  brokerRestart(): void;
  /** A deep copy of the counters. */
  stats(): CollectorStats;
}

export interface IngestOptions {
  policy: Policy;
  store: ReportStore;
  /** ms since the epoch for `receivedAt`. */
  now: () => number;
}

/** Create the ingest path. */
export function createIngest(o: IngestOptions): Ingest {
  const check = createPolicyCheck(o.policy);
  const s: CollectorStats = {
    received: 0, stored: 0, duplicatesDropped: 0, idCollisions: 0, rejected: 0, rejectedByCode: {},
    malformed: 0, unauthorized: 0, hostileReplies: 0, hostileByMode: {}, bytesReceived: {}, brokerRestarts: 0,
  };
  return {
    received(recipient, bytes) {
      s.received++;
      s.bytesReceived[recipient] = (s.bytesReceived[recipient] || 0) + bytes;
    },
    ingest(recipient, text) {
      let obj: unknown;
      // The device's compact encoding (base64), decoded with the policy; JSON is accepted as well.
      if (text.charAt(0) !== '{') {
        const r = decodeCompact(text.trim(), o.policy);
        text = r ? encodeReport(r) : '';
      }
      try {
        obj = JSON.parse(text);
      } catch (e) {
        obj = undefined;
      }
      if (!obj || typeof obj !== 'object' || Array.isArray(obj) || typeof (obj as { i?: unknown }).i !== 'string') {
        s.malformed++;
        return { kind: 'malformed' };
      }
      const report = obj as WireReport;
      const code = check.check(recipient, obj as { [k: string]: unknown });
      if (code) {
        s.rejected++;
        s.rejectedByCode[code] = (s.rejectedByCode[code] || 0) + 1;
        return { kind: 'rej', id: report.i, code };
      }
      const put = o.store.put(report, o.now());
      if (put === PutResult.Stored) s.stored++;
      else s.duplicatesDropped++;
      if (put === PutResult.Collision) s.idCollisions++;
      return { kind: 'ack', id: report.i };
    },
    hostile(mode) {
      s.hostileReplies++;
      s.hostileByMode[mode] = (s.hostileByMode[mode] || 0) + 1;
    },
    unauthorized() {
      s.unauthorized++;
    },
    brokerRestart() {
      s.brokerRestarts++;
    },
    stats() {
      return JSON.parse(JSON.stringify(s));
    },
  };
}

/** The acknowledgement JSON for an outcome (wire format: `{"ack":[...],"rej":[...]}`). */
export function replyFor(outcome: { kind: 'ack' | 'rej'; id: string }): string {
  return outcome.kind === 'ack' ? JSON.stringify({ ack: [outcome.id] }) : JSON.stringify({ ack: [], rej: [outcome.id] });
}
