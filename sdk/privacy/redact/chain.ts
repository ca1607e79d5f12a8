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
import type { Policy, Report, Tier } from '../../model/index';
import { redactFields } from './fields';
import { DEFAULT_K_MIN } from './min-count';
import { isInteger } from './report';
import type { Pseudonym } from './pseudonym';
import { resolveStep } from './rounding';
import type { Step } from './rounding';
import { finishReport, tierIndex } from './time';
import { Redacted, REDACTED_SLOTS, readCounters } from './types';
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
  const tally = new Uint32Array(REDACTED_SLOTS);
  const purposes = policy && policy.purposes;
  const p = purposes && typeof purposeId === 'string' && purposes.hasOwnProperty(purposeId) ? purposes[purposeId] : undefined;
  const tier = o.tier || (p ? p.tier : '1d');
  let ok = false;
  let kMin = DEFAULT_K_MIN;
  let step: Step | null = null;
  let pseudonym: Pseudonym | null = null;
  const allow = o.allow ? (Array.isArray(o.allow) ? o.allow.slice() : []) : null;
  try {
    const red = p && Array.isArray(p.fields) ? p.redaction || {} : null;
    if (p && red) {
      if (red.kMin !== undefined) kMin = red.kMin;
      step = red.round === undefined ? null : resolveStep(red.round);
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
  const apply = (report: Report, counts: FieldCounts): Report | null => {
    if (!ok || !p) {
      tally[Redacted.BadConfig]++;
      return null;
    }
    try {
      // Only a report object of this chain's purpose, recipient and tier.
      if (!report || typeof report !== 'object' || !report.fields || typeof report.fields !== 'object' || Array.isArray(report.fields) ||
        report.purpose !== purposeId || report.recipient !== p.recipient || report.tier !== tier) {
        tally[Redacted.Mismatch]++;
        return null;
      }
      let r = redactFields(report, counts && typeof counts === 'object' ? counts : {}, tally, p, allow, kMin, step);
      if (r) r = finishReport(r, tally, tier, true, pseudonym);
      if (r) tally[Redacted.Passed]++;
      return r;
    } catch (e) {
      tally[Redacted.Internal]++;
      return null;
    }
  };
  const chain: RedactionChain & { t: Uint32Array } = { apply, counters: chainCounters, t: tally };
  return { err: ok ? Err.None : Err.BadOption, chain };
}

/** `counters` of every chain: one shared method reading the chain's tally, not a closure per chain (JsVars). */
function chainCounters(this: { t: Uint32Array }): RedactionCounters {
  return readCounters(this.t);
}
