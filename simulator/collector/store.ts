import * as fs from 'fs';
import * as path from 'path';
import type { StoredReport, WireReport } from './types';

/** What `put` did with a report. */
export const enum PutResult {
  /** Newly stored. */
  Stored = 0,
  /** The id was stored before, with the same content. */
  Duplicate = 1,
  /** The id was stored before with different content (a repeated id on the device). */
  Collision = 2,
}

/**
 * The collector's report store: reports in arrival order, indexed by id for
 * deduplication, and (with a directory) one JSON-lines file per recipient,
 * appended synchronously before the report is acknowledged, so an
 * acknowledged report is on disk and its id survives a restart.
 */
export interface ReportStore {
  put(report: WireReport, receivedAt: number): PutResult;
  /** Copies of the stored reports, of one recipient or all. */
  list(recipient?: string): StoredReport[];
  /** Lines of the JSON-lines files that could not be read at start (a torn last line). */
  readonly unreadableLines: number;
}

/**
 * Create the store; with `dir`, reload the files of `recipients` found there
 * (creating `dir` if needed). Throws only here, when `dir` is unusable.
 */
export function createReportStore(recipients: string[], dir?: string): ReportStore {
  const all: StoredReport[] = [];
  /** id → the report's content without receivedAt, as JSON, to tell a retry from a collision. */
  const byId = new Map<string, string>();
  let unreadableLines = 0;
  if (dir) {
    fs.mkdirSync(dir, { recursive: true });
    for (const r of recipients) unreadableLines += reload(fileOf(dir, r));
  }
  return {
    get unreadableLines() {
      return unreadableLines;
    },
    put(report, receivedAt) {
      const content = JSON.stringify(report);
      const seen = byId.get(report.i);
      if (seen !== undefined) return seen === content ? PutResult.Duplicate : PutResult.Collision;
      const stored: StoredReport = { ...report, receivedAt };
      if (dir) fs.appendFileSync(fileOf(dir, report.r), JSON.stringify(stored) + '\n');
      byId.set(report.i, content);
      all.push(stored);
      return PutResult.Stored;
    },
    list(recipient) {
      const out = recipient === undefined ? all : all.filter((s) => s.r === recipient);
      return out.map((s) => JSON.parse(JSON.stringify(s)) as StoredReport);
    },
  };

  /** Load one recipient's file; returns how many lines could not be read. */
  function reload(file: string): number {
    if (!fs.existsSync(file)) return 0;
    const text = fs.readFileSync(file, 'utf8');
    // A collector killed mid-append leaves a line without its newline: end it, so the next append starts a line of its own.
    if (text.length && !text.endsWith('\n')) fs.appendFileSync(file, '\n');
    let bad = 0;
    for (const line of text.split('\n')) {
      if (!line) continue;
      let s: StoredReport;
      try {
        s = JSON.parse(line);
      } catch (e) {
        bad++;
        continue;
      }
      if (!s || typeof s.i !== 'string') {
        bad++;
        continue;
      }
      const { receivedAt, ...report } = s;
      void receivedAt;
      if (!byId.has(s.i)) {
        byId.set(s.i, JSON.stringify(report));
        all.push(s);
      }
    }
    return bad;
  }
}

/** `<dir>/<recipient>.jsonl`; recipient ids are policy names (letters, digits), never paths. */
function fileOf(dir: string, recipient: string): string {
  return path.join(dir, path.basename(recipient) + '.jsonl');
}
