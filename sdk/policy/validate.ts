/**
 * Run-time policy validation: the twin of `definePolicy`'s compile-time
 * checks (PRIVACY.md requirement 9) plus the structure no type can promise
 * once a policy is loaded from Storage and cast. Never throws.
 *
 * One exported function with its checks nested inside, against the usual
 * 40-line guideline: on Espruino every module-level function stays in RAM
 * for good (≈ 5 JsVars each, ESPRUINO.md §3), while nested ones exist only
 * while validatePolicy runs, once at boot.
 *
 * The checks return `null` for "no problem", never `undefined`: terser turns
 * a final `return undefined` into a bare `return}`, and Espruino 2v29 throws
 * "SyntaxError: Unexpected end of Input" when it runs a function whose body
 * ends in a bare `return` after another statement (measured on the Linux
 * build: `function f(x){x++;return}` fails, `function f(){return}` and
 * `function f(x){x++;return;}` do not).
 */
import { Err } from '../model/index';
import { MAX_RELEASE_DELAY_H, Rule, allows, tierRank } from './rules';
import { parseEndpoint } from '../util/index';

/** The outcome of `validatePolicy`. */
export interface PolicyCheck {
  /** Err.None, or the first rule the policy breaks. */
  err: Err;
  /** Where, as a path into the policy (`purposes.energy.fields[0].aggregate`); empty when valid. */
  where: string;
}

type Dict = { [key: string]: unknown };
type Check = PolicyCheck | null;

/**
 * Check a policy as loaded at run time: channels, recipients (endpoint and
 * transport), then every purpose (recipient, fields, tiers against the class
 * floors, `essential`, redaction). The first problem wins.
 * @returns `{ err: Err.None, where: '' }` or the error code and its path
 */
export function validatePolicy(p: unknown): PolicyCheck {
  function fail(err: Err, where: string): PolicyCheck {
    return { err: err, where: where };
  }
  function isDict(v: unknown): v is Dict {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  }
  function isNum(v: unknown): v is number {
    return typeof v === 'number' && isFinite(v);
  }
  function isInt(v: unknown): v is number {
    return isNum(v) && Math.floor(v) === v;
  }
  function hasKey(o: Dict, key: unknown): key is string {
    return typeof key === 'string' && Object.keys(o).indexOf(key) >= 0;
  }
  function checkChannel(c: unknown, at: string): Check {
    if (!isDict(c)) return fail(Err.PolicyBadChannel, at);
    if (!allows(Rule.Kinds, '', c.kind)) return fail(Err.PolicyBadChannel, at + '.kind');
    if (!allows(Rule.Classes, '', c.dataClass)) return fail(Err.PolicyBadChannel, at + '.dataClass');
    if (typeof c.unit !== 'string') return fail(Err.PolicyBadChannel, at + '.unit');
    if (!isNum(c.min)) return fail(Err.PolicyBadChannel, at + '.min');
    if (!isNum(c.max) || c.max <= c.min) return fail(Err.PolicyBadChannel, at + '.max');
    if (!isInt(c.periodMs) || c.periodMs <= 0) return fail(Err.PolicyBadChannel, at + '.periodMs');
    return null;
  }
  function checkRecipient(r: unknown, at: string): Check {
    if (!isDict(r)) return fail(Err.PolicyBadRecipient, at);
    const ep = parseEndpoint(r.endpoint);
    if (!ep) return fail(Err.PolicyBadRecipient, at + '.endpoint');
    if (ep.scheme !== r.transport) return fail(Err.PolicyBadRecipient, at + '.transport');
    return null;
  }
  function isAscending(v: unknown): boolean {
    if (!Array.isArray(v)) return false;
    for (let i = 0; i < v.length; i++) {
      if (!isNum(v[i]) || (i > 0 && v[i] <= v[i - 1])) return false;
    }
    return true;
  }
  function checkField(channels: Dict, f: unknown, at: string): Check {
    if (!isDict(f)) return fail(Err.PolicyMalformed, at);
    if (!hasKey(channels, f.channel)) return fail(Err.PolicyUnknownChannel, at + '.channel');
    const ch = channels[f.channel] as Dict;
    const a = f.aggregate;
    if (ch.dataClass === 'sensitive') return fail(Err.PolicySensitive, at + '.channel');
    if (!allows(Rule.Kind, ch.kind, a)) return fail(Err.PolicyAggregateKind, at + '.aggregate');
    if (ch.dataClass !== 'diagnostic' && allows(Rule.OrderStat, '', a)) return fail(Err.PolicyOrderStatistic, at + '.aggregate');
    // The class table has no code of its own; PolicyAggregateKind covers "does not fit the channel".
    if (!allows(Rule.Class, ch.dataClass, a)) return fail(Err.PolicyAggregateKind, at + '.aggregate');
    if (f.bounds !== undefined && (a !== 'histogram' || !isAscending(f.bounds))) return fail(Err.PolicyMalformed, at + '.bounds');
    if (f.threshold !== undefined && (a !== 'dutyCycle' || !isNum(f.threshold))) return fail(Err.PolicyMalformed, at + '.threshold');
    return null;
  }
  /** True when every class of the purpose allows `tier` in table `t` (Rule.Plain or Rule.OptIn). */
  function allowsTier(t: Rule, classes: string[], tier: unknown): boolean {
    for (let i = 0; i < classes.length; i++) if (!allows(t, classes[i], tier)) return false;
    return true;
  }
  /** Checks every field and collects the classes of their channels into `classes`. */
  function checkFields(channels: Dict, fields: unknown[], at: string, classes: string[]): Check {
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
  function checkTiers(u: Dict, classes: string[], at: string): Check {
    if (tierRank(u.tier) < 0) return fail(Err.PolicyMalformed, at + '.tier');
    if (!allowsTier(Rule.Plain, classes, u.tier)) return fail(Err.PolicyTierBelowFloor, at + '.tier');
    const opt = u.optInTiers;
    if (opt === undefined) return null;
    if (!Array.isArray(opt)) return fail(Err.PolicyMalformed, at + '.optInTiers');
    for (let i = 0; i < opt.length; i++) {
      const where = at + '.optInTiers[' + i + ']';
      if (tierRank(opt[i]) < 0) return fail(Err.PolicyMalformed, where);
      if (!allowsTier(Rule.OptIn, classes, opt[i])) return fail(Err.PolicyTierBelowFloor, where);
    }
    return null;
  }
  function checkRedaction(r: unknown, at: string): Check {
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
  /** Channels and recipients were checked before, so a declared channel here has a known kind and class. */
  function checkPurpose(channels: Dict, recipients: Dict, u: unknown, at: string): Check {
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
  function everyEntry(table: Dict, prefix: string, each: (value: unknown, at: string) => Check): Check {
    const ids = Object.keys(table);
    for (let i = 0; i < ids.length; i++) {
      const r = each(table[ids[i]], prefix + ids[i]);
      if (r) return r;
    }
    return null;
  }
  function check(): PolicyCheck {
    if (!isDict(p)) return fail(Err.PolicyMalformed, '');
    if (!isInt(p.version) || p.version < 1) return fail(Err.PolicyMalformed, 'version');
    const channels = p.channels;
    const recipients = p.recipients;
    const purposes = p.purposes;
    if (!isDict(channels)) return fail(Err.PolicyMalformed, 'channels');
    if (!isDict(recipients)) return fail(Err.PolicyMalformed, 'recipients');
    if (!isDict(purposes)) return fail(Err.PolicyMalformed, 'purposes');
    const bad =
      everyEntry(channels, 'channels.', checkChannel) ||
      everyEntry(recipients, 'recipients.', checkRecipient) ||
      everyEntry(purposes, 'purposes.', (u, at) => checkPurpose(channels, recipients, u, at));
    return bad || fail(Err.None, '');
  }
  try {
    return check();
  } catch (e) {
    // Unreachable by design; a cast policy must still never crash the device at start.
    return fail(Err.PolicyMalformed, '');
  }
}
