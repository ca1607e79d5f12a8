/**
 * Run-time checks of one purpose: its recipient, fields, tiers, `essential`
 * mark and redaction. Channels and recipients were checked before, so a
 * declared channel here has a known kind and class.
 *
 * The checks return `null` for "no problem", never `undefined`: terser turns
 * a final `return undefined` into a bare `return}`, and Espruino 2v29 throws
 * "SyntaxError: Unexpected end of Input" when it runs a function whose body
 * ends in a bare `return` after another statement (measured on the Linux
 * build: `function f(x){x++;return}` fails, `function f(){return}` and
 * `function f(x){x++;return;}` do not).
 */
import { Err } from '../model/index';
import { CLASS_AGGREGATES, KIND_AGGREGATES, MAX_RELEASE_DELAY_H, OPT_IN_TIERS, ORDER_STATISTICS, PLAIN_TIERS, listed, rowOf, tierRank } from './rules';
import { hasKey, isDict, isInt, isNum } from './shape';
import type { Dict } from './shape';

/** The outcome of `validatePolicy`. */
export interface PolicyCheck {
  /** `Err.None` when valid, else the first broken rule (a policy code, 30–39). */
  err: Err;
  /** Short path to the offending value, e.g. `purposes.energy.fields[1].aggregate`; empty for the policy itself. */
  where: string;
}

function fail(err: Err, where: string): PolicyCheck {
  return { err: err, where: where };
}

/** True for a list of finite numbers, each greater than the one before. */
function isAscending(v: unknown): boolean {
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) {
    if (!isNum(v[i]) || (i > 0 && v[i] <= v[i - 1])) return false;
  }
  return true;
}

/** One field: a declared, non-sensitive channel, an aggregate its kind and class allow, valid bounds/threshold. */
function checkField(channels: Dict, f: unknown, at: string): PolicyCheck | null {
  if (!isDict(f)) return fail(Err.PolicyMalformed, at);
  if (!hasKey(channels, f.channel)) return fail(Err.PolicyUnknownChannel, at + '.channel');
  const ch = channels[f.channel] as Dict;
  const a = f.aggregate;
  if (ch.dataClass === 'sensitive') return fail(Err.PolicySensitive, at + '.channel');
  if (!listed(rowOf(KIND_AGGREGATES, ch.kind), a)) return fail(Err.PolicyAggregateKind, at + '.aggregate');
  if (ch.dataClass !== 'diagnostic' && listed(ORDER_STATISTICS, a)) return fail(Err.PolicyOrderStatistic, at + '.aggregate');
  // The class table has no code of its own; PolicyAggregateKind covers "does not fit the channel".
  if (!listed(rowOf(CLASS_AGGREGATES, ch.dataClass), a)) return fail(Err.PolicyAggregateKind, at + '.aggregate');
  if (f.bounds !== undefined && (a !== 'histogram' || !isAscending(f.bounds))) return fail(Err.PolicyMalformed, at + '.bounds');
  if (f.threshold !== undefined && (a !== 'dutyCycle' || !isNum(f.threshold))) return fail(Err.PolicyMalformed, at + '.threshold');
  return null;
}

/** True when `tier` is in `table`'s row for every class in `classes` (the strictest floor wins). */
function allowsTier(table: { readonly [c: string]: readonly string[] }, classes: string[], tier: unknown): boolean {
  for (let i = 0; i < classes.length; i++) if (!listed(rowOf(table, classes[i]), tier)) return false;
  return true;
}

/** The fields, each checked and distinct by channel and aggregate; returns the classes they carry. */
function checkFields(channels: Dict, fields: unknown[], at: string, classes: string[]): PolicyCheck | null {
  const seen: string[] = [];
  for (let i = 0; i < fields.length; i++) {
    const where = at + '.fields[' + i + ']';
    const bad = checkField(channels, fields[i], where);
    if (bad) return bad;
    const f = fields[i] as Dict;
    const key = f.channel + '.' + f.aggregate;
    if (seen.indexOf(key) >= 0) return fail(Err.PolicyMalformed, where);
    seen.push(key);
    const cls = (channels[f.channel as string] as Dict).dataClass as string;
    if (classes.indexOf(cls) < 0) classes.push(cls);
  }
  return null;
}

/** The plain tier and the opt-in tiers: known tiers at or above every field class's floor. */
function checkTiers(u: Dict, classes: string[], at: string): PolicyCheck | null {
  if (tierRank(u.tier) < 0) return fail(Err.PolicyMalformed, at + '.tier');
  if (!allowsTier(PLAIN_TIERS, classes, u.tier)) return fail(Err.PolicyTierBelowFloor, at + '.tier');
  const opt = u.optInTiers;
  if (opt === undefined) return null;
  if (!Array.isArray(opt)) return fail(Err.PolicyMalformed, at + '.optInTiers');
  for (let i = 0; i < opt.length; i++) {
    const where = at + '.optInTiers[' + i + ']';
    if (tierRank(opt[i]) < 0) return fail(Err.PolicyMalformed, where);
    if (!allowsTier(OPT_IN_TIERS, classes, opt[i])) return fail(Err.PolicyTierBelowFloor, where);
  }
  return null;
}

/** The redaction: `round > 0`, integer `kMin ≥ 1`, boolean `pseudonym`, `0 ≤ min ≤ max ≤ 168` hours of delay. */
function checkRedaction(r: unknown, at: string): PolicyCheck | null {
  if (r === undefined) return null;
  if (!isDict(r)) return fail(Err.PolicyMalformed, at);
  if (r.round !== undefined && !(isNum(r.round) && r.round > 0)) return fail(Err.PolicyMalformed, at + '.round');
  if (r.kMin !== undefined && !(isInt(r.kMin) && r.kMin >= 1)) return fail(Err.PolicyMalformed, at + '.kMin');
  if (r.pseudonym !== undefined && typeof r.pseudonym !== 'boolean') return fail(Err.PolicyMalformed, at + '.pseudonym');
  const d = r.releaseDelayH;
  if (d === undefined) return null;
  const ok = Array.isArray(d) && d.length === 2 && isNum(d[0]) && isNum(d[1]) && d[0] >= 0 && d[0] <= d[1] && d[1] <= MAX_RELEASE_DELAY_H;
  return ok ? null : fail(Err.PolicyMalformed, at + '.releaseDelayH');
}

/** One purpose, at path `at` (`purposes.<id>`): recipient, fields, tiers, `essential`, redaction, in that order. */
export function checkPurpose(channels: Dict, recipients: Dict, u: unknown, at: string): PolicyCheck | null {
  if (!isDict(u)) return fail(Err.PolicyMalformed, at);
  if (!hasKey(recipients, u.recipient)) return fail(Err.PolicyUnknownRecipient, at + '.recipient');
  const fields = u.fields;
  if (!Array.isArray(fields) || fields.length === 0) return fail(Err.PolicyMalformed, at + '.fields');
  const classes: string[] = [];
  const bad = checkFields(channels, fields, at, classes) || checkTiers(u, classes, at);
  if (bad) return bad;
  if (u.essential !== undefined && typeof u.essential !== 'boolean') return fail(Err.PolicyMalformed, at + '.essential');
  if (u.essential === true && (classes.length !== 1 || classes[0] !== 'diagnostic')) {
    return fail(Err.PolicyEssentialNotDiagnostic, at + '.essential');
  }
  return checkRedaction(u.redaction, at + '.redaction');
}
