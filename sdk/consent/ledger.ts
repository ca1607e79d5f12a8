import { Err } from '../model/index';
import type { Policy, PurposeDecl, Tier } from '../model/index';
import type { Clock, FileStore, Hash } from '../platform/index';
import { loadLedger, saveLedger } from './ledger-file';
import type { StoredConsent } from './ledger-file';
import { ConsentState } from './consent-state';
import { digestOf, keepsConsent, snapshotText } from './purpose-snapshot';

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

interface Held extends StoredConsent {
  /** stale (RAM only) */
  x: boolean;
}

/** Everything a ledger holds; the functions below work on it. */
interface LedgerState {
  o: ConsentLedgerOptions;
  held: Held[];
  seq: number;
  /** Index in LEDGER_NAMES of the copy in use, -1 for none. */
  current: number;
  listeners: ConsentChangeCallback[];
}

function own(o: any, key: unknown): boolean {
  return typeof key === 'string' && o.hasOwnProperty(key);
}

function offers(decl: PurposeDecl, tier: unknown): boolean {
  return tier === decl.tier || (!!decl.optInTiers && decl.optInTiers.indexOf(tier as Tier) >= 0);
}

function declared(policy: Policy, r: unknown, p: unknown): PurposeDecl | undefined {
  return own(policy.purposes, p) && policy.purposes[p as string].recipient === r ? policy.purposes[p as string] : undefined;
}

/** Recomputed on each use rather than cached: a SHA-256 per grant costs less than 64-char strings held in RAM (ESPRUINO.md §3). */
function digest(s: LedgerState, p: string): string {
  return digestOf(s.o.policy, p, s.o.hash);
}

/** Stale unless declared now for the same recipient and tier, and equal or narrower (fail closed on errors). */
function isStale(s: LedgerState, rec: StoredConsent): boolean {
  const decl = declared(s.o.policy, rec.r, rec.p);
  if (!decl || decl.essential || !offers(decl, rec.t)) return true;
  try {
    return rec.d !== digest(s, rec.p) && !keepsConsent(rec.s, s.o.policy, rec.p);
  } catch (e) {
    return true;
  }
}

function find(s: LedgerState, r: string, p: string, t: unknown): number {
  return s.held.findIndex((h) => h.r === r && h.p === p && h.t === t);
}

/** Make `next` the ledger: durable first, then in RAM. */
function persist(s: LedgerState, next: Held[]): number {
  const idx = saveLedger(s.o.store, s.current, s.seq + 1, next);
  if (idx < 0) return Err.ConsentStoreFailed;
  s.current = idx;
  s.seq++;
  s.held = next;
  return Err.None;
}

function emit(s: LedgerState, h: Held, live: boolean): void {
  for (let i = 0; i < s.listeners.length; i++) {
    try {
      s.listeners[i](h.r, h.p, h.t, live);
    } catch (e) {
      // A listener's failure must not undo or hide a durable change.
    }
  }
}

function grant(s: LedgerState, r: string, p: string, tier?: Tier): number {
  const policy = s.o.policy;
  if (!own(policy.recipients, r)) return Err.ConsentUnknownRecipient;
  const decl = declared(policy, r, p);
  if (!decl) return Err.ConsentUnknownPurpose;
  if (decl.essential) return Err.ConsentEssential;
  const t = tier === undefined ? decl.tier : tier;
  if (!offers(decl, t)) return Err.ConsentUnknownTier;
  const d = digest(s, p);
  const i = find(s, r, p, t);
  const wasLive = i >= 0 && !s.held[i].x;
  if (wasLive && s.held[i].d === d) return Err.None;
  const rec: Held = { r: r, p: p, t: t, g: s.o.clock.now(), d: d, s: snapshotText(policy, p), x: false };
  const next = s.held.slice();
  if (i >= 0) next[i] = rec;
  else next.push(rec);
  const code = persist(s, next);
  if (!code && !wasLive) emit(s, rec, true);
  return code;
}

function withdraw(s: LedgerState, r: string, p: string, tier?: Tier): number {
  const policy = s.o.policy;
  const decl = declared(policy, r, p);
  if (decl && decl.essential) return Err.ConsentEssential;
  const held = s.held;
  if (!decl && !held.some((h) => h.r === r && h.p === p)) {
    return own(policy.recipients, r) || held.some((h) => h.r === r) ? Err.ConsentUnknownPurpose : Err.ConsentUnknownRecipient;
  }
  if (tier !== undefined && !(decl && offers(decl, tier)) && find(s, r, p, tier) < 0) return Err.ConsentUnknownTier;
  const next = held.filter((h) => !(h.r === r && h.p === p && (tier === undefined || h.t === tier)));
  if (next.length === held.length) return Err.None;
  const code = persist(s, next);
  // Fail safe: a withdrawal that could not be written still stops the flow until
  // reboot (and is reported, so the owner knows to retry); a grant never does.
  s.held = next;
  held.forEach((h) => { if (next.indexOf(h) < 0) emit(s, h, false); });
  return code;
}

function stateOf(s: LedgerState, r: string, p: string, t: string): ConsentState {
  const decl = declared(s.o.policy, r, p);
  if (decl && decl.essential) return t === decl.tier ? ConsentState.Live : ConsentState.None;
  const i = find(s, r, p, t);
  return i < 0 ? ConsentState.None : s.held[i].x ? ConsentState.Stale : ConsentState.Live;
}

function guarded(body: () => number): number {
  try {
    return body();
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
  const loaded = loadLedger(options.store);
  const status = loaded.current < 0 && loaded.corrupt > 0 ? Err.ConsentStoreFailed : Err.None;
  const s: LedgerState = { o: options, held: [], seq: loaded.seq, current: loaded.current, listeners: [] };
  s.held = loaded.records.map((rec) => ({ r: rec.r, p: rec.p, t: rec.t, g: rec.g, d: rec.d, s: rec.s, x: isStale(s, rec) }));
  return {
    grant: (r, p, tier) => guarded(() => grant(s, r, p, tier)),
    withdraw: (r, p, tier) => guarded(() => withdraw(s, r, p, tier)),
    list: () => s.held.map((h) => ({ recipient: h.r, purpose: h.p, tier: h.t, grantedAt: h.g, digest: h.d, stale: h.x })),
    isLive: (r, p, t) => stateOf(s, r, p, t) === ConsentState.Live,
    state: (r, p, t) => stateOf(s, r, p, t),
    onChange: (cb) => { s.listeners.push(cb); },
    loadStatus: () => status,
    corruptCopies: () => loaded.corrupt,
  };
}
