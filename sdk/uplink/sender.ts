import { Err, GateStage } from '../model/index';
import type { EgressGate, Report } from '../model/index';
import { encodeReport } from './codec';
import type { ReportQueue } from './queue';
import { noop } from '../util/index';
import type { ReportTransport } from './transport';


/**
 * What happened to each report at send time, for the transparency log. Both
 * optional: pass a log's own method rather than a wrapper (each closure kept
 * by the sender costs JsVars for good).
 */
export interface SendObserver {
  sent?(report: Report, bytes: number, nowMs: number): void;
  blocked?(report: Report, code: number, nowMs: number): void;
}

export interface SenderOptions extends SendObserver {
  queue: ReportQueue;
  gate: EgressGate;
  transport: ReportTransport;
  /** The policy's recipients, for their declared endpoints (a map, not a lookup closure: it is already in memory). */
  recipients: { [id: string]: { endpoint: string } };
}

/**
 * Sends due reports. The gate runs again here, at send time: a consent
 * withdrawn after queueing blocks the report even if the purge missed it.
 * This is the only code that calls a transport.
 */
export function createSender(o: SenderOptions): { flush(nowMs: number): number } {
  return {
    flush: (nowMs) => {
      const due = o.queue.takeDue(nowMs);
      let sent = 0;
      for (let i = 0; i < due.length; i++) {
        const r = due[i].report;
        const endpoint = o.recipients.hasOwnProperty(r.recipient) ? o.recipients[r.recipient].endpoint : '';
        const code = o.gate.check(r, endpoint, GateStage.Send);
        if (code !== Err.None) { if (o.blocked) o.blocked(r, code, nowMs); continue; }
        const payload = encodeReport(r);
        o.transport.send(endpoint, payload, noop);
        if (o.sent) o.sent(r, payload.length, nowMs);
        sent++;
      }
      return sent;
    },
  };
}
