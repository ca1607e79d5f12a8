/**
 * The redaction chain of one purpose: the fixed, ordered stages a report
 * passes between the aggregators and the outbox (STYLE.md §9).
 *
 *   a. createDeclaredOnly   drop every field and key the purpose does not declare
 *   b. createAllowList      keep only the allowed fields (when narrowed)
 *   c. createMinCount       withhold what rests on fewer than kMin samples/events
 *   d. createRounding       generalise values to multiples of `round` (when declared)
 *   e. createTimeCoarsening align the window to the tier, whatever upstream did
 *   f. createPseudonymStage attach the pseudonym, or strip a stray one
 *
 * The order is part of the privacy argument: min-count must see raw counts
 * (a rounded 3 may read 5), and coarsening runs late so that nothing after it
 * can unalign the window.
 */
import { Err } from '../../model/index';
import type { Policy, PurposeDecl, Report, Tier } from '../../model/index';
import { createAllowList, createDeclaredOnly } from './allow-list';
import { DEFAULT_K_MIN, createMinCount, isValidKMin } from './min-count';
import type { Pseudonym } from './pseudonym';
import { createPseudonymStage } from './pseudonym';
import { createRounding, isValidStep } from './rounding';
import { createTimeCoarsening, isTier } from './time';
import { Redacted, createRedactionTally, readCounters } from './types';
import type { FieldCounts, Processor, RedactionContext, RedactionCounters } from './types';

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
  /** Totals by reason since construction. */
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

/** Tiers a purpose offers. */
function offersTier(p: PurposeDecl, tier: Tier): boolean {
  return tier === p.tier || (Array.isArray(p.optInTiers) && p.optInTiers.indexOf(tier) >= 0);
}

/** The stages for a valid configuration, or null when it is not. */
function buildStages(p: PurposeDecl, tier: Tier, o: RedactionChainOptions): Processor[] | null {
  const red = p.redaction || {};
  const kMin = red.kMin === undefined ? DEFAULT_K_MIN : red.kMin;
  if (!isValidKMin(kMin) || !isTier(tier) || !offersTier(p, tier)) return null;
  if (red.round !== undefined && !isValidStep(red.round)) return null;
  if (red.pseudonym && typeof o.pseudonym !== 'function') return null;
  const stages: Processor[] = [createDeclaredOnly(p)];
  if (o.allow) stages.push(createAllowList(o.allow));
  stages.push(createMinCount(kMin));
  if (red.round !== undefined) stages.push(createRounding(red.round));
  stages.push(createTimeCoarsening(tier));
  stages.push(createPseudonymStage(red.pseudonym && o.pseudonym ? o.pseudonym : null));
  return stages;
}

/** True when `r` is a report object this chain may take. */
function isOwnReport(r: Report, purposeId: string, p: PurposeDecl, tier: Tier): boolean {
  if (!r || typeof r !== 'object' || !r.fields || typeof r.fields !== 'object' || Array.isArray(r.fields)) return false;
  return r.purpose === purposeId && r.recipient === p.recipient && r.tier === tier;
}

/**
 * Build the redaction chain of `purposeId` in `policy`: stages a–f above,
 * from the purpose's `redaction` (kMin @default 5, optional round and
 * pseudonym) and `options`. Never throws, here or in `apply`.
 */
export function createRedactionChain(policy: Policy, purposeId: string, options?: RedactionChainOptions): RedactionChainResult {
  const o = options || {};
  const tally = createRedactionTally();
  const purposes = policy && policy.purposes;
  const p = purposes && typeof purposeId === 'string' && purposes.hasOwnProperty(purposeId) ? purposes[purposeId] : undefined;
  const tier = o.tier || (p ? p.tier : '1d');
  let stages: Processor[] | null = null;
  try {
    stages = p && Array.isArray(p.fields) ? buildStages(p, tier, o) : null;
  } catch (e) {
    stages = null;
  }
  const apply = (report: Report, counts: FieldCounts): Report | null => {
    if (!stages || !p) {
      tally[Redacted.BadConfig]++;
      return null;
    }
    try {
      if (!isOwnReport(report, purposeId, p, tier)) {
        tally[Redacted.Mismatch]++;
        return null;
      }
      const ctx: RedactionContext = { counts: counts && typeof counts === 'object' ? counts : {}, tally };
      let r: Report | null = report;
      for (let i = 0; i < stages.length && r; i++) r = stages[i](r, ctx);
      if (r) tally[Redacted.Passed]++;
      return r;
    } catch (e) {
      tally[Redacted.Internal]++;
      return null;
    }
  };
  return { err: stages ? Err.None : Err.BadOption, chain: { apply, counters: () => readCounters(tally) } };
}
