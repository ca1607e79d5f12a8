import type { Report } from '../model/index';

/** A report waiting for its release time. */
export interface QueuedReport {
  report: Report;
  /** Not sent before this time, ms since the epoch (marketing: a random 24–48 h delay). */
  releaseAt: number;
}

export interface ReportQueueOptions {
  /** Most reports held; the oldest is dropped (and counted) beyond it. @default 32 */
  capacity?: number;
}

/**
 * Reports that passed the gate, waiting to be sent. Bounded: capacity is an
 * option and every drop is counted. (The durable Storage outbox replaces
 * this RAM queue with the uplink issue.)
 */
export interface ReportQueue {
  push(q: QueuedReport): void;
  /** Reports due at `nowMs`, removed from the queue, oldest first. */
  takeDue(nowMs: number): QueuedReport[];
  /** Remove every report of a purpose (consent withdrawn); returns how many. */
  purge(recipient: string, purpose: string): number;
  /** Reports dropped because the queue was full. */
  dropped(): number;
}

export function createReportQueue(options?: ReportQueueOptions): ReportQueue {
  const cap = options && options.capacity ? options.capacity : 32;
  let items: QueuedReport[] = [];
  let drops = 0;
  return {
    push: (q) => {
      items.push(q);
      if (items.length > cap) { items.shift(); drops++; }
    },
    takeDue: (nowMs) => {
      const due: QueuedReport[] = [];
      const keep: QueuedReport[] = [];
      for (let i = 0; i < items.length; i++) (items[i].releaseAt <= nowMs ? due : keep).push(items[i]);
      items = keep;
      return due;
    },
    purge: (recipient, purpose) => {
      const before = items.length;
      items = items.filter((q) => !(q.report.recipient === recipient && q.report.purpose === purpose));
      return before - items.length;
    },
    dropped: () => drops,
  };
}
