import { Err, GateStage } from '../model/index';
import type { EgressGate, Policy, RandomSource, Report } from '../model/index';
import type { Clock } from '../platform/index';
import { encodeCompact } from './codec';
import { backoffMs } from './backoff';
import type { Outbox } from './outbox-types';
import type { ReportTransport, TransportReply } from './transport';

/**
 * What happened to each report at send time, for the transparency log. Pass
 * a log's own method rather than a wrapper (each closure kept by the sender
 * costs JsVars for good).
 */
export interface SendObserver {
  /** The recipient acknowledged the report (logged once per report). */
  sent?(report: Report, bytes: number, nowMs: number): void;
  /** The recipient refused the report for good (Err.UplinkRejected); it is removed. */
  refused?(report: Report, code: number, nowMs: number): void;
}

export interface SenderOptions extends SendObserver {
  outbox: Outbox;
  gate: EgressGate;
  /** One transport per recipient that has one; a recipient without is never sent to. */
  transports: { [recipient: string]: ReportTransport };
  /** The policy: each recipient's declared endpoint, and the field order of the wire encoding. */
  policy: Policy;
  clock: Clock;
  /** Jitter for the backoff: the persisted generator, never Math.random (it repeats every boot). */
  random: RandomSource;
  /** Whether the network link is up (Wi-Fi joined); absent means always. */
  linkUp?: () => boolean;
  /** First retry ceiling after a failed send, ms. @default 15000 */
  retryBaseMs?: number;
  /** Largest retry ceiling, ms. @default 3600000 */
  retryMaxMs?: number;
  /** Most reports one `pump` starts per recipient before yielding. @default 8 */
  burst?: number;
}

/** Counters of the sender, by outcome. */
export interface SenderCounters {
  /** Transmissions started. */
  attempts: number;
  /** Reports the recipient acknowledged. */
  delivered: number;
  /** Reports the recipient refused for good. */
  refused: number;
  /** Reports the gate blocked at send time (removed from the outbox). */
  blocked: number;
  /** Failed attempts by Err code (UplinkNoAck, UplinkTimeout, ...). */
  failures: { [code: number]: number };
}

export interface Sender {
  /** Start sending what is due to every recipient that is idle and out of backoff. Call on every tick and when the link comes up. */
  pump(): void;
  counters(): SenderCounters;
  /** Close every transport; idempotent. */
  close(): void;
}

/**
 * Moves committed reports from the outbox to their recipients, one in flight
 * per recipient. The gate runs again here, at send time: a consent withdrawn
 * after queueing blocks the report even if the purge missed it. The attempt
 * is persisted before the first transmission (an attempted report is never
 * merged), and a report leaves the outbox only when the recipient's
 * acknowledgement names its id: a bare 2xx or PUBACK is not one. Failures
 * back off exponentially with full jitter, or as long as the server's
 * Retry-After asks. This is the only code that calls a transport.
 */
export function createSender(o: SenderOptions): Sender {
  const ids = Object.keys(o.transports);
  // Per recipient, by index: in flight, failures in a row, next try (ms). Typed arrays: one JsVar block each.
  const busy = new Uint8Array(ids.length);
  const fails = new Uint8Array(ids.length);
  const nextAt = new Float64Array(ids.length);
  const c: SenderCounters = { attempts: 0, delivered: 0, refused: 0, blocked: 0, failures: {} };
  const base = o.retryBaseMs || 15000;
  const max = o.retryMaxMs || 3600000;
  const burst = o.burst || 8;

  const pumpOne = (k: number): void => {
    const r = ids[k];
    const endpoint = o.policy.recipients.hasOwnProperty(r) ? o.policy.recipients[r].endpoint : '';
    for (let n = 0; n < burst && !busy[k]; n++) {
      const now = o.clock.now();
      if (now < nextAt[k]) return;
      const e = o.outbox.next(r, now);
      if (!e) return;
      const report = e.report;
      const payload = encodeCompact(report, o.policy);
      if (o.gate.check(report, endpoint, GateStage.Send) !== Err.None || payload === undefined) {
        // The gate logged the refusal; the report must never leave, so it goes.
        o.outbox.remove(report.id, true);
        c.blocked++;
        continue;
      }
      // Persist the attempt first: a report that may be on the wire is never merged.
      if (!e.attempted && !o.outbox.markAttempted(e)) return;
      busy[k] = 1;
      c.attempts++;
      o.transports[r].send(endpoint, payload, (code: number, reply: TransportReply | undefined, retryAfterMs: number) => {
        busy[k] = 0;
        const t = o.clock.now();
        if (code === Err.None && reply) {
          if (reply.ack && reply.ack.indexOf(report.id) >= 0) {
            o.outbox.remove(report.id);
            fails[k] = 0;
            c.delivered++;
            if (o.sent) o.sent(report, payload.length, t);
            pumpOne(k);
            return;
          }
          if (reply.rej && reply.rej.indexOf(report.id) >= 0) {
            o.outbox.remove(report.id, true);
            c.refused++;
            if (o.refused) o.refused(report, Err.UplinkRejected, t);
            pumpOne(k);
            return;
          }
          // A reply that does not name this report: not an acknowledgement.
          code = Err.UplinkNoAck;
        }
        c.failures[code] = (c.failures[code] || 0) + 1;
        const wait = backoffMs(fails[k], base, max, o.random.next());
        if (fails[k] < 255) fails[k]++;
        nextAt[k] = t + (retryAfterMs > wait ? retryAfterMs : wait);
      });
    }
  };

  return {
    pump: () => {
      if (o.linkUp && !o.linkUp()) return;
      for (let k = 0; k < ids.length; k++) pumpOne(k);
    },
    counters: () => c,
    close: () => {
      for (let k = 0; k < ids.length; k++) {
        const t = o.transports[ids[k]];
        if (t.close) t.close();
      }
    },
  };
}
