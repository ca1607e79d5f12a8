import { Err } from '../model/index';
import type { Policy, PurposeDecl, Tier } from '../model/index';
import type { Clock, FileStore, Hash } from '../platform/index';
import { VERSION } from './ledger-file';
import type { LoadedLedger, StoredConsent } from './ledger-file';
import { crc32, toHex } from '../util/index';
import { LEDGER_PREFIX } from './names';
import { ConsentState } from './consent-state';
import { canonicalEncode, isNarrowerOrEqual, snapshotPurpose } from '../policy/index';

export interface ConsentLedgerOptions {
  /** The policy this firmware ships; records are compared with it at start. */
  policy: Policy;
  /** Where the ledger lives (files `hb.c.a` and `hb.c.b`). */
  store: FileStore;
  /** SHA-256 for purpose digests. */
  hash: Hash;
  /** Grant times. */
  clock: Clock;
}

/** One consent as the owner reads it. */
export interface ConsentRecord {
  recipient: string;
  purpose: string;
  tier: Tier;
  /** When it was granted, ms since the epoch (near 1970 if the clock was not set yet). */
  grantedAt: number;
  /** SHA-256 of the purpose definition as granted, hex. */
  digest: string;
  /** True when the current policy widened the purpose: no uploads until granted again. */
  stale: boolean;
}

/** Told after a change is durable: `live` true on a grant that made it live, false on a withdrawal. */
export type ConsentChangeCallback = (recipient: string, purpose: string, tier: Tier, live: boolean) => void;

/** The owner's consents (PRIVACY.md req 1, 2, 5, 6, 16). No method throws. */
export interface ConsentLedger {
  /**
   * Grant (recipient, purpose, tier); without `tier`, the purpose's own tier.
   * An opt-in tier (energy `30min`) needs its own call. Re-granting a stale
   * consent refreshes it to the current definition.
   * @returns Err.None once durably written, or ConsentUnknownRecipient,
   *   ConsentUnknownPurpose, ConsentUnknownTier, ConsentEssential, ConsentStoreFailed
   */
  grant(recipient: string, purpose: string, tier?: Tier): number;
  /**
   * Withdraw (recipient, purpose, tier); without `tier`, every tier of the
   * purpose. Works for records of purposes the policy no longer declares.
   * Fails safe: when the store refuses the change, the consent still stops
   * at once (listeners are told) but comes back after a reboot, and the
   * call returns ConsentStoreFailed so the owner can retry.
   * @returns Err.None once durably written (or nothing was granted), or the same codes as grant
   */
  withdraw(recipient: string, purpose: string, tier?: Tier): number;
  /** Every stored consent, readable. Essential purposes have no records. */
  list(): ConsentRecord[];
  isLive(recipient: string, purpose: string, tier: string): boolean;
  state(recipient: string, purpose: string, tier: string): ConsentState;
  /** Listen for durable changes (the composition root activates or purges aggregation). */
  onChange(cb: ConsentChangeCallback): void;
  /** Err.None, or Err.ConsentStoreFailed when no copy was readable at start (then: no consent). */
  loadStatus(): number;
  /** Ledger copies found present but torn or altered at start. */
  corruptCopies(): number;
}

/**
 * A record in RAM: the digest and snapshot text (`d`, `s`, 64 and 150+
 * characters) only when they differ from the purpose as declared now, since
 * otherwise they are re-derived from the policy when written (ESPRUINO.md §3).
 */
interface Held {
  r: string;
  p: string;
  t: Tier;
  g: number;
  d?: string;
  s?: string;
  /** stale (RAM only) */
  x: boolean;
}

/** Everything a ledger holds; ledgerOp works on it. Short keys: one JsVar each. */
interface LedgerState {
  o: ConsentLedgerOptions;
  h: Held[];
  q: number;
  /** Index in LEDGER_NAMES of the copy in use, -1 for none. */
  c: number;
  l: ConsentChangeCallback[];
  /** loadStatus() */
  e: number;
  /** corruptCopies() */
  k: number;
}

/** What ledgerOp does. */
const enum Op { Load, Grant, Withdraw, List, State }

/**
 * Every ledger operation in one module-level function, its helpers nested:
 * on Espruino a module-level function stays in RAM for good, a nested one
 * only while a call runs (ESPRUINO.md §3). Grant and withdraw never throw
 * (anything unexpected is ConsentStoreFailed).
 */
function ledgerOp(s: LedgerState, k: Op, r?: any, p?: any, t?: any): any {
  const policy = s.o.policy;

  /*
   * The only place the consent stage touches sdk/policy's snapshot API, so a
   * change of its signatures is a change here. One function, not three, and
   * nested in ledgerOp (no module of its own): a module-level function
   * stays in RAM for good (ESPRUINO.md §3).
   */

  /**
   * About purpose `id` as `policy` declares it now:
   * - with `hash`: its hex digest (SHA-256 of its canonical encoding);
   * - with `granted` (text from a call with neither): true when it is equal to
   *   or narrower than the definition granted; unreadable text keeps nothing
   *   (fail closed);
   * - with neither: its definition as JSON text to store with a grant.
   */
  function purposeSnapshot(policy: Policy, id: string, hash?: Hash, granted?: string): any {
    const now = snapshotPurpose(policy, id);
    // purposeDigest's definition, spelled out so that the device keeps no purposeDigest function.
    if (hash) return now ? toHex(hash.sha256(canonicalEncode(now))) : '';
    if (granted === undefined) return JSON.stringify(now);
    let g: any;
    try {
      g = JSON.parse(granted);
    } catch (e) {
      return false;
    }
    return isNarrowerOrEqual(g, now);
  }

  /**
   * The ledger file, both ways, in one function, nested here (from
   * ledger-file.ts): on Espruino a module-level function stays in RAM for good
   * (ESPRUINO.md §3).
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
  function ledgerFile(store: FileStore, records?: StoredConsent[], current?: number, seq?: number): any {
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

  function declared(r: unknown, p: unknown): PurposeDecl | undefined {
    return typeof p === 'string' && policy.purposes.hasOwnProperty(p) && policy.purposes[p].recipient === r ? policy.purposes[p] : undefined;
  }

  function offers(decl: PurposeDecl, tier: unknown): boolean {
    return tier === decl.tier || (!!decl.optInTiers && decl.optInTiers.indexOf(tier as Tier) >= 0);
  }

  /** Recomputed on each use rather than cached: a SHA-256 per use costs less than 64-char strings held in RAM. */
  function digest(id: string): string {
    return purposeSnapshot(policy, id, s.o.hash);
  }

  function find(tier: unknown): number {
    return s.h.findIndex((h) => h.r === r && h.p === p && h.t === tier);
  }

  /** Make `next` the ledger: durable first, then in RAM. */
  function persist(next: Held[]): number {
    const recs: StoredConsent[] = next.map((h) => ({ r: h.r, p: h.p, t: h.t, g: h.g, d: h.d || digest(h.p), s: h.s || purposeSnapshot(policy, h.p) }));
    const idx: number = ledgerFile(s.o.store, recs, s.c, s.q + 1);
    if (idx < 0) return Err.ConsentStoreFailed;
    s.c = idx;
    s.q++;
    s.h = next;
    return Err.None;
  }

  function emit(h: Held, live: boolean): void {
    for (let i = 0; i < s.l.length; i++) {
      try {
        s.l[i](h.r, h.p, h.t, live);
      } catch (e) {
        // A listener's failure must not undo or hide a durable change.
      }
    }
  }

  function grant(): number {
    if (typeof r !== 'string' || !policy.recipients.hasOwnProperty(r)) return Err.ConsentUnknownRecipient;
    const decl = declared(r, p);
    if (!decl) return Err.ConsentUnknownPurpose;
    if (decl.essential) return Err.ConsentEssential;
    const tier = t === undefined ? decl.tier : t;
    if (!offers(decl, tier)) return Err.ConsentUnknownTier;
    const i = find(tier);
    const wasLive = i >= 0 && !s.h[i].x;
    // A live record without its own digest was granted for the definition declared now.
    if (wasLive && !s.h[i].d) return Err.None;
    const rec: Held = { r: r, p: p, t: tier, g: s.o.clock.now(), x: false };
    const next = s.h.slice();
    if (i >= 0) next[i] = rec;
    else next.push(rec);
    const code = persist(next);
    if (!code && !wasLive) emit(rec, true);
    return code;
  }

  function withdraw(): number {
    const decl = declared(r, p);
    if (decl && decl.essential) return Err.ConsentEssential;
    const held = s.h;
    if (!decl && !held.some((h) => h.r === r && h.p === p)) {
      return (typeof r === 'string' && policy.recipients.hasOwnProperty(r)) || held.some((h) => h.r === r) ? Err.ConsentUnknownPurpose : Err.ConsentUnknownRecipient;
    }
    if (t !== undefined && !(decl && offers(decl, t)) && find(t) < 0) return Err.ConsentUnknownTier;
    const next = held.filter((h) => !(h.r === r && h.p === p && (t === undefined || h.t === t)));
    if (next.length === held.length) return Err.None;
    const code = persist(next);
    // Fail safe: a withdrawal that could not be written still stops the flow until
    // reboot (and is reported, so the owner knows to retry); a grant never does.
    s.h = next;
    held.forEach((h) => { if (next.indexOf(h) < 0) emit(h, false); });
    return code;
  }

  if (k === Op.Load) {
    const loaded: LoadedLedger = ledgerFile(s.o.store);
    s.q = loaded.seq;
    s.c = loaded.current;
    s.k = loaded.corrupt;
    s.e = loaded.current < 0 && loaded.corrupt > 0 ? Err.ConsentStoreFailed : Err.None;
    s.l = [];
    // Stale unless declared now for the same recipient and tier, and equal or narrower (fail closed on errors).
    s.h = loaded.records.map((rec) => {
      const decl = declared(rec.r, rec.p);
      let cur = '';
      let x = true;
      try {
        cur = digest(rec.p);
        x = !decl || !!decl.essential || !offers(decl, rec.t) || (rec.d !== cur && !purposeSnapshot(policy, rec.p, undefined, rec.s));
      } catch (e) {
        // stale
      }
      const h: Held = { r: rec.r, p: rec.p, t: rec.t, g: rec.g, x: x };
      if (rec.d !== cur) { h.d = rec.d; h.s = rec.s; }
      return h;
    });
    return 0;
  }
  if (k === Op.List) return s.h.map((h) => ({ recipient: h.r, purpose: h.p, tier: h.t, grantedAt: h.g, digest: h.d || digest(h.p), stale: h.x }));
  if (k === Op.State) {
    const decl = declared(r, p);
    if (decl && decl.essential) return t === decl.tier ? ConsentState.Live : ConsentState.None;
    const i = find(t);
    return i < 0 ? ConsentState.None : s.h[i].x ? ConsentState.Stale : ConsentState.Live;
  }
  try {
    return k === Op.Grant ? grant() : withdraw();
  } catch (e) {
    return Err.ConsentStoreFailed;
  }
}

/**
 * Create the consent ledger, loading the valid copy with the higher sequence
 * number. A record stays live when the purpose it names is declared now for
 * the same recipient and tier and is equal to or narrower than the
 * definition granted; anything else (wider, removed, unreadable) is stale.
 */
export function createConsentLedger(options: ConsentLedgerOptions): ConsentLedger {
  // One local, so the methods' shared scope holds nothing else.
  const s = { o: options } as LedgerState;
  ledgerOp(s, Op.Load);
  return {
    grant: (r, p, tier) => ledgerOp(s, Op.Grant, r, p, tier),
    withdraw: (r, p, tier) => ledgerOp(s, Op.Withdraw, r, p, tier),
    list: () => ledgerOp(s, Op.List),
    isLive: (r, p, t) => ledgerOp(s, Op.State, r, p, t) === ConsentState.Live,
    state: (r, p, t) => ledgerOp(s, Op.State, r, p, t),
    onChange: (cb) => { s.l.push(cb); },
    loadStatus: () => s.e,
    corruptCopies: () => s.k,
  };
}
