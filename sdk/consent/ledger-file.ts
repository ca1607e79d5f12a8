import type { Tier } from '../model/index';
import type { FileStore } from '../platform/index';
import { crc32 } from '../util/index';
import { LEDGER_PREFIX } from './names';

/**
 * One consent record as stored: short keys (JsVars), the purpose definition
 * as granted (`s`, its JSON text, parsed only when a new policy is compared
 * with it) and its digest (`d`, hex).
 */
export interface StoredConsent {
  /** recipient */
  r: string;
  /** purpose */
  p: string;
  /** tier */
  t: Tier;
  /** granted at, ms since the epoch */
  g: number;
  /** digest of the purpose definition as granted, hex */
  d: string;
  /** snapshot of the purpose definition as granted, JSON text */
  s: string;
}

/** The ledger's contents and the copy they came from. */
export interface LoadedLedger {
  seq: number;
  records: StoredConsent[];
  /** Index in LEDGER_NAMES of the valid copy in use; -1 when there is none. */
  current: number;
  /** Copies that were present but failed their CRC or shape check. */
  corrupt: number;
}

/** Format version inside the body; a different version is treated as corrupt (fail closed). */
const VERSION = 1;

/**
 * The ledger file, both ways, in one module-level function (on Espruino each
 * one stays in RAM for good, ESPRUINO.md §3).
 *
 * Without `records`, load: read both copies and keep the valid one with the
 * higher sequence number. Both absent: an empty ledger. Both present and
 * invalid: an empty ledger with `corrupt` 2, which the caller reports; no
 * consent either way. @returns a LoadedLedger
 *
 * With `records`, save: write them (sequence `seq`) as the copy that is not
 * `current`, read it back, and only then erase the other copy: a power cut at
 * any Storage call leaves either the old or the new ledger (ESPRUINO.md §5:
 * no power-loss guarantee). @returns the index of the new current copy, or -1
 * when the write failed (the half-written copy is erased best-effort; the old
 * copy stays current)
 *
 * File format: 8 hex digits of CRC-32 over the body, then the body, JSON
 * `{"v":1,"q":<seq>,"c":[StoredConsent…]}`. Printable, so a console dump is readable.
 */
export function ledgerFile(store: FileStore, records?: StoredConsent[], current?: number, seq?: number): any {
  /** `n` (an unsigned 32-bit integer) as 8 lowercase hex digits. */
  function hex8(n: number): string {
    const s = (n >>> 0).toString(16);
    return '00000000'.substring(s.length) + s;
  }

  function isRecord(x: any): boolean {
    return !!x && typeof x === 'object' && typeof x.r === 'string' && typeof x.p === 'string' &&
      typeof x.t === 'string' && typeof x.g === 'number' && typeof x.d === 'string' && typeof x.s === 'string';
  }

  /** The body of a valid copy, or undefined for anything torn, altered or of another version. */
  function decodeLedger(text: string | undefined): { seq: number; records: StoredConsent[] } | undefined {
    if (text === undefined || text.length < 9) return undefined;
    const body = text.substring(8);
    if (hex8(crc32(body)) !== text.substring(0, 8)) return undefined;
    let o: any;
    try {
      o = JSON.parse(body);
    } catch (e) {
      return undefined;
    }
    if (!o || o.v !== VERSION || typeof o.q !== 'number' || !Array.isArray(o.c)) return undefined;
    for (let i = 0; i < o.c.length; i++) if (!isRecord(o.c[i])) return undefined;
    return { seq: o.q, records: o.c };
  }

  if (!records) {
    const out: LoadedLedger = { seq: 0, records: [], current: -1, corrupt: 0 };
    for (let i = 0; i < 2; i++) {
      const text = store.read(LEDGER_PREFIX + (i ? 'b' : 'a'));
      if (text === undefined) continue;
      const copy = decodeLedger(text);
      if (!copy) { out.corrupt++; continue; }
      if (out.current < 0 || copy.seq > out.seq) {
        out.seq = copy.seq;
        out.records = copy.records;
        out.current = i;
      }
    }
    return out;
  }
  const c: StoredConsent[] = [];
  // Copy key by key so RAM-only fields never reach flash.
  for (let i = 0; i < records.length; i++) {
    const x = records[i];
    c.push({ r: x.r, p: x.p, t: x.t, g: x.g, d: x.d, s: x.s });
  }
  const body = JSON.stringify({ v: VERSION, q: seq, c: c });
  const text = hex8(crc32(body)) + body;
  const target = current === 0 ? 1 : 0;
  const name = LEDGER_PREFIX + (target ? 'b' : 'a');
  if (!store.write(name, text) || store.read(name) !== text) {
    // Never let an unacknowledged change come back after a reboot.
    store.erase(name);
    return -1;
  }
  store.erase(LEDGER_PREFIX + (target ? 'a' : 'b'));
  return target;
}
