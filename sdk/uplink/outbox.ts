import { Err } from '../model/index';
import type { Report } from '../model/index';
import type { FileStore } from '../platform/index';
import { decodeReport, encodeReport } from './codec';
import { coarserWindow, foldReport } from './coarsen';
import { REC_HEAD, encodeRecord, recordLength } from './outbox-record';
import type { Outbox, OutboxCounters, OutboxEntry, OutboxOptions } from './outbox-types';
import { findText } from '../util/index';

/*
 * The durable outbox (issue 4 §1–2). Espruino's Storage has no power-loss
 * guarantee and compaction costs page erases (ESPRUINO.md §5), so nothing is
 * ever rewritten in normal operation:
 * - Segments are preallocated plain Storage files `hb.o<n>` (n in base 36,
 *   increasing, never reused), `segmentBytes` long, created by one
 *   `writeAt(name, MAGIC, 0, size)`. Offset 0 is never written again (that
 *   would re-create the file).
 * - Records (outbox-record.ts) are appended into the erased tail; their two
 *   status bytes are programmed in place: attempt byte 'a' once a
 *   transmission starts, done byte 'A' acked, 'R' refused, 'X' superseded
 *   (merged or moved), 'D' dropped, 'P' purged, 'C' corrupt.
 * - Supersession: a record lists the locations ("seg.off", base 36) of the
 *   records it replaces. The new record is written FIRST, then the old ones
 *   are marked 'X'; a power cut in between leaves both readable and the boot
 *   scan marks the old ones. Locations rather than ids: 6 bytes a reference
 *   instead of 33, found without a scan; segment numbers are never reused
 *   while a newer segment exists, so a location names one record for good.
 * - RAM holds a few numbers, no per-record index: `next`, `remove` and the
 *   rest scan flash (memory-mapped strings on Espruino: no copy), which is
 *   fine for a few to ~50 reports a day.
 */

/** Storage name prefix of outbox segments. */
export const OUTBOX_PREFIX = 'hb.o';
/** First bytes of every segment; records start after it. */
const MAGIC = 'HBO1';
/** loc = segment number * LOC + offset. */
const LOC = 65536;
const DAY_MS = 86400000;

/** Indices of the counters array. */
const enum C { Committed, Acked, Refused, Coarsened, Dropped, Purged, Corrupt, Live, WriteFailed, Size }

/** Everything an outbox holds; outboxOp works on it. Short keys: one JsVar each. */
interface OutboxState {
  /** the options (store, newId, onDrop) */
  o: OutboxOptions;
  /** segment bytes */
  b: number;
  /** most segments within the budget */
  m: number;
  /** segments at which coarsening starts (about 75 % of m) */
  t: number;
  /** segment numbers present, ascending */
  g: number[];
  /** append offset in the newest segment; -1 when sealed (the next append opens a segment) */
  a: number;
  /** size of the newest segment */
  z: number;
  /** next segment number */
  n: number;
  /** counters, indexed by C */
  c: Int32Array;
}

/** What outboxOp does. */
const enum Op { Open, Put, Next, Attempt, Remove, Purge, Clear, Counters }

/**
 * Every outbox operation in one module-level function, its helpers nested: on
 * Espruino a module-level function stays in RAM for good, a nested one only
 * while a call runs (ESPRUINO.md §3).
 * @throws Error naming the option, on Open only
 */
function outboxOp(s: OutboxState, k: Op, a?: any, b?: any): any {
  const store = s.o.store;
  const c = s.c;

  function nameOf(n: number): string {
    return OUTBOX_PREFIX + n.toString(36);
  }
  function read(n: number): string {
    return store.read(nameOf(n)) || '';
  }
  function newest(): number {
    return s.g.length ? s.g[s.g.length - 1] : -1;
  }
  /** Program status byte `which` (0 attempt, 1 done) of the record at `off` of segment `n`. */
  function mark(n: number, off: number, which: number, ch: string): boolean {
    const ok = !!store.writeAt!(nameOf(n), ch, off + which, s.b);
    if (!ok) c[C.WriteFailed]++;
    return ok;
  }
  function isLive(t: string, off: number): boolean {
    return t.charCodeAt(off + 1) === 0xff;
  }
  function locText(n: number, off: number): string {
    return n.toString(36) + '.' + off.toString(36);
  }
  /** Index of the wire JSON in the record at `off` (body `len` bytes), or -1. Single-character indexOf is right on Espruino (util/text.ts). */
  function jsonAt(t: string, off: number, len: number): number {
    const end = off + REC_HEAD + len;
    const p = t.indexOf('|', off + REC_HEAD);
    const q = p < 0 ? -1 : t.indexOf('|', p + 1);
    return q < 0 || q + 1 >= end ? -1 : q + 1;
  }
  /** The JSON at `js` continues its id with `key` (encodeReport's fixed key order: i, r, p, t, …). */
  function after(t: string, js: number, key: string): boolean {
    const p = t.indexOf('"', js + 6);
    return p > 0 && t.substr(p, key.length) === key;
  }
  function releaseAt(t: string, off: number, js: number): number {
    return parseInt(t.substring(off + REC_HEAD, js), 10) * 1000;
  }
  /** The entry for the record at `off`, or undefined when its CRC fails or it does not decode. */
  function entryAt(t: string, off: number, len: number, n: number): OutboxEntry | undefined {
    const js = jsonAt(t, off, len);
    if (js < 0 || recordLength(t, off, t.length, true) !== len) return undefined;
    const report = decodeReport(t.substring(js, off + REC_HEAD + len));
    if (!report) return undefined;
    return { report: report, releaseAt: releaseAt(t, off, js), attempted: t.charCodeAt(off) !== 0xff, loc: n * LOC + off };
  }
  /** A live record that turned out corrupt (bit rot since boot): never returned again. */
  function corrupt(n: number, off: number): void {
    mark(n, off, 1, 'C');
    c[C.Corrupt]++;
    c[C.Live]--;
  }
  /**
   * Visit every readable record of every segment (or of segment `only`),
   * oldest first; `cb` returns true to stop. Segments opened during the walk
   * are not visited. Returns true when stopped.
   */
  function walk(cb: (t: string, off: number, len: number, n: number) => boolean | void, only?: number): boolean {
    const segs = only === undefined ? s.g.slice() : [only];
    for (let i = 0; i < segs.length; i++) {
      const t = read(segs[i]);
      for (let off = MAGIC.length; ;) {
        const len = recordLength(t, off, t.length);
        if (len < 0) break;
        if (cb(t, off, len, segs[i])) return true;
        off += REC_HEAD + len;
      }
    }
    return false;
  }
  function erase(n: number): void {
    if (n === newest()) s.a = -1;
    store.erase(nameOf(n));
    const i = s.g.indexOf(n);
    if (i >= 0) s.g.splice(i, 1);
  }
  /** Erase every segment without a live record (the open one only once sealed). */
  function reclaim(): void {
    const segs = s.g.slice();
    for (let i = 0; i < segs.length; i++) {
      if (segs[i] === newest() && s.a >= 0) continue;
      if (!walk((t, off) => isLive(t, off), segs[i])) erase(segs[i]);
    }
  }
  /**
   * Append `rec` durably. Returns its location, or -1 when Storage refused it
   * or a new segment would exceed the budget (`over`: by one segment, for
   * purges, which remove more than they copy).
   */
  function append(rec: string, over?: boolean): number {
    for (let tries = 0; tries < 2; tries++) {
      if (s.a < 0 || s.a + rec.length > s.z) {
        if (s.g.length >= s.m + (over ? 1 : 0) || rec.length > s.b - MAGIC.length) return -1;
        if (!store.writeAt!(nameOf(s.n), MAGIC, 0, s.b)) {
          c[C.WriteFailed]++;
          return -1;
        }
        s.g.push(s.n++);
        s.a = MAGIC.length;
        s.z = s.b;
      }
      const n = newest();
      const at = s.a;
      if (store.writeAt!(nameOf(n), rec, at, s.z)) {
        s.a = at + rec.length;
        return n * LOC + at;
      }
      // Storage refused: the tail was not erased (a torn record the scan could not see). Seal it and try a fresh segment.
      c[C.WriteFailed]++;
      s.a = -1;
    }
    return -1;
  }
  /**
   * Mark 'X' every live record at the locations in `list` (written by
   * supersession); returns how many were live. Reads each segment once in a row.
   */
  function supersede(list: string): number {
    const locs = list.split(',');
    let lastN = -1;
    let t = '';
    let marked = 0;
    for (let i = 0; i < locs.length; i++) {
      const dot = locs[i].indexOf('.');
      const n = parseInt(locs[i].substring(0, dot), 36);
      const off = parseInt(locs[i].substring(dot + 1), 36);
      if (dot < 1 || !(off >= MAGIC.length) || s.g.indexOf(n) < 0) continue;
      if (n !== lastN) {
        t = read(n);
        lastN = n;
      }
      if (recordLength(t, off, t.length) >= 0 && isLive(t, off) && mark(n, off, 1, 'X')) marked++;
    }
    return marked;
  }
  /**
   * Move the live records of segment `n` into newer segments (each copy
   * lists the original's location and keeps its attempt flag), then erase
   * it. False, with nothing erased, when a copy could not be written.
   */
  function evacuate(n: number, over?: boolean): boolean {
    if (n === newest()) s.a = -1; // copies must not land in the segment being emptied
    const stuck = walk((t, off, len) => {
      if (!isLive(t, off)) return;
      const js = jsonAt(t, off, len);
      if (js < 0 || recordLength(t, off, t.length, true) !== len) {
        corrupt(n, off);
        return;
      }
      const rec = encodeRecord(t.substring(js, off + REC_HEAD + len), releaseAt(t, off, js), locText(n, off), t.charCodeAt(off) !== 0xff);
      if (!rec || append(rec, over) < 0) return true;
      mark(n, off, 1, 'X');
      return false;
    }, n);
    if (!stuck) erase(n);
    return !stuck;
  }
  function liveBytes(n: number): number {
    let sum = 0;
    walk((t, off, len) => {
      if (isLive(t, off)) sum += REC_HEAD + len;
    }, n);
    return sum;
  }
  /**
   * Merge the oldest group of never-attempted live records: level 0 folds
   * sub-day windows into their UTC day, level 1 day-or-finer windows into
   * their calendar month. Candidates start at location `from`. Returns 0 when
   * a group was merged, a location to go on from when the oldest candidate
   * had nothing to merge with, or -1 when no candidate is left or the merged
   * record could not be written.
   */
  function coarsenOne(level: number, from: number): number {
    let st = undefined as number[] | undefined;
    let key = '';
    let first = -1;
    // Pass 1: the oldest candidate fixes the group (purpose, tier, coarser window)…
    walk((t, off, len, n) => {
      const loc = n * LOC + off;
      // Never an attempted record: the recipient may already hold it (issue 4 §2).
      if (!isLive(t, off) || t.charCodeAt(off) !== 0xff || loc < from) return;
      const e = entryAt(t, off, len, n);
      if (!e || (level === 0) !== (e.report.windowMs < DAY_MS)) return;
      const r = e.report;
      st = coarserWindow(r.windowStart, r.windowMs);
      if (!st || !foldReport(undefined, r, st, '')) return;
      first = loc;
      key = '","r":"' + r.recipient + '","p":"' + r.purpose + '","t":"' + r.tier + '"';
      return true;
    });
    if (!st) return -1;
    const w = st;
    // …pass 2 folds every member, before or after it (an earlier merge of the same window included).
    let acc = undefined as Report | undefined;
    let locs = '';
    let ids = '';
    let rel = 0;
    let cnt = 0;
    walk((t, off, len, n) => {
      if (!isLive(t, off) || t.charCodeAt(off) !== 0xff) return;
      const js = jsonAt(t, off, len);
      if (js < 0 || !after(t, js, key)) return;
      const e = entryAt(t, off, len, n);
      const m = e && foldReport(acc, e.report, w, '');
      if (!e || !m) return;
      acc = m;
      if (s.o.onCoarsen) ids += (cnt ? ',' : '') + e.report.id;
      locs += (cnt ? ',' : '') + locText(n, off);
      cnt++;
      if (e.releaseAt > rel) rel = e.releaseAt;
      return locs.length > s.b / 4; // keep the merged record well inside a segment
    });
    if (!acc || cnt < 2) return first + 1;
    acc.id = s.o.newId();
    // Not released before its coarser window has closed: the gate refuses an open window at send time.
    const rec = encodeRecord(encodeReport(acc), rel > w[0] + w[1] ? rel : w[0] + w[1], locs, false);
    if (!rec || append(rec) < 0) return -1;
    if (s.o.onCoarsen) s.o.onCoarsen(acc.id, ids);
    supersede(locs);
    c[C.Coarsened] += cnt;
    c[C.Live] -= cnt - 1;
    return 0;
  }
  /** Mark the oldest live record dropped ('D', counted, onDrop). False when none is left. */
  function dropOldest(): boolean {
    let gone = undefined as Report | undefined;
    const found = walk((t, off, len, n) => {
      if (!isLive(t, off)) return;
      const e = entryAt(t, off, len, n);
      if (!e) {
        corrupt(n, off);
        return true;
      }
      if (mark(n, off, 1, 'D')) {
        gone = e.report;
        c[C.Dropped]++;
        c[C.Live]--;
      }
      return true;
    });
    const onDrop = s.o.onDrop;
    if (gone && onDrop) {
      try {
        onDrop(gone);
      } catch (e) {
        // The drop stands whatever the observer does.
      }
    }
    return found;
  }
  function relieved(): boolean {
    return s.g.length + 1 <= s.t;
  }
  /**
   * Make room for a record of `len` bytes: reclaim finished segments; from
   * about 75 % of the budget coarsen day-level groups, move the few live
   * records out of mostly finished segments, coarsen month-level groups;
   * at the budget move or, as the last resort, drop the oldest.
   */
  function ensureRoom(len: number): void {
    if (s.a >= 0 && s.a + len <= s.z) return;
    s.a = -1; // the record does not fit: this segment is done with appends
    reclaim();
    for (let level = 0; level < 2 && !relieved(); level++) {
      for (let from = 0; !relieved();) {
        const r = coarsenOne(level, from);
        if (r < 0) break;
        if (r > 0) from = r;
        else reclaim();
      }
      if (level > 0) break;
      // Before a coarser step: when the live records would fit below the threshold, compact them
      // (move them out of the emptiest segments, which are then erased) instead of losing granularity.
      for (let guard = 0; !relieved() && guard < s.m; guard++) {
        let total = len;
        let pick = -1;
        let least = s.b;
        for (let i = 0; i < s.g.length; i++) {
          const lb = liveBytes(s.g[i]);
          total += lb;
          if (lb < least && (s.g[i] !== newest() || s.a < 0)) {
            least = lb;
            pick = s.g[i];
          }
        }
        if (pick < 0 || total > (s.t - 1) * (s.b - MAGIC.length) || !evacuate(pick)) break;
        reclaim();
      }
    }
    for (let guard = 0; s.g.length >= s.m && guard < 1000; guard++) {
      if (!evacuate(s.g[0]) && !dropOldest()) break;
      reclaim();
    }
  }
  /** Location of the live record with report id `id`, or -1. */
  function locate(id: string): number {
    const key = '{"i":"' + id + '"';
    let at = -1;
    walk((t, off, len, n) => {
      if (!isLive(t, off)) return;
      const js = jsonAt(t, off, len);
      if (js < 0 || t.substr(js, key.length) !== key) return;
      at = n * LOC + off;
      return true;
    });
    return at;
  }

  if (k === Op.Open) {
    const o = a as OutboxOptions;
    if (!store.writeAt) throw new Error('store must have writeAt');
    s.b = o.segmentBytes === undefined ? 2048 : o.segmentBytes;
    const budget = o.budgetBytes === undefined ? 16384 : o.budgetBytes;
    if (!(s.b >= 64 && s.b <= 65535 && Math.floor(s.b) === s.b)) throw new Error('segmentBytes must be an integer from 64 to 65535 (got ' + s.b + ')');
    s.m = Math.floor(budget / s.b);
    if (!(s.m >= 2)) throw new Error('budgetBytes must hold at least 2 segments (got ' + budget + ')');
    s.t = Math.ceil((s.m * 3) / 4);
    s.g = [];
    const names = store.list(OUTBOX_PREFIX);
    for (let i = 0; i < names.length; i++) {
      const x = names[i].substring(OUTBOX_PREFIX.length);
      const v = parseInt(x, 36);
      if (x.length && x.length <= 8 && v.toString(36) === x && s.g.indexOf(v) < 0) s.g.push(v);
    }
    s.g.sort((p, q) => p - q);
    s.n = s.g.length ? newest() + 1 : 0;
    s.a = -1;
    s.z = s.b;
    const scrub: number[] = [];
    const segs = s.g.slice();
    for (let i = 0; i < segs.length; i++) {
      const n = segs[i];
      const t = read(n);
      let off = MAGIC.length;
      let purged = false;
      for (;;) {
        const len = recordLength(t, off, t.length);
        if (len === -1) break;
        if (len < 0) {
          // Unreadable header: the rest of the segment is lost; it is sealed (never appended to).
          c[C.Corrupt]++;
          off = -1;
          break;
        }
        const done = t.charCodeAt(off + 1);
        if (done === 0xff) {
          if (recordLength(t, off, t.length, true) !== len) {
            c[C.Live]++;
            corrupt(n, off);
          } else {
            c[C.Live]++;
            // A live record that supersedes others: finish what a power cut interrupted.
            const js = jsonAt(t, off, len);
            const bar = t.indexOf('|', off + REC_HEAD);
            if (js > bar + 2) c[C.Live] -= supersede(t.substring(bar + 1, js - 1));
          }
        } else if (done === 0x50) {
          purged = true; // 'P': a purge was cut short; its data must still go
        }
        off += REC_HEAD + len;
      }
      if (i === segs.length - 1) {
        s.z = t.length;
        let clean = off >= 0 && off + REC_HEAD < t.length;
        for (let j = off; clean && j < off + REC_HEAD; j++) if (t.charCodeAt(j) !== 0xff) clean = false;
        if (clean) s.a = off;
      }
      if (purged) scrub.push(n);
    }
    for (let i = 0; i < scrub.length; i++) evacuate(scrub[i], true);
    return 0;
  }
  if (k === Op.Put) {
    let rec: string | undefined;
    try {
      rec = encodeRecord(encodeReport(a), b, '', false);
    } catch (e) {
      rec = undefined;
    }
    if (!rec || rec.length > s.b - MAGIC.length) {
      c[C.WriteFailed]++;
      return Err.OutboxWriteFailed;
    }
    // The same window committed before (live, or acknowledged and still on flash): a report a
    // power cut made the privacy buffer replay from its checkpoint. Never committed twice.
    const wkey = '","r":"' + a.recipient + '","p":"' + a.purpose + '","t":"' + a.tier + '","ws":' + a.windowStart + ',"wm":' + a.windowMs + ',';
    let held = false;
    walk((t, off, len) => {
      const st = t.charCodeAt(off + 1);
      if (st !== 0xff && st !== 65) return false; // live, or acknowledged ('A')
      const js = jsonAt(t, off, len);
      if (js >= 0 && after(t, js, wkey)) held = true;
      return held;
    });
    if (held) return Err.OutboxAlreadyHeld;
    ensureRoom(rec.length);
    if (append(rec) < 0) return Err.OutboxWriteFailed;
    c[C.Committed]++;
    c[C.Live]++;
    return Err.None;
  }
  if (k === Op.Next) {
    let out = undefined as OutboxEntry | undefined;
    const key = '","r":"' + a + '","p":"';
    walk((t, off, len, n) => {
      if (!isLive(t, off)) return;
      const js = jsonAt(t, off, len);
      if (js < 0 || !after(t, js, key) || !(releaseAt(t, off, js) <= b)) return;
      const e = entryAt(t, off, len, n);
      if (!e) corrupt(n, off);
      else if (e.report.recipient === a) out = e;
      return !!out;
    });
    return out;
  }
  if (k === Op.Attempt) {
    const e = a as OutboxEntry;
    let loc = e.loc;
    let t = read(Math.floor(loc / LOC));
    let off = loc % LOC;
    const len = recordLength(t, off, t.length);
    const js = len < 0 ? -1 : jsonAt(t, off, len);
    if (js < 0 || !isLive(t, off) || t.substr(js, e.report.id.length + 7) !== '{"i":"' + e.report.id + '"') {
      // Moved since next() returned it: find it by id.
      loc = locate(e.report.id);
      if (loc < 0) return false;
      t = read(Math.floor(loc / LOC));
      off = loc % LOC;
    }
    return t.charCodeAt(off) !== 0xff || mark(Math.floor(loc / LOC), off, 0, 'a');
  }
  if (k === Op.Remove) {
    const loc = locate(a);
    if (loc < 0 || !mark(Math.floor(loc / LOC), loc % LOC, 1, b ? 'R' : 'A')) return false;
    c[b ? C.Refused : C.Acked]++;
    c[C.Live]--;
    return true;
  }
  if (k === Op.Purge) {
    const key = '","r":"' + a + '","p":"' + b + '"';
    const raw = '"p":"' + b + '"';
    let count = 0;
    // First make them not live (withdrawal takes effect even if the power fails next)…
    walk((t, off, len, n) => {
      const js = jsonAt(t, off, len);
      if (isLive(t, off) && js >= 0 && after(t, js, key) && mark(n, off, 1, 'P')) count++;
    });
    c[C.Purged] += count;
    c[C.Live] -= count;
    // …then make them unreadable: every segment holding the purpose's bytes, in any record state
    // (superseded and torn ones too), loses its other live records to fresh segments and is erased.
    const segs = s.g.slice();
    for (let i = 0; i < segs.length; i++) {
      if (findText(read(segs[i]), raw) >= 0) evacuate(segs[i], true);
    }
    return count;
  }
  if (k === Op.Clear) {
    for (let i = 0; i < s.g.length; i++) store.erase(nameOf(s.g[i]));
    s.g = [];
    s.a = -1;
    c[C.Purged] += c[C.Live];
    c[C.Live] = 0;
    return 0;
  }
  const out: OutboxCounters & { writeFailed: number } = {
    committed: c[C.Committed], acked: c[C.Acked], refused: c[C.Refused], coarsened: c[C.Coarsened],
    dropped: c[C.Dropped], purged: c[C.Purged], corrupt: c[C.Corrupt], segments: s.g.length,
    bytes: s.g.length * s.b, live: c[C.Live], writeFailed: c[C.WriteFailed],
  };
  return out;
}

/**
 * Open the outbox in `o.store` (scanning its segments once, repairing what a
 * power cut interrupted) or start an empty one. Its methods ignore `this`.
 * Besides the OutboxCounters, `counters()` reports `writeFailed`: Storage
 * writes refused (puts that returned Err.OutboxWriteFailed included).
 * @throws Error naming the option, at construction only: a store without
 * `writeAt`, `segmentBytes` outside 64..65535, or a budget under 2 segments.
 */
export function createOutbox(o: OutboxOptions): Outbox {
  // One local, so the methods' shared scope holds nothing else.
  const s = { o: o, c: new Int32Array(C.Size) } as OutboxState;
  outboxOp(s, Op.Open, o);
  return {
    put: (report, releaseAt) => outboxOp(s, Op.Put, report, releaseAt),
    next: (recipient, nowMs) => outboxOp(s, Op.Next, recipient, nowMs),
    markAttempted: (e) => outboxOp(s, Op.Attempt, e),
    remove: (id, refused) => outboxOp(s, Op.Remove, id, refused),
    purge: (recipient, purpose) => outboxOp(s, Op.Purge, recipient, purpose),
    clear: () => {
      outboxOp(s, Op.Clear);
    },
    counters: () => outboxOp(s, Op.Counters),
  };
}
