import { Err } from '../model/index';
import type { FieldDecl, GateStage, Policy, PurposeDecl, Report, Tier } from '../model/index';
import type { EgressGateOptions, GateCounters } from './gate';
import { ConsentState } from './consent-state';
import { isAlignedWindow } from './window';
import { Rule, allows, tierRank } from '../policy/index';
import { findText } from '../util/index';

/*
 * The gate's per-report rules that look inside a report: its envelope keys,
 * its fields and their values, and the class floors (PRIVACY.md "Floors by
 * data class"), read from sdk/policy's rule tables so that the compile-time
 * checks, validatePolicy and the gate cannot disagree. Each returns Err.None
 * or the refusal code; none throws on well-typed input, and gate.ts catches
 * the rest.
 */

/** What `gateCheck` reads through `this`: the gate object itself. */
export interface GateSelf {
  o: EgressGateOptions;
  counters: GateCounters;
}

/**
 * The gate's `check` method (ConsentEgressGate): a shared module-level
 * function over the gate object rather than a closure per gate, so it needs
 * `this` (call it as `gate.check(...)`). Counts the result, tells onBlocked
 * of a refusal and never throws: anything it cannot read is GateBadValue.
 */
export function gateCheck(this: GateSelf, report: Report, endpoint: string, stage: GateStage): number {
  const o = this.o;
  const counters = this.counters;
  let code: number;
  try {
    code = checkReport(report, endpoint);
  } catch (e) {
    code = Err.GateBadValue;
  }
  counters[code] = (counters[code] || 0) + 1;
  if (code && o.onBlocked) {
    try {
      o.onBlocked(report, code, stage);
    } catch (e) {
      // The refusal stands whatever the observer does.
    }
  }
  return code;

  /** The whole rule set, in the order refusals are reported. May throw on hostile input; the caller catches. */
  function checkReport(report: any, endpoint: unknown): number {
    // Every rule nested in the one function the gate calls, against the 40-line
    // guideline: on Espruino a module-level function stays in RAM for good, a
    // nested one only while a check runs (ESPRUINO.md §3).
    /** Keys a report may carry; anything else could smuggle data past the gate. */
    const ENVELOPE = '|id|recipient|purpose|tier|windowStart|windowMs|fields|coveragePermille|pseudonym|';

    /** Longest report id and pseudonym, in hex digits (128 and 256 bits). */
    const MAX_ID_HEX = 32;
    const MAX_PSEUDONYM_HEX = 64;

    /**
     * Own property only, so `constructor` or `toString` never pass as declared
     * names. Espruino has no readable `Object.prototype`; an object that shadows
     * hasOwnProperty makes this throw, which the gate turns into a refusal.
     */
    function own(o: any, key: string): boolean {
      return o.hasOwnProperty(key);
    }

    function isHex(s: unknown, max: number): boolean {
      if (typeof s !== 'string' || s.length > max) return false;
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70))) return false;
      }
      return true;
    }

    function isNum(v: unknown): boolean {
      return typeof v === 'number' && isFinite(v);
    }

    function classOf(policy: Policy, channel: string): string {
      return own(policy.channels, channel) ? policy.channels[channel].dataClass : '';
    }

    /**
     * The tier must be the purpose's own tier or one of its opt-in tiers, and
     * allowed for every field's class by sdk/policy's tables (PLAIN_TIERS for
     * the purpose's tier, OPT_IN_TIERS for an opt-in one): so diagnostic no
     * finer than 1h, usage than 1d, energy than 1d unless opted in (then 30min).
     * Sensitive channels never leave.
     */
    function checkTier(policy: Policy, decl: PurposeDecl, tier: unknown): number {
      const plain = tier === decl.tier;
      if (tierRank(tier) < 0 || (!plain && !(decl.optInTiers && decl.optInTiers.indexOf(tier as Tier) >= 0))) return Err.GateTierBelowFloor;
      for (let i = 0; i < decl.fields.length; i++) {
        const cls = classOf(policy, decl.fields[i].channel);
        if (cls === 'sensitive' || !allows(Rule.Classes, '', cls)) return Err.GateAggregateNotAllowed;
        if (!allows(plain ? Rule.Plain : Rule.OptIn, cls, tier)) return Err.GateTierBelowFloor;
      }
      return Err.None;
    }

    /** Only the declared envelope keys; a well-formed id, coverage and (declared) pseudonym. */
    function checkEnvelope(decl: PurposeDecl, report: any): number {
      for (const key in report) {
        if (own(report, key) && findText(ENVELOPE, '|' + key + '|') < 0) return Err.GateUndeclaredField;
      }
      if (report.id !== undefined && !isHex(report.id, MAX_ID_HEX)) return Err.GateBadValue;
      const cov = report.coveragePermille;
      if (!isNum(cov) || cov < 0 || cov > 1000) return Err.GateBadValue;
      if (report.pseudonym !== undefined) {
        if (!decl.redaction || !decl.redaction.pseudonym) return Err.GateUndeclaredField;
        if (!isHex(report.pseudonym, MAX_PSEUDONYM_HEX)) return Err.GateBadValue;
      }
      return Err.None;
    }

    function findField(decl: PurposeDecl, key: string): FieldDecl | undefined {
      for (let i = 0; i < decl.fields.length; i++) {
        const f = decl.fields[i];
        if (f.channel + '.' + f.aggregate === key) return f;
      }
      return undefined;
    }

    function isValidValue(f: FieldDecl, v: unknown): boolean {
      if (f.aggregate !== 'histogram') return isNum(v);
      if (!Array.isArray(v) || v.length === 0) return false;
      if (f.bounds && v.length !== f.bounds.length + 1) return false;
      for (let i = 0; i < v.length; i++) if (!isNum(v[i])) return false;
      return true;
    }

    /**
     * Every field key is `channel.aggregate` declared by the purpose, the
     * aggregate is allowed for the channel's class (order statistics only on
     * diagnostic channels, nothing from sensitive ones) and the value is a
     * finite number (histograms: an array of them, one per bucket). A report
     * without fields is refused too.
     */
    function checkFields(policy: Policy, decl: PurposeDecl, fields: unknown): number {
      if (!fields || typeof fields !== 'object' || Array.isArray(fields)) return Err.GateBadValue;
      const values = fields as { [k: string]: unknown };
      let n = 0;
      for (const key in values) {
        if (!own(values, key)) continue;
        n++;
        const f = findField(decl, key);
        if (!f) return Err.GateUndeclaredField;
        const ch = own(policy.channels, f.channel) ? policy.channels[f.channel] : undefined;
        if (!ch || !allows(Rule.Class, ch.dataClass, f.aggregate) || !allows(Rule.Kind, ch.kind, f.aggregate)) {
          return Err.GateAggregateNotAllowed;
        }
        if (!isValidValue(f, values[key])) return Err.GateBadValue;
      }
      return n > 0 ? Err.None : Err.GateBadValue;
    }

    function consentCode(state: ConsentState): number {
      return state === ConsentState.Live ? Err.None : state === ConsentState.Stale ? Err.GateStaleConsent : Err.GateNoConsent;
    }

    const policy = o.policy;
    if (!report || typeof report !== 'object') return Err.GateBadValue;
    const r = report.recipient;
    if (typeof r !== 'string' || !own(policy.recipients, r)) return Err.GateUnknownRecipient;
    const p = report.purpose;
    if (typeof p !== 'string' || !own(policy.purposes, p) || policy.purposes[p].recipient !== r) return Err.GateUnknownPurpose;
    const decl = policy.purposes[p];
    if (typeof endpoint !== 'string' || endpoint !== policy.recipients[r].endpoint) return Err.GateEndpointMismatch;
    let code = checkTier(policy, decl, report.tier);
    if (code) return code;
    code = consentCode(o.ledger.state(r, p, report.tier));
    if (code) return code;
    // Exactly one window of the tier, or of a coarser step of the outbox's ladder (a merged, never-sent report).
    if (!isAlignedWindow(report.tier, report.windowStart, report.windowMs, true)) return Err.GateUnalignedWindow;
    const clock = o.clock;
    if (clock && (!clock.isSynced() || report.windowStart + report.windowMs > clock.now())) return Err.GateUnalignedWindow;
    code = checkEnvelope(decl, report);
    return code ? code : checkFields(policy, decl, report.fields);
  }
}
