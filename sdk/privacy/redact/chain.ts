/**
 * The redaction chain of one purpose: the fixed, ordered stages a report
 * passes between the aggregators and the outbox (STYLE.md §9).
 *
 *   a. declared only    drop every field and key the purpose does not declare
 *   b. allow-list       keep only the allowed fields (when narrowed)
 *   c. min-count        withhold what rests on fewer than kMin samples/events
 *   d. rounding         generalise values to multiples of `round` (when declared)
 *                       (a–d: one pass per field, redactFields in fields.ts)
 *   e. coarsening       align the window to the tier, whatever upstream did
 *   f. pseudonym        attach the pseudonym, or strip a stray one
 *                       (e–f: one copy of the report, finishReport in time.ts)
 *
 * Each stage also exists as a processor built by its factory (createDeclaredOnly,
 * createAllowList, …, STYLE.md §9); the chain calls the plain stage functions
 * in a fixed sequence instead of holding an array of per-chain closures: on
 * Espruino every closure costs JsVars for as long as the chain lives.
 *
 * The order is part of the privacy argument: min-count must see raw counts
 * (a rounded 3 may read 5), and coarsening runs late so that nothing after it
 * can unalign the window.
 */
import { Err } from '../../model/index';
import type { Policy, PurposeDecl, Report, Tier } from '../../model/index';
import { redactFields } from './fields';
import { DEFAULT_K_MIN } from './min-count';
import { isInteger, isNumber } from './report';
import type { Pseudonym } from './pseudonym';
import { EXACT, MAX_STEP_DECIMALS, TIE_SLACK } from './rounding';
import type { Step } from './rounding';
import { finishReport, tierIndex } from './time';
import { Redacted, REDACTED_SLOTS, tallyCounters } from './types';
import type { FieldCounts, RedactionCounters } from './types';

/** What {@link createRedactionChain} takes besides the policy and the purpose id. */
export interface RedactionChainOptions {
  /**
   * The tier the consent grants: the purpose's `tier` or one of its
   * `optInTiers`. Reports of any other tier are dropped (Mismatch).
   * @default purpose.tier
   */
  tier?: Tier;
  /** Narrow the fields further, e.g. to those a consent granted (`channel.aggregate` keys). @default every declared field */
  allow?: string[];
  /** Required when the purpose declares `redaction.pseudonym`; ignored otherwise (stray pseudonyms are stripped). */
  pseudonym?: Pseudonym;
}

/** A purpose's redaction, ready for reports. */
export interface RedactionChain {
  /**
   * Redact one report: a new report, or null when it is withheld. `counts`
   * holds the samples/events behind each field (see FieldCounts). Never
   * throws and never mutates `report` or `counts`.
   */
  apply(report: Report, counts: FieldCounts): Report | null;
  /** Totals by reason since construction. Call it as a method (`chain.counters()`). */
  counters(): RedactionCounters;
}

/**
 * `err` is Err.None, or Err.BadOption when the purpose is unknown, the tier
 * is not one it offers, its kMin or round is invalid, or a declared
 * pseudonym was not supplied. On error `chain` is still usable and
 * fail-closed: it withholds every report (counted BadConfig).
 */
export interface RedactionChainResult {
  err: Err;
  chain: RedactionChain;
}

/**
 * Build the redaction chain of `purposeId` in `policy`: stages a–f above,
 * from the purpose's `redaction` (kMin @default 5, optional round and
 * pseudonym) and `options`. Never throws, here or in `apply`.
 */
export function createRedactionChain(policy: Policy, purposeId: string, options?: RedactionChainOptions): RedactionChainResult {
  const o = options || {};
  const purposes = policy && policy.purposes;
  const p = purposes && typeof purposeId === 'string' && purposes.hasOwnProperty(purposeId) ? purposes[purposeId] : undefined;
  const tier = o.tier || (p ? p.tier : '1d');
  let ok = false;
  let kMin = DEFAULT_K_MIN;
  let step: Step | null = null;
  let pseudonym: Pseudonym | null = null;
  try {
    const red = p && Array.isArray(p.fields) ? p.redaction || {} : null;
    if (p && red) {
      if (red.kMin !== undefined) kMin = red.kMin;
      // resolveStep (rounding.ts), inline: the step as integers, or null when it is not a finite number > 0 with at most 6 decimals.
      const round = red.round;
      if (isNumber(round) && round > 0) {
        let scale = 1;
        for (let d = 0; d <= MAX_STEP_DECIMALS && !step; d++) {
          const units = Math.round(round * scale);
          if (units >= 1 && units < EXACT && Math.abs(round * scale - units) <= TIE_SLACK * units) step = { units, scale };
          scale *= 10;
        }
      }
      pseudonym = red.pseudonym && typeof o.pseudonym === 'function' ? o.pseudonym : null;
      // The tiers a purpose offers: its tier and its optInTiers.
      const offered = tier === p.tier || (Array.isArray(p.optInTiers) && p.optInTiers.indexOf(tier) >= 0);
      let decls = true; // a missing field declaration fails the build, not every report
      for (let i = 0; i < p.fields.length; i++) if (p.fields[i] === null || p.fields[i] === undefined) decls = false;
      ok = decls && isInteger(kMin) && kMin >= 1 && tierIndex(tier) >= 0 && offered && (red.round === undefined || step !== null) && (!red.pseudonym || pseudonym !== null);
    }
  } catch (e) {
    ok = false;
  }
  // The chain is plain state with two shared methods: no closure, so no
  // scope holding the options (and through them an unused pseudonym) alive.
  const chain: ChainState = {
    apply: chainApply, counters: tallyCounters, t: new Uint32Array(REDACTED_SLOTS),
    p: ok ? p : undefined, i: purposeId, r: tier, a: o.allow ? (Array.isArray(o.allow) ? o.allow.slice() : []) : null,
    k: kMin, s: step, y: pseudonym,
  };
  return { err: ok ? Err.None : Err.BadOption, chain };
}

/**
 * A chain's state (short keys: it lives as long as the chain, and on
 * Espruino every property name costs JsVars; ESPRUINO.md §3).
 */
interface ChainState extends RedactionChain {
  /** The tally, indexed by Redacted. */
  t: Uint32Array;
  /** The purpose; undefined when the chain was built from invalid options (fail-closed). */
  p: PurposeDecl | undefined;
  /** Purpose id. */
  i: string;
  /** Tier. */
  r: Tier;
  /** Allow-list, or null for every declared field. */
  a: string[] | null;
  /** kMin. */
  k: number;
  /** Rounding step, or null. */
  s: Step | null;
  /** Pseudonym, or null. */
  y: Pseudonym | null;
}

/** `apply` of every chain: one shared method over the chain's state (see RedactionChain.apply). */
function chainApply(this: ChainState, report: Report, counts: FieldCounts): Report | null {
  const c = this;
  const p = c.p;
  if (!p) {
    c.t[Redacted.BadConfig]++;
    return null;
  }
  try {
    // Only a report object of this chain's purpose, recipient and tier.
    if (!report || typeof report !== 'object' || !report.fields || typeof report.fields !== 'object' || Array.isArray(report.fields) ||
      report.purpose !== c.i || report.recipient !== p.recipient || report.tier !== c.r) {
      c.t[Redacted.Mismatch]++;
      return null;
    }
    let r = redactFields(report, counts && typeof counts === 'object' ? counts : {}, c.t, p, c.a, c.k, c.s);
    if (r) r = finishReport(r, c.t, c.r, true, c.y);
    if (r) c.t[Redacted.Passed]++;
    return r;
  } catch (e) {
    c.t[Redacted.Internal]++;
    return null;
  }
}
