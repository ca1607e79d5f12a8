/**
 * Run-time policy validation: the twin of `definePolicy`'s compile-time
 * checks (PRIVACY.md requirement 9) plus the structure no type can promise
 * once a policy is loaded from Storage and cast. Never throws.
 */
import { Err } from '../model/index';
import { CHANNEL_KINDS, DATA_CLASSES, listed } from './rules';
import { parseEndpoint } from './endpoint';
import { checkPurpose } from './validate-purpose';
import type { PolicyCheck } from './validate-purpose';
import { isDict, isInt, isNum } from './shape';
import type { Dict } from './shape';

/** Fail with `err` at `where`. */
function fail(err: Err, where: string): PolicyCheck {
  return { err: err, where: where };
}

/** One channel: known kind and class, a unit, a finite range with min < max, an integer period > 0. */
function checkChannel(c: unknown, at: string): PolicyCheck | null {
  if (!isDict(c)) return fail(Err.PolicyBadChannel, at);
  if (!listed(CHANNEL_KINDS, c.kind)) return fail(Err.PolicyBadChannel, at + '.kind');
  if (!listed(DATA_CLASSES, c.dataClass)) return fail(Err.PolicyBadChannel, at + '.dataClass');
  if (typeof c.unit !== 'string') return fail(Err.PolicyBadChannel, at + '.unit');
  if (!isNum(c.min)) return fail(Err.PolicyBadChannel, at + '.min');
  if (!isNum(c.max) || c.max <= c.min) return fail(Err.PolicyBadChannel, at + '.max');
  if (!isInt(c.periodMs) || c.periodMs <= 0) return fail(Err.PolicyBadChannel, at + '.periodMs');
  return null;
}

/** One recipient: a known transport and an endpoint of the grammar in endpoint.ts whose scheme is that transport. */
function checkRecipient(r: unknown, at: string): PolicyCheck | null {
  if (!isDict(r)) return fail(Err.PolicyBadRecipient, at);
  const ep = parseEndpoint(r.endpoint);
  if (!ep) return fail(Err.PolicyBadRecipient, at + '.endpoint');
  if (ep.scheme !== r.transport) return fail(Err.PolicyBadRecipient, at + '.transport');
  return null;
}

/** Run `each` over every entry of `table` until one fails. */
function everyEntry(table: Dict, prefix: string, each: (value: unknown, at: string, id: string) => PolicyCheck | null): PolicyCheck | null {
  const ids = Object.keys(table);
  for (let i = 0; i < ids.length; i++) {
    const r = each(table[ids[i]], prefix + ids[i], ids[i]);
    if (r) return r;
  }
  return null;
}

/** The checks in order: structure, channels, recipients, then each purpose. */
function check(p: unknown): PolicyCheck {
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

/**
 * Check a policy of unknown origin against every rule `definePolicy` checks at
 * compile time, and its structure: `version` an integer ≥ 1; channels with a
 * known kind and class, a unit, finite `min < max` and an integer
 * `periodMs > 0`; recipients whose endpoint parses (endpoint.ts) with the
 * transport matching its scheme; purposes with a declared recipient, a
 * non-empty list of distinct fields, histogram `bounds` strictly ascending
 * finite numbers, a finite dutyCycle `threshold`, known tiers, and a redaction
 * with `round > 0`, integer `kMin ≥ 1`, boolean `pseudonym` and
 * `0 ≤ releaseDelayH[0] ≤ releaseDelayH[1] ≤ 168`.
 *
 * Returns the FIRST problem: `err` is `Err.None` for a valid policy, else one
 * of the policy codes (30–39); `where` is a short path to the offending value,
 * e.g. `purposes.energy.fields[1].aggregate` (empty for the policy itself).
 * Never throws, whatever `p` is.
 */
export function validatePolicy(p: unknown): PolicyCheck {
  try {
    return check(p);
  } catch (e) {
    // Unreachable by design; a cast policy must still never crash the device at start.
    return fail(Err.PolicyMalformed, '');
  }
}
